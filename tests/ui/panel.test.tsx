// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { JobView } from '@/utils/jobs/types';
import { GenerateParamsSchema } from '@/utils/jobs/schemas';
import {
  AUTOMATIC_PROMOTION,
  BULK_PROMOTION,
  NOW,
  PROMOTION_ID,
  SINGLE_PROMOTION,
  STORE_HASH,
  STORE_READ_ONLY,
  makeJob,
} from './fixtures';
import { LIST_PAGE, PROMOTION_PAGE, renderPanel, settle } from './render-panel';
import { trust } from './person';

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const region = () => screen.getByRole('region', { name: 'Bulk coupon codes' });
const button = (name: string | RegExp) => screen.getByRole('button', { name });
const queryButton = (name: string | RegExp) => screen.queryByRole('button', { name });

function type(label: string, value: string) {
  const input = screen.getByLabelText(label) as HTMLInputElement;
  fireEvent.input(input, { target: { value } });
  fireEvent.blur(input);
  return input;
}

function running(patch: Partial<JobView['progress']> = {}, job: Partial<JobView> = {}): JobView {
  return makeJob({
    status: 'running',
    progress: {
      done: 12_500,
      total: 100_000,
      ratePerSecond: 1900,
      etaMs: 46_000,
      wait: null,
      ...patch,
    },
    ...job,
  });
}

describe('idle panel on a bulk promotion', () => {
  test('names the region, the promotion and its codes, the fields and the buttons', async () => {
    await renderPanel();
    const panel = region();
    expect(within(panel).getByText('Summer sale')).toBeTruthy();
    expect(within(panel).getByText(/12,345 codes/)).toBeTruthy();
    for (const label of [
      'Number of codes',
      'Max uses per code',
      'Max uses per customer',
      'Prefix',
      'Suffix',
      'Code length',
    ]) {
      expect(within(panel).getByRole('textbox', { name: label })).toBeTruthy();
    }
    expect((screen.getByLabelText('Max uses per code') as HTMLInputElement).value).toBe('1');
    expect((screen.getByLabelText('Max uses per customer') as HTMLInputElement).value).toBe('1');
    expect((screen.getByLabelText('Code length') as HTMLInputElement).value).toBe('12');
    expect(within(panel).getByRole('combobox', { name: 'Delimiter' })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Generate codes' })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Export codes' })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: 'Purge codes' })).toBeTruthy();
    expect(within(panel).getByRole('checkbox', { name: 'only unused codes' })).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  test.each(['0', '-5', '1e9', '2.5', '', 'abc'])(
    'Number of codes %j: a message beside the field, no request',
    async (value) => {
      const { fake } = await renderPanel();
      const input = type('Number of codes', value);
      fireEvent.click(button('Generate codes'));
      await settle();
      expect(input.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (input.getAttribute('aria-describedby') ?? '').split(' ');
      const message = document.getElementById(`${input.id}-message`);
      expect(describedBy).toContain(`${input.id}-message`);
      expect(message?.textContent).toMatch(/\w/);
      expect(fake.sent('startJob')).toEqual([]);
      // Focus goes to the field to fix.
      expect(document.activeElement).toBe(input);
    },
  );

  test('valid settings start a generate job with params the background accepts', async () => {
    const { fake } = await renderPanel();
    type('Number of codes', '10,000');
    type('Prefix', 'summer');
    expect(screen.getByText('Codes use capital letters: the prefix will be SUMMER.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Delimiter'), { target: { value: '-' } });
    type('Characters to leave out', '0O1I');
    expect(screen.getByText(/Codes will look like/).textContent).toContain('SUMMER-K7Q2XM9T4PR3');
    fireEvent.click(button('Generate codes'));
    await settle();
    const [request] = fake.sent('startJob') as Array<{ kind: string; params: unknown }>;
    expect(request).toMatchObject({
      kind: 'generate',
      storeHash: STORE_HASH,
      promotionId: PROMOTION_ID,
      params: {
        count: 10_000,
        maxUses: 1,
        maxUsesPerCustomer: 1,
        prefix: 'SUMMER',
        delimiter: '-',
        codeLength: 12,
        excludeCharacters: ['0', 'O', '1', 'I'],
      },
    });
    expect(GenerateParamsSchema.safeParse(request?.params).success).toBe(true);
  });

  test('a field message shows after leaving the field, not while typing the first time', async () => {
    await renderPanel();
    const input = screen.getByLabelText('Prefix') as HTMLInputElement;
    fireEvent.input(input, { target: { value: 'BAD PREFIX' } });
    expect(input.getAttribute('aria-invalid')).toBeNull();
    fireEvent.blur(input);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/can hold only letters/)).toBeTruthy();
  });

  test('export with only unused codes', async () => {
    const { fake } = await renderPanel();
    fireEvent.click(screen.getByRole('checkbox', { name: 'only unused codes' }));
    fireEvent.click(button('Export codes'));
    await settle();
    expect(fake.sent('startJob')).toEqual([
      { kind: 'export', storeHash: STORE_HASH, promotionId: PROMOTION_ID, unusedOnly: true },
    ]);
  });

  test('"For email tools": the codes only, unused ones unless the merchant says otherwise', async () => {
    const { fake } = await renderPanel();
    const email = screen.getByRole('checkbox', { name: 'For email tools' }) as HTMLInputElement;
    const unused = screen.getByRole('checkbox', { name: 'only unused codes' }) as HTMLInputElement;
    fireEvent.click(email);
    expect([email.checked, unused.checked]).toEqual([true, true]);
    // The button says what the file will hold.
    expect(button('Export codes').getAttribute('aria-describedby')).toBe('bcm-email-hint');
    expect(document.getElementById('bcm-email-hint')?.textContent).toMatch(/Coupon Code/);
    fireEvent.click(button('Export codes'));
    await settle();
    fireEvent.click(unused);
    fireEvent.click(button('Export codes'));
    await settle();
    const job = { kind: 'export', storeHash: STORE_HASH, promotionId: PROMOTION_ID };
    expect(fake.sent('startJob')).toEqual([
      { ...job, unusedOnly: true, format: 'email' },
      { ...job, unusedOnly: false, format: 'email' },
    ]);
  });

  test('a refused start shows the reason as an alert', async () => {
    await renderPanel({
      handlers: {
        startJob: () => ({ ok: false, error: 'Another job is already running on this promotion.' }),
      },
    });
    fireEvent.click(button('Export codes'));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe(
      'Another job is already running on this promotion.',
    );
  });

  test('Hide and Show', async () => {
    await renderPanel();
    const toggle = button('Hide');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(toggle);
    expect(button('Show').getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('button', { name: 'Generate codes' })).toBeNull();
    fireEvent.click(button('Show'));
    expect(button('Generate codes')).toBeTruthy();
  });
});

describe('job states', () => {
  test('running: progress bar values, numbers, rate, time left, Pause and Cancel', async () => {
    const { fake } = await renderPanel({ jobs: [running()] });
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('12500');
    expect(bar.getAttribute('aria-valuemax')).toBe('100000');
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(screen.getByText('12,500 / 100,000')).toBeTruthy();
    expect(region().textContent).toContain('1,900 codes/s');
    expect(region().textContent).toContain('About 46 s left');
    expect(queryButton('Resume')).toBeNull();
    fireEvent.click(button('Pause'));
    await settle();
    expect(fake.sent('controlJob')).toEqual([{ jobId: 'job-1', action: 'pause' }]);
    fireEvent.click(button('Cancel'));
    await settle();
    expect(fake.sent('controlJob')[1]).toEqual({ jobId: 'job-1', action: 'cancel' });
    // No second job while this one runs.
    expect((button('Generate codes') as HTMLButtonElement).disabled).toBe(true);
    expect((button('Purge codes') as HTMLButtonElement).disabled).toBe(true);
  });

  test('exports and usage reports start beside a writing job that is not finished; writing waits', async () => {
    for (const status of ['running', 'paused', 'interrupted', 'awaiting-confirmation'] as const) {
      const { fake } = await renderPanel({ jobs: [makeJob({ status })] });
      expect((button('Export codes') as HTMLButtonElement).disabled).toBe(false);
      expect((button('Usage report') as HTMLButtonElement).disabled).toBe(false);
      expect((button('Generate codes') as HTMLButtonElement).disabled).toBe(true);
      expect((button('Import codes') as HTMLButtonElement).disabled).toBe(true);
      expect((button('Purge codes') as HTMLButtonElement).disabled).toBe(true);
      fireEvent.click(button('Export codes'));
      await settle();
      expect(fake.sent('startJob')).toEqual([
        expect.objectContaining({ kind: 'export', unusedOnly: false }),
      ]);
      cleanup();
    }
    // An export under way holds nothing: writing jobs may start beside it.
    await renderPanel({ jobs: [makeJob({ kind: 'export', status: 'paused' })] });
    expect((button('Generate codes') as HTMLButtonElement).disabled).toBe(false);
    expect((button('Purge codes') as HTMLButtonElement).disabled).toBe(false);
  });

  test('running before the rate is known: no "0 codes/s"', async () => {
    await renderPanel({
      jobs: [running({ done: 250, total: 1700, ratePerSecond: 0, etaMs: null })],
    });
    expect(screen.getByText('250 / 1,700')).toBeTruthy();
    expect(region().textContent).not.toContain('codes/s');
  });

  test('progress updates as the background pushes', async () => {
    const { fake } = await renderPanel({ jobs: [running()] });
    await fake.pushJobs([running({ done: 50_000 })]);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50000');
    expect(screen.getByText('50,000 / 100,000')).toBeTruthy();
  });

  test('paused: Resume and Cancel, no Pause', async () => {
    const { fake } = await renderPanel({
      jobs: [
        makeJob({
          status: 'paused',
          progress: { done: 10, total: 100, ratePerSecond: 0, etaMs: null, wait: null },
        }),
      ],
    });
    expect(queryButton('Pause')).toBeNull();
    expect(button('Cancel')).toBeTruthy();
    fireEvent.click(button('Resume'));
    await settle();
    expect(fake.sent('controlJob')).toEqual([{ jobId: 'job-1', action: 'resume' }]);
    expect(region().textContent).toContain('Paused');
  });

  test.each([
    [
      { kind: 'quota', untilMs: NOW + 12_000 },
      "Waiting for the store's API quota (resumes in 12 s)",
    ],
    [
      { kind: 'rate-limited', untilMs: NOW + 4_000 },
      'BigCommerce asked us to slow down… (resumes in 4 s)',
    ],
    [
      { kind: 'platform-busy', untilMs: NOW + 9_000 },
      'BigCommerce is busy right now; trying again in 9 s…',
    ],
    [
      { kind: 'retrying', untilMs: NOW + 2_000, attempt: 2 },
      'Connection problem, retrying (attempt 2)…',
    ],
    [{ kind: 'reconciling' }, 'Checking with the store which codes were created…'],
  ] as const)('waiting (%j) says why in words', async (wait, text) => {
    await renderPanel({ jobs: [running({ wait })] });
    expect(screen.getByText(text)).toBeTruthy();
  });

  test('interrupted: the browser stopped it, and Resume', async () => {
    const { fake } = await renderPanel({ jobs: [makeJob({ status: 'interrupted' })] });
    expect(region().textContent).toMatch(/The browser stopped this job/);
    fireEvent.click(button('Resume'));
    await settle();
    expect(fake.sent('controlJob')).toEqual([{ jobId: 'job-1', action: 'resume' }]);
  });

  test('awaiting confirmation: the count and a way back to the dialog', async () => {
    await renderPanel({
      jobs: [
        makeJob({
          kind: 'purge',
          status: 'awaiting-confirmation',
          purge: {
            plannedAt: null,
            mode: 'all',
            targetCount: 12_345,
            notFound: null,
            deleted: 0,
            failed: 0,
          },
        }),
      ],
    });
    expect(region().textContent).toContain('12,345 codes will be deleted once you confirm');
    fireEvent.click(button('Review and confirm'));
    await settle();
    const dialog = screen.getByRole('dialog', { name: 'Purge codes' });
    expect(within(dialog).getByText('12,345 codes will be deleted')).toBeTruthy();
  });

  test('completed: a status beginning "Completed" and the CSV again', async () => {
    const { fake } = await renderPanel({
      jobs: [
        makeJob({
          status: 'completed',
          progress: { done: 10_000, total: 10_000, ratePerSecond: 0, etaMs: null, wait: null },
          files: [{ kind: 'generated', filename: 'abc123-42-generated.csv', rows: 10_000 }],
          finishedAt: NOW,
        }),
      ],
    });
    const status = screen
      .getAllByRole('status')
      .find((el) => el.textContent?.startsWith('Completed'));
    expect(status?.textContent).toBe('Completed: 10,000 codes generated.');
    expect(queryButton('Pause')).toBeNull();
    expect(queryButton('Cancel')).toBeNull();
    fireEvent.click(button('Download CSV again'));
    await settle();
    expect(fake.sent('downloadFile')).toEqual([{ jobId: 'job-1', fileKind: 'generated' }]);
    // New jobs may start again.
    expect((button('Generate codes') as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(button('Dismiss'));
    expect(
      screen.queryAllByRole('status').some((el) => el.textContent?.startsWith('Completed')),
    ).toBe(false);
  });

  test('failed: an alert in plain words', async () => {
    await renderPanel({
      jobs: [
        makeJob({
          status: 'failed',
          error: 'BigCommerce refused the token. Connect the store again in the settings.',
          finishedAt: NOW,
        }),
      ],
    });
    expect(screen.getByRole('alert').textContent).toBe(
      'Generating codes stopped: BigCommerce refused the token. Connect the store again in the settings.',
    );
  });

  test('the promotion count is asked again when a job finishes', async () => {
    const { fake } = await renderPanel({ jobs: [running()] });
    expect(fake.sent('getPromotion')).toHaveLength(1);
    await fake.pushJobs([running({}, { status: 'completed', finishedAt: NOW })]);
    await settle();
    expect(fake.sent('getPromotion')).toHaveLength(2);
  });

  test("the header's count keeps up with a running generate between two readings", async () => {
    // Read as 12,345 while the job had made 12,500: what it makes after that is added.
    const { fake } = await renderPanel({ jobs: [running()] });
    expect(within(region()).getByText(/· 12,345 codes/)).toBeTruthy();
    await fake.pushJobs([running({ done: 15_000 })]);
    await settle();
    expect(within(region()).getByText(/· 14,845 codes/)).toBeTruthy();
    await fake.pushJobs([running({ done: 15_000 }, { status: 'paused' })]);
    await settle();
    expect(within(region()).getByText(/· 14,845 codes/)).toBeTruthy();
  });

  test('the count is asked again for a job first seen already finished (started and done between two updates)', async () => {
    const { fake } = await renderPanel({
      jobs: [makeJob({ id: 'old', status: 'completed', finishedAt: NOW - 1000 })],
    });
    expect(fake.sent('getPromotion')).toHaveLength(1); // history alone asks nothing more
    await fake.pushJobs([makeJob({ id: 'old', status: 'completed', finishedAt: NOW - 1000 })]);
    await settle();
    expect(fake.sent('getPromotion')).toHaveLength(1);
    await fake.pushJobs([
      makeJob({ id: 'quick', status: 'completed', finishedAt: NOW }),
      makeJob({ id: 'old', status: 'completed', finishedAt: NOW - 1000 }),
    ]);
    await settle();
    expect(fake.sent('getPromotion')).toHaveLength(2);
  });

  test('jobs of other promotions are not shown', async () => {
    await renderPanel({
      jobs: [running({}, { promotionId: 99 }), running({}, { id: 'job-2', storeHash: 'other1' })],
    });
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  test('the feed reconnecting is said', async () => {
    const { fake } = await renderPanel();
    await fake.setFeed('reconnecting');
    expect(region().textContent).toMatch(/Reconnecting to the extension/);
    await fake.setFeed('closed');
    expect(screen.getByRole('alert').textContent).toMatch(/Reload this page/);
  });
});

describe('store and promotion', () => {
  test('store not connected: explains, and "Connect this store" opens the settings for it', async () => {
    const { fake } = await renderPanel({
      handlers: { getStore: () => ({ ok: true, value: null }) },
    });
    expect(region().textContent).toMatch(/This store is not connected yet/);
    expect(queryButton('Generate codes')).toBeNull();
    expect(queryButton('Export codes')).toBeNull();
    expect(queryButton('Purge codes')).toBeNull();
    expect(screen.queryByLabelText(/token/i)).toBeNull();
    fireEvent.click(button('Connect this store'));
    await settle();
    expect(fake.sent('openOptions')).toEqual([{ storeHash: STORE_HASH }]);
    expect(fake.sent('getPromotion')).toEqual([]);
  });

  test('"Check again" picks up a store connected meanwhile', async () => {
    let connected = false;
    const { fake } = await renderPanel({
      handlers: {
        getStore: () => ({
          ok: true,
          value: connected ? { ...STORE_READ_ONLY, access: 'modify' } : null,
        }),
      },
    });
    connected = true;
    fireEvent.click(button('Check again'));
    await settle();
    expect(button('Generate codes')).toBeTruthy();
    expect(fake.sent('getPromotion')).toHaveLength(1);
  });

  test('read-only store: export only, and why', async () => {
    const { fake } = await renderPanel({
      handlers: { getStore: () => ({ ok: true, value: STORE_READ_ONLY }) },
    });
    expect(region().textContent).toMatch(/read-only access/);
    expect(region().textContent).toMatch(/exported but not generated or purged/);
    expect(queryButton('Generate codes')).toBeNull();
    expect(queryButton('Purge codes')).toBeNull();
    fireEvent.click(button('Export codes'));
    await settle();
    expect(fake.sent('startJob')).toHaveLength(1);
  });

  test.each([SINGLE_PROMOTION, AUTOMATIC_PROMOTION])(
    'not a bulk promotion ($name): said plainly, nothing offered',
    async (info) => {
      await renderPanel({
        handlers: { getPromotion: () => ({ ok: true, value: info }) },
        location: { ...PROMOTION_PAGE, promotionId: info.id },
      });
      expect(region().textContent).toMatch(/not a bulk coupon promotion/);
      expect(queryButton('Generate codes')).toBeNull();
      expect(queryButton('Export codes')).toBeNull();
      expect(queryButton('Purge codes')).toBeNull();
    },
  );

  test('background not answering: an alert and Try again', async () => {
    let up = false;
    await renderPanel({
      handlers: {
        getStore: () =>
          up
            ? { ok: true, value: STORE_READ_ONLY }
            : { ok: false, error: "The extension's background service is not answering." },
      },
    });
    expect(screen.getByRole('alert').textContent).toMatch(/not answering/);
    up = true;
    fireEvent.click(button('Try again'));
    await settle();
    expect(button('Export codes')).toBeTruthy();
  });

  test('list page: a "Promotion" picker of bulk promotions', async () => {
    const other = { ...BULK_PROMOTION, id: 43, name: 'Winter sale', codeCount: 0 };
    const { fake } = await renderPanel({
      location: LIST_PAGE,
      handlers: {
        listBulkPromotions: () => ({ ok: true, value: [BULK_PROMOTION, other] }),
        getPromotion: ({ promotionId }) => ({
          ok: true,
          value: promotionId === 43 ? other : BULK_PROMOTION,
        }),
      },
    });
    const picker = screen.getByRole('combobox', { name: 'Promotion' }) as HTMLSelectElement;
    const options = within(picker)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual([
      'Choose a bulk coupon promotion…',
      'Summer sale (12,345 codes)',
      'Winter sale (0 codes)',
    ]);
    expect(queryButton('Generate codes')).toBeNull();
    // A page script's choice is undone: the picker decides where the writing jobs write.
    trust.person = false;
    fireEvent.change(picker, { target: { value: '43' } });
    trust.person = true;
    await settle();
    expect(picker.value).toBe('');
    expect(fake.sent('getPromotion')).toEqual([]);
    fireEvent.change(picker, { target: { value: '43' } });
    await settle();
    expect(fake.sent('getPromotion')).toEqual([{ storeHash: STORE_HASH, promotionId: 43 }]);
    fireEvent.click(button('Export codes'));
    await settle();
    expect(fake.sent('startJob')).toEqual([
      { kind: 'export', storeHash: STORE_HASH, promotionId: 43, unusedOnly: false },
    ]);
  });

  test('list page with no bulk promotions says so', async () => {
    await renderPanel({
      location: LIST_PAGE,
      handlers: { listBulkPromotions: () => ({ ok: true, value: [] }) },
    });
    expect(region().textContent).toMatch(/no bulk coupon promotions yet/);
  });

  test('navigating to another promotion loads it; a late reply for the old one is ignored', async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((r) => (release = r));
    const other = { ...BULK_PROMOTION, id: 43, name: 'Winter sale' };
    const { model } = await renderPanel({
      handlers: {
        getPromotion: async ({ promotionId }) => {
          if (promotionId === 44) await slow;
          return {
            ok: true,
            value: promotionId === 44 ? { ...BULK_PROMOTION, id: 44, name: 'Stale' } : other,
          };
        },
      },
      location: { ...PROMOTION_PAGE, promotionId: 44 },
    });
    await act(async () => model.navigate({ ...PROMOTION_PAGE, promotionId: 43 }));
    await settle();
    release();
    await settle();
    expect(region().textContent).toContain('Winter sale');
    expect(region().textContent).not.toContain('Stale');
  });
});

describe('the notifications offer', () => {
  test('shown when the background says so on a start; "No thanks" puts it away; "Turn on" opens the page that asks', async () => {
    const { fake } = await renderPanel({
      handlers: { startJob: () => ({ ok: true, value: { jobId: 'job-1', offerAlerts: true } }) },
    });
    fireEvent.click(button('Export codes'));
    await settle();
    const offer = screen.getByRole('group', { name: /This job will take a while/ });
    fireEvent.click(within(offer).getByRole('button', { name: 'No thanks' }));
    expect(screen.queryByRole('group', { name: /This job will take a while/ })).toBeNull();
    expect(fake.sent('openAlertsPage')).toEqual([]);
    fireEvent.click(button('Export codes'));
    await settle();
    fireEvent.click(button('Turn on notifications'));
    await settle();
    expect(fake.sent('openAlertsPage')).toEqual([undefined]);
    expect(screen.queryByRole('group', { name: /This job will take a while/ })).toBeNull();
  });
});
