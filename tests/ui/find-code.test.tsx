// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { FindCode } from '@/components/find/FindCode';
import { PopupPage } from '@/components/popup/PopupPage';
import { createJobsStore, feedJobs } from '@/components/state/jobs-store';
import type { CodeLookup, StoreView } from '@/utils/messages';
import { createFakeBridge, type Handlers } from './fake-bridge';
import { NOW, STORE_HASH, STORE_MODIFY, STORE_READ_ONLY, makeJob } from './fixtures';
import { enterIn, trust } from './person';
import { settle } from './render-panel';

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const CODE = {
  id: 901,
  code: 'SPRING-AB12',
  current_uses: 1,
  max_uses: 1,
  max_uses_per_customer: 1,
  created: '2026-03-02T12:00:00+00:00',
};
const FOUND: CodeLookup = {
  found: true,
  code: CODE,
  promotion: { id: 42, name: 'Summer sale', status: 'ENABLED', bulk: true },
};

async function renderFind(opts: { handlers?: Handlers; stores?: StoreView[] } = {}) {
  const fake = createFakeBridge({ findCode: () => ({ ok: true, value: FOUND }), ...opts.handlers });
  const jobs = createJobsStore();
  feedJobs(fake.bridge, jobs);
  render(<FindCode bridge={fake.bridge} jobs={jobs} stores={opts.stores ?? [STORE_MODIFY]} />);
  await settle();
  return { fake, jobs };
}

async function find(text: string) {
  fireEvent.input(screen.getByLabelText('Find a code'), { target: { value: text } });
  fireEvent.click(screen.getByRole('button', { name: 'Find' }));
  await settle();
}

const result = () => screen.getByRole('status');

describe('find a code', () => {
  test('found: its promotion as a link to its page, its uses, limits, when it was made', async () => {
    const { fake } = await renderFind();
    await find('  spring-ab12 ');
    // Trimmed; letter case left to the store.
    expect(fake.sent('findCode')).toEqual([{ storeHash: STORE_HASH, code: 'spring-ab12' }]);
    const link = within(result()).getByRole('link', { name: 'Summer sale' });
    expect(link.getAttribute('href')).toBe(
      `https://store-${STORE_HASH}.mybigcommerce.com/manage/marketing/promotions/42/edit`,
    );
    const text = result().textContent ?? '';
    expect(text).toContain('SPRING-AB12');
    expect(text).toContain('used 1 of 1 (used up: it cannot be redeemed again)');
    expect(text).toContain('once per customer');
    expect(text).toContain('Mar 2, 2026');
    expect(text).toContain('a bulk coupon promotion');
    expect(within(result()).getByRole('button', { name: 'Delete this code' })).toBeTruthy();
  });

  test('Enter in the field finds; no limit said as such', async () => {
    const { fake } = await renderFind({
      handlers: {
        findCode: () => ({
          ok: true,
          value: {
            ...FOUND,
            code: { ...CODE, current_uses: 3, max_uses: 0, max_uses_per_customer: 0 },
          },
        }),
      },
    });
    const field = screen.getByLabelText('Find a code');
    fireEvent.input(field, { target: { value: 'SPRING-AB12' } });
    enterIn(field);
    await settle();
    expect(fake.sent('findCode')).toHaveLength(1);
    expect(result().textContent).toContain('used 3 times, no limit');
    expect(result().textContent).toContain('no limit per customer');
  });

  test('not found, in plain words', async () => {
    await renderFind({
      handlers: { findCode: ({ code }) => ({ ok: true, value: { found: false, code } }) },
    });
    await find('XYZ');
    expect(result().textContent).toBe('No code XYZ in this store.');
    expect(screen.queryByRole('button', { name: 'Delete this code' })).toBeNull();
  });

  test.each([
    ['', 'Type a code to find.'],
    ['   ', 'Type a code to find.'],
    ['A'.repeat(51), 'A code has at most 50 characters; this has 51, so no store can hold it.'],
    [
      'SPRING!AB#',
      'A code holds only letters, digits, spaces, _ and -: “!”, “#” cannot be in one, so no store can hold it.',
    ],
  ])('%j is refused before any request', async (typed, message) => {
    const { fake } = await renderFind();
    await find(typed);
    expect(fake.sent('findCode')).toEqual([]);
    const field = screen.getByLabelText('Find a code');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const described = (field.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toContain(message);
    // Typing again clears it.
    fireEvent.input(field, { target: { value: 'SPRING' } });
    expect(field.getAttribute('aria-invalid')).toBeNull();
  });

  test('a store that cannot answer: its error as an alert, no result', async () => {
    await renderFind({
      handlers: { findCode: () => ({ ok: false, error: 'The store refused the access token.' }) },
    });
    await find('SPRING-AB12');
    expect(screen.getByRole('alert').textContent).toBe('The store refused the access token.');
    expect(result().textContent).toBe('');
  });

  test('a newer search wins over an older answer still on its way', async () => {
    let release: (() => void) | undefined;
    const { fake } = await renderFind({
      handlers: {
        findCode: ({ code }) =>
          code === 'SLOW'
            ? new Promise(
                (resolve) => (release = () => resolve({ ok: true, value: { found: false, code } })),
              )
            : { ok: true, value: FOUND },
      },
    });
    await find('SLOW');
    await find('SPRING-AB12');
    release?.();
    await settle();
    expect(fake.sent('findCode')).toHaveLength(2);
    expect(result().textContent).toContain('SPRING-AB12');
    expect(result().textContent).not.toContain('No code SLOW');
  });
});

describe('delete this code', () => {
  test('asks first, naming the code; "Keep it" sends nothing; a confirmation sends exactly one startJob', async () => {
    const { fake } = await renderFind();
    await find('SPRING-AB12');
    fireEvent.click(screen.getByRole('button', { name: 'Delete this code' }));
    const question = screen.getByRole('group', {
      name: /^Delete the code SPRING-AB12\? A backup with this one code is saved first/,
    });
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Keep it' }));
    fireEvent.click(within(question).getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete this code' }));
    expect(fake.sent('startJob')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Delete this code' }));
    const confirm = within(screen.getByRole('group')).getByRole('button', {
      name: 'Delete this code',
    });
    fireEvent.click(confirm);
    fireEvent.click(confirm);
    await settle();
    expect(fake.sent('startJob')).toEqual([
      { kind: 'delete-code', storeHash: STORE_HASH, promotionId: 42, code: 'SPRING-AB12' },
    ]);
    expect(screen.queryByRole('button', { name: 'Delete this code' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText('Find a code'));
  });

  test('where the job stands, from the feed', async () => {
    const { fake } = await renderFind();
    await find('SPRING-AB12');
    fireEvent.click(screen.getByRole('button', { name: 'Delete this code' }));
    fireEvent.click(
      within(screen.getByRole('group')).getByRole('button', { name: 'Delete this code' }),
    );
    await settle();
    // The job as the background sends it at each step: its facts, and its kind's words for them.
    const facts = {
      id: 'job-1',
      kind: 'delete-code',
      deleteCode: { code: 'SPRING-AB12' },
      progress: { done: 0, total: 1, ratePerSecond: 0, etaMs: null, wait: null },
    };
    await fake.pushJobs([makeJob(facts)]);
    expect(result().textContent).toContain('Saving a backup of SPRING-AB12, then deleting it…');
    await fake.pushJobs([makeJob({ ...facts, status: 'completed', finishedAt: NOW })]);
    expect(result().textContent).toContain(
      'Completed: the code SPRING-AB12 was deleted. Its backup was saved first.',
    );
    await fake.pushJobs([
      makeJob({
        ...facts,
        status: 'failed',
        error:
          'The code SPRING-AB12 is no longer in this promotion, so there is nothing to delete.',
      }),
    ]);
    expect(result().textContent).toContain(
      'Deleting the code stopped: The code SPRING-AB12 is no longer in this promotion',
    );
  });

  test('a page script’s click does not delete', async () => {
    const { fake } = await renderFind();
    await find('SPRING-AB12');
    fireEvent.click(screen.getByRole('button', { name: 'Delete this code' }));
    trust.person = false;
    fireEvent.click(
      within(screen.getByRole('group')).getByRole('button', { name: 'Delete this code' }),
    );
    await settle();
    expect(fake.sent('startJob')).toEqual([]);
  });

  test('a page script submitting the form or pressing "Delete this code" gets nothing', async () => {
    const { fake } = await renderFind();
    trust.person = false;
    await find('SPRING-AB12');
    expect(fake.sent('findCode')).toEqual([]);
    trust.person = true;
    await find('SPRING-AB12');
    trust.person = false;
    fireEvent.click(screen.getByRole('button', { name: 'Delete this code' }));
    expect(screen.queryByRole('group')).toBeNull();
  });

  test('refused by the background (a job holds the promotion): said, nothing else sent', async () => {
    const { fake } = await renderFind({
      handlers: { startJob: () => ({ ok: false, error: 'A purge is running on this promotion.' }) },
    });
    await find('SPRING-AB12');
    fireEvent.click(screen.getByRole('button', { name: 'Delete this code' }));
    fireEvent.click(
      within(screen.getByRole('group')).getByRole('button', { name: 'Delete this code' }),
    );
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('A purge is running on this promotion.');
    expect(fake.sent('startJob')).toHaveLength(1);
  });

  test('only for codes of bulk promotions, and not with a read-only token', async () => {
    await renderFind({
      handlers: {
        findCode: () => ({
          ok: true,
          value: {
            ...FOUND,
            promotion: { id: 7, name: 'Welcome code', status: 'DISABLED', bulk: false },
          },
        }),
      },
    });
    await find('WELCOME');
    expect(result().textContent).toContain('not a bulk coupon promotion');
    expect(result().textContent).toContain('Welcome code (disabled)');
    expect(screen.queryByRole('button', { name: 'Delete this code' })).toBeNull();
    cleanup();

    await renderFind({ stores: [STORE_READ_ONLY] });
    await find('SPRING-AB12');
    expect(screen.queryByRole('button', { name: 'Delete this code' })).toBeNull();
    expect(result().textContent).toContain('read-only');
  });
});

describe('in the popup', () => {
  test('one store: no picker; "Open manager" opens the manager', async () => {
    const fake = createFakeBridge({ findCode: () => ({ ok: true, value: FOUND }) });
    const onOpenManager = vi.fn();
    render(<PopupPage bridge={fake.bridge} onOpenManager={onOpenManager} />);
    await settle();
    expect(screen.queryByLabelText('Store')).toBeNull();
    await find('SPRING-AB12');
    expect(fake.sent('findCode')).toEqual([{ storeHash: STORE_HASH, code: 'SPRING-AB12' }]);
    // Opens in a new tab from the popup.
    expect(screen.getByRole('link', { name: 'Summer sale' }).getAttribute('target')).toBe('_blank');
    fireEvent.click(screen.getByRole('link', { name: 'Open manager' }));
    expect(onOpenManager).toHaveBeenCalledTimes(1);
  });

  test('several stores: a picker chooses where to look', async () => {
    const other: StoreView = { ...STORE_MODIFY, storeHash: 'zzz999', name: 'Acme Outdoor' };
    const fake = createFakeBridge({
      listStores: () => ({ ok: true, value: [STORE_MODIFY, other] }),
      findCode: ({ code }) => ({ ok: true, value: { found: false, code } }),
    });
    render(<PopupPage bridge={fake.bridge} />);
    await settle();
    // Stores by name where one is known, with the hash beside it.
    expect(
      [...(screen.getByLabelText('Store') as HTMLSelectElement).options].map((o) => o.textContent),
    ).toEqual([STORE_HASH, 'Acme Outdoor (zzz999)']);
    fireEvent.change(screen.getByLabelText('Store'), { target: { value: 'zzz999' } });
    await find('XYZ');
    expect(fake.sent('findCode')).toEqual([{ storeHash: 'zzz999', code: 'XYZ' }]);
    expect(result().textContent).toContain('XYZ');
    // Another store chosen: the answer about the first one goes.
    fireEvent.change(screen.getByLabelText('Store'), { target: { value: STORE_HASH } });
    expect(result().textContent).toBe('');
  });

  test('no store connected: says where to connect one', async () => {
    const fake = createFakeBridge({ listStores: () => ({ ok: true, value: [] }) });
    render(<PopupPage bridge={fake.bridge} />);
    await settle();
    expect(screen.queryByLabelText('Find a code')).toBeNull();
    expect(screen.getByText(/Connect a store in the settings to find its codes here/)).toBeTruthy();
  });
});
