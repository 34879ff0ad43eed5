// @vitest-environment happy-dom
/**
 * Only a person can set a write going (issue 22). Every control that sends a message that can
 * start creating or deleting codes, driven by a page script (untrusted clicks and keys, a
 * requestSubmit() the browser marks trusted, a choice or a file put in a field) sends nothing;
 * the same control pressed by a person sends it. Then a sweep of every button, field and form of
 * each view as a script would drive them, and a look at the source: such messages go out only
 * through the one helper (components/trusted.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { CodesTable } from '@/components/manager/CodesTable';
import { ManagerPage } from '@/components/manager/ManagerPage';
import { createPanelModel } from '@/components/state/panel-model';
import { OptionsPage } from '@/components/options/OptionsPage';
import { PopupPage } from '@/components/popup/PopupPage';
import type { JobView, KeptFileView } from '@/utils/jobs/types';
import type { CodeLookup } from '@/utils/messages';
import { PLAN_FRESH_MS } from '@/utils/vocabulary';
import { createFakeBridge, type TrafficEntry } from './fake-bridge';
import { NOW, PROMOTION_ID, STORE_HASH, STORE_MODIFY, makeJob } from './fixtures';
import { trust } from './person';
import { PROMOTION_PAGE, renderPanel, settle } from './render-panel';

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The messages that can set a write going, by what they carry (the rule, stated here on its own). */
function writes(traffic: TrafficEntry[]): TrafficEntry[] {
  return traffic.filter((t) => {
    if (t.direction !== 'sent') return false;
    const d = t.data as { kind?: string; action?: string; fileKind?: string };
    return (
      (t.type === 'startJob' && d.kind !== 'export') ||
      t.type === 'confirmPurge' ||
      (t.type === 'controlJob' && (d.action === 'resume' || d.action === 'rescan')) ||
      (t.type === 'downloadFile' && d.fileKind === 'purge-backup')
    );
  });
}

/**
 * What a page script can do to a control: switch it on, click() it (an untrusted click whose
 * activation submits its form), call requestSubmit() on its form (a submit the browser marks
 * trusted), press Enter in the form's fields. Events are a script's (untrusted) meanwhile.
 */
function scriptDrives(el: HTMLElement): void {
  trust.person = false;
  try {
    if (el instanceof HTMLButtonElement) el.disabled = false;
    fireEvent.click(el);
    const form = el.closest('form');
    if (form) {
      form.requestSubmit(el instanceof HTMLButtonElement && el.type === 'submit' ? el : null);
      for (const input of form.querySelectorAll('input')) {
        fireEvent.keyDown(input, { key: 'Enter' });
        fireEvent.keyUp(input, { key: 'Enter' });
      }
    }
  } finally {
    trust.person = true;
  }
}

const button = (name: string | RegExp, root: HTMLElement = document.body) =>
  within(root).getByRole('button', { name }) as HTMLButtonElement;

/** A control proved both ways: a script's pressing sends nothing that writes, a person's sends `expected`. */
async function provedBothWays(
  fake: { traffic: TrafficEntry[] },
  control: () => HTMLElement,
  expected: Partial<TrafficEntry>,
): Promise<void> {
  const before = writes(fake.traffic).length;
  scriptDrives(control());
  await settle();
  expect(writes(fake.traffic).slice(before)).toEqual([]);
  fireEvent.click(control());
  await settle();
  expect(writes(fake.traffic).slice(before)).toEqual([
    expect.objectContaining({ direction: 'sent', ...expected }),
  ]);
}

const purge = (
  status: JobView['status'],
  purgePatch: Partial<NonNullable<JobView['purge']>> = {},
  patch: Partial<JobView> = {},
): JobView =>
  makeJob({
    id: 'purge-1',
    kind: 'purge',
    status,
    progress: { done: 0, total: 40, phase: 'delete', ratePerSecond: 0, etaMs: null, wait: null },
    purge: {
      plannedAt: NOW - 60_000,
      mode: 'unused',
      targetCount: 40,
      notFound: null,
      deleted: 0,
      failed: 0,
      ...purgePatch,
    },
    files: [
      {
        kind: 'purge-backup',
        filename: 'backup.csv',
        rows: 40,
        saved: { state: 'saved', downloadId: 3, error: null, at: NOW },
      },
    ],
    ...patch,
  });

describe('a job that only reads starts on any click', () => {
  test('“Export codes” and “Usage report”: a page script’s click starts them, as on main', async () => {
    const { fake } = await renderPanel();
    const started = () =>
      fake.traffic.filter((t) => t.direction === 'sent' && t.type === 'startJob');
    trust.person = false;
    try {
      fireEvent.click(button('Export codes'));
      await settle();
      fireEvent.click(button('Usage report'));
      await settle();
    } finally {
      trust.person = true;
    }
    expect(started().map((t) => t.data)).toEqual([
      expect.objectContaining({ kind: 'export', unusedOnly: false }),
      expect.objectContaining({ kind: 'export', reportOnly: true }),
    ]);
  });
});

describe('every control that can set a write going answers a person only', () => {
  test('Generate codes (BigCommerce’s way)', async () => {
    const { fake } = await renderPanel();
    fireEvent.input(screen.getByLabelText('Number of codes'), { target: { value: '100' } });
    await provedBothWays(fake, () => button('Generate codes'), {
      type: 'startJob',
      data: expect.objectContaining({ kind: 'generate' }),
    });
  });

  test('Generate codes (in a pattern)', async () => {
    const { fake } = await renderPanel();
    fireEvent.click(screen.getByRole('radio', { name: 'Codes in my own pattern' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Pattern' }), {
      target: { value: 'SPRING-####-####' },
    });
    fireEvent.input(screen.getByLabelText('Number of codes'), { target: { value: '100' } });
    await provedBothWays(fake, () => button('Generate codes'), {
      type: 'startJob',
      data: expect.objectContaining({ kind: 'pattern' }),
    });
  });

  test('Import (and its file: only one a person chose is read)', async () => {
    const { fake } = await renderPanel();
    fireEvent.click(button('Import codes'));
    await settle();
    const file = screen.getByLabelText('CSV file with codes') as HTMLInputElement;
    Object.defineProperty(file, 'files', {
      value: [new File(['code\nA1\n'], 'a.csv')],
      configurable: true,
    });
    trust.person = false;
    fireEvent.change(file);
    trust.person = true;
    await settle();
    expect(fake.sent('prepareImport')).toEqual([]);
    fireEvent.change(file);
    await settle();
    expect(fake.sent('prepareImport')).toHaveLength(1);
    await provedBothWays(fake, () => button('Import'), {
      type: 'startJob',
      data: expect.objectContaining({ kind: 'import' }),
    });
  });

  test('Purge: which codes (a script’s click on “All codes” is undone), its list file, and “Find codes to delete”', async () => {
    const { fake } = await renderPanel();
    fireEvent.click(button('Purge codes'));
    await settle();
    const dialog = screen.getByRole('dialog', { name: 'Purge codes' });
    const all = within(dialog).getByRole('radio', { name: 'All codes' }) as HTMLInputElement;
    scriptDrives(all);
    expect(all.checked).toBe(false);
    // A list file a script puts in the field is not read: "Find codes to delete" stays off.
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Codes from a CSV file' }));
    const file = within(dialog).getByLabelText('CSV file with the codes') as HTMLInputElement;
    Object.defineProperty(file, 'files', {
      value: [new File(['code\nA1\n'], 'list.csv')],
      configurable: true,
    });
    trust.person = false;
    fireEvent.change(file);
    trust.person = true;
    await settle();
    expect(button('Find codes to delete', dialog).disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Unused codes' }));
    await provedBothWays(fake, () => button('Find codes to delete'), {
      type: 'startJob',
      data: expect.objectContaining({ kind: 'purge', mode: 'unused' }),
    });
  });

  async function confirmStep(job: JobView) {
    const r = await renderPanel({ jobs: [job] });
    fireEvent.click(button('Review and confirm'));
    await settle();
    return { ...r, dialog: screen.getByRole('dialog', { name: 'Purge codes' }) };
  }

  test('the typed confirmation and Purge: a person typed PURGE, yet a script’s submit or click confirms nothing', async () => {
    const { fake, dialog } = await confirmStep(
      purge('awaiting-confirmation', { phase: undefined } as never),
    );
    const word = within(dialog).getByRole('textbox', { name: 'Type PURGE to confirm' });
    scriptDrives(word); // Enter in the field, as a script
    trust.person = false;
    fireEvent.input(word, { target: { value: 'PURGE' } });
    trust.person = true;
    expect((word as HTMLInputElement).value).toBe('');
    fireEvent.input(word, { target: { value: 'PURGE' } });
    await provedBothWays(fake, () => button('Purge', dialog), { type: 'confirmPurge' });
  });

  test('“Download backup CSV” and “Save backup again” in the confirm step', async () => {
    const saved = await confirmStep(purge('awaiting-confirmation'));
    await provedBothWays(saved.fake, () => button('Download backup CSV', saved.dialog), {
      type: 'downloadFile',
    });
    cleanup();
    const failed = purge(
      'awaiting-confirmation',
      {},
      {
        files: [
          {
            kind: 'purge-backup',
            filename: 'backup.csv',
            rows: 40,
            saved: { state: 'failed', downloadId: null, error: 'The file was not saved.', at: NOW },
          },
        ],
      },
    );
    const again = await confirmStep(failed);
    await provedBothWays(again.fake, () => button('Save backup again', again.dialog), {
      type: 'downloadFile',
    });
  });

  test('“Find the codes again” (a stale plan)', async () => {
    const { fake, dialog } = await confirmStep(
      purge('awaiting-confirmation', { plannedAt: NOW - PLAN_FRESH_MS - 60_000 }),
    );
    await provedBothWays(fake, () => button('Find the codes again', dialog), {
      type: 'controlJob',
      data: { jobId: 'purge-1', action: 'rescan' },
    });
  });

  test.each([
    ['a paused purge', purge('paused', {}, { error: null })],
    ['a failed “Delete this code”', makeJob({ id: 'd1', kind: 'delete-code', status: 'failed' })],
    ['an interrupted generate', makeJob({ id: 'g1', status: 'interrupted' })],
  ])('Resume on the job card of %s (panel)', async (_name, job) => {
    const { fake } = await renderPanel({ jobs: [job] });
    await provedBothWays(fake, () => button('Resume'), {
      type: 'controlJob',
      data: { jobId: job.id, action: 'resume' },
    });
  });

  test('Resume and “Download backup CSV” on the job cards of the toolbar popup', async () => {
    const fake = createFakeBridge({}, [purge('paused'), purge('completed', {}, { id: 'p2' })]);
    render(<PopupPage bridge={fake.bridge} />);
    await settle();
    await provedBothWays(fake, () => button('Resume'), {
      type: 'controlJob',
      data: { jobId: 'purge-1', action: 'resume' },
    });
    const card = screen.getAllByRole('article').find((a) => a.textContent?.includes('Completed'))!;
    await provedBothWays(fake, () => button('Download backup CSV', card), {
      type: 'downloadFile',
      data: { jobId: 'p2', fileKind: 'purge-backup' },
    });
  });

  test('the manager page: Resume, and the confirmation’s Purge', async () => {
    const fake = createFakeBridge(
      {
        listStores: () => ({ ok: true, value: [STORE_MODIFY] }),
        listPromotionPage: () => ({
          ok: true,
          value: {
            storeHash: STORE_HASH,
            promotions: [
              { id: PROMOTION_ID, name: 'Summer sale', status: 'ENABLED', codeCount: 40 },
            ],
            page: 1,
            pages: 1,
            pageSize: 25,
            filter: '',
            matching: 1,
            total: 1,
            loadedAt: NOW,
          },
        }),
      },
      [purge('awaiting-confirmation'), makeJob({ id: 'g1', status: 'paused' })],
    );
    render(
      <ManagerPage
        bridge={fake.bridge}
        initialStore={STORE_HASH}
        initialPromotion={PROMOTION_ID}
      />,
    );
    await settle();
    await provedBothWays(fake, () => button('Resume'), {
      type: 'controlJob',
      data: { jobId: 'g1', action: 'resume' },
    });
    fireEvent.click(button('Review and confirm'));
    await settle();
    const dialog = screen.getByRole('dialog', { name: 'Purge codes' });
    fireEvent.input(within(dialog).getByRole('textbox', { name: 'Type PURGE to confirm' }), {
      target: { value: 'PURGE' },
    });
    await provedBothWays(fake, () => button('Purge', dialog), { type: 'confirmPurge' });
  });

  test('“Delete this code”, both of them, and the search that puts a code under them', async () => {
    const found: CodeLookup = {
      found: true,
      code: {
        id: 9,
        code: 'SPRING-AB12',
        current_uses: 0,
        max_uses: 1,
        max_uses_per_customer: 1,
        created: '2026-03-02T12:00:00+00:00',
      },
      promotion: { id: PROMOTION_ID, name: 'Summer sale', status: 'ENABLED', bulk: true },
    };
    const fake = createFakeBridge({
      listStores: () => ({ ok: true, value: [STORE_MODIFY] }),
      findCode: () => ({ ok: true, value: found }),
    });
    render(<PopupPage bridge={fake.bridge} />);
    await settle();
    fireEvent.input(screen.getByLabelText('Find a code'), { target: { value: 'SPRING-AB12' } });
    scriptDrives(button('Find'));
    await settle();
    expect(fake.sent('findCode')).toEqual([]);
    fireEvent.click(button('Find'));
    await settle();
    scriptDrives(button('Delete this code'));
    expect(screen.queryByRole('group')).toBeNull();
    fireEvent.click(button('Delete this code'));
    await settle();
    await provedBothWays(fake, () => button('Delete this code', screen.getByRole('group')), {
      type: 'startJob',
      data: expect.objectContaining({ kind: 'delete-code', code: 'SPRING-AB12' }),
    });
  });

  test('a kept purge backup’s Download on the settings page', async () => {
    const fake = createFakeBridge({ listKeptFiles: () => ({ ok: true, value: [BACKUP] }) });
    render(<OptionsPage bridge={fake.bridge} initialStoreHash={null} />);
    await settle();
    await provedBothWays(fake, () => button('Download'), {
      type: 'downloadFile',
      data: { jobId: 'p1', fileKind: 'purge-backup' },
    });
  });
});

/** What a page script does meanwhile: the events it dispatches are not a person's. */
function asScript(act: () => void): void {
  trust.person = false;
  try {
    act();
  } finally {
    trust.person = true;
  }
}

/**
 * The review's attack: a page script listening on window in the capture phase sees a person's
 * click first and, before it reaches the button, types other values into the form.
 */
function beforePersonsClick(change: () => void): () => void {
  const listener = (e: Event) => {
    if (e.isTrusted) asScript(change);
  };
  window.addEventListener('click', listener, true);
  return () => window.removeEventListener('click', listener, true);
}

const typed = (el: HTMLElement, value: string) => fireEvent.input(el, { target: { value } });
const chosen = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

describe('a page script’s typing in a form that writes is undone, and the person’s values are sent', () => {
  test('Generate (BigCommerce’s way): count, limits, length, prefix, suffix, delimiter, characters left out and the way', async () => {
    const { fake } = await renderPanel();
    const field = (name: string) => screen.getByLabelText(name) as HTMLInputElement;
    typed(field('Number of codes'), '100');
    typed(field('Prefix'), 'SUMMER');
    const script: Array<[string, string]> = [
      ['Number of codes', '1000000'],
      ['Max uses per code', '0'],
      ['Max uses per customer', '0'],
      ['Code length', '30'],
      ['Prefix', 'EVIL'],
      ['Suffix', 'X'],
      ['Characters to leave out', 'ABC'],
    ];
    const stop = beforePersonsClick(() => {
      for (const [name, value] of script) typed(field(name), value);
      chosen(field('Delimiter'), '_');
      fireEvent.click(screen.getByRole('radio', { name: 'Codes in my own pattern' }));
    });
    try {
      fireEvent.click(button('Generate codes'));
      await settle();
    } finally {
      stop();
    }
    expect(script.map(([name]) => field(name).value)).toEqual([
      '100',
      '1',
      '1',
      '12',
      'SUMMER',
      '',
      '',
    ]);
    expect(field('Delimiter').value).toBe('');
    expect(
      (screen.getByRole('radio', { name: 'Codes made by BigCommerce (fast)' }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    expect(writes(fake.traffic).map((t) => t.data)).toEqual([
      expect.objectContaining({
        kind: 'generate',
        params: {
          count: 100,
          maxUses: 1,
          maxUsesPerCustomer: 1,
          prefix: 'SUMMER',
          suffix: '',
          delimiter: '',
          codeLength: 12,
          excludeCharacters: [],
        },
      }),
    ]);
  });

  test('Generate (in a pattern): the pattern, its characters (a set, or their own) and the way', async () => {
    const { fake } = await renderPanel();
    fireEvent.click(screen.getByRole('radio', { name: 'Codes in my own pattern' }));
    const pattern = screen.getByRole('textbox', { name: 'Pattern' }) as HTMLInputElement;
    const set = screen.getByLabelText('Characters', { exact: true }) as HTMLSelectElement;
    typed(pattern, 'SPRING-####-####');
    typed(screen.getByLabelText('Number of codes'), '100');
    const stop = beforePersonsClick(() => {
      typed(pattern, '#');
      chosen(set, 'digits');
      fireEvent.click(screen.getByRole('radio', { name: 'Codes made by BigCommerce (fast)' }));
    });
    try {
      fireEvent.click(button('Generate codes'));
      await settle();
    } finally {
      stop();
    }
    expect([pattern.value, set.value]).toEqual(['SPRING-####-####', 'letters-digits']);
    // Their own characters: a script cannot put up a set of its choosing either.
    chosen(set, 'custom');
    const own = screen.getByLabelText('Your characters') as HTMLInputElement;
    typed(own, 'ABCD');
    asScript(() => typed(own, 'A'));
    expect(own.value).toBe('ABCD');
    expect(writes(fake.traffic).map((t) => t.data)).toEqual([
      expect.objectContaining({
        kind: 'pattern',
        params: expect.objectContaining({
          count: 100,
          pattern: 'SPRING-####-####',
          characterSet: 'letters-digits',
        }),
      }),
    ]);
  });

  test('Import: the limits', async () => {
    const { fake } = await renderPanel();
    fireEvent.click(button('Import codes'));
    await settle();
    const file = screen.getByLabelText('CSV file with codes') as HTMLInputElement;
    Object.defineProperty(file, 'files', {
      value: [new File(['code\nA1\n'], 'a.csv')],
      configurable: true,
    });
    fireEvent.change(file);
    await settle();
    const dialog = screen.getByRole('dialog', { name: 'Import codes' });
    const uses = within(dialog).getByLabelText('Max uses per code') as HTMLInputElement;
    const perCustomer = within(dialog).getByLabelText('Max uses per customer') as HTMLInputElement;
    const stop = beforePersonsClick(() => {
      typed(uses, '0');
      typed(perCustomer, '0');
    });
    try {
      fireEvent.click(button('Import', dialog));
      await settle();
    } finally {
      stop();
    }
    expect([uses.value, perCustomer.value]).toEqual(['1', '1']);
    expect(writes(fake.traffic).map((t) => t.data)).toEqual([
      expect.objectContaining({ kind: 'import', maxUses: 1, maxUsesPerCustomer: 1 }),
    ]);
  });

  test('Find: the code “Delete this code” is then offered for', async () => {
    const fake = createFakeBridge({
      listStores: () => ({ ok: true, value: [STORE_MODIFY] }),
      findCode: ({ code }) => ({ ok: true, value: { found: false, code } }),
    });
    render(<PopupPage bridge={fake.bridge} />);
    await settle();
    const field = screen.getByLabelText('Find a code') as HTMLInputElement;
    typed(field, 'SPRING-AB12');
    const stop = beforePersonsClick(() => typed(field, 'OTHER-CODE'));
    try {
      fireEvent.click(button('Find'));
      await settle();
    } finally {
      stop();
    }
    expect(field.value).toBe('SPRING-AB12');
    expect(fake.sent('findCode')).toEqual([{ storeHash: STORE_HASH, code: 'SPRING-AB12' }]);
  });
});

const BACKUP: KeptFileView = {
  jobId: 'p1',
  jobKind: 'purge',
  kind: 'purge-backup',
  filename: 'backup.csv',
  rows: 40,
  bytes: 2_000,
  storeHash: STORE_HASH,
  promotionId: PROMOTION_ID,
  promotionName: 'Summer sale',
  createdAt: NOW,
  keepUntil: NOW + 1_000,
  listed: false,
};

/** The forms whose submit can set a write going: Generate, the import and purge dialogs, Find. */
const WRITING_FORMS =
  'form[aria-labelledby="bcm-generate-title"], [role="dialog"] form, form.bcm-find';

/** What a writing form holds: each field's value, each radio and checkbox's state. */
function valuesOf(form: Element | null): string[] {
  if (!form) return [];
  return [...form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')]
    .filter((el) => el.type !== 'file')
    .map((el) =>
      el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')
        ? `${el.id}:${el.checked}`
        : `${el.id}=${el.value}`,
    );
}

describe('a page script driving everything there is sends nothing that writes', () => {
  /**
   * Every button, field and form of the page, as a script drives them, a few rounds (what opens
   * is driven too); a writing form's values stay as they were.
   */
  async function sweep(fake: { traffic: TrafficEntry[] }) {
    let checked = 0;
    for (let round = 0; round < 3; round++) {
      const controls = [...document.querySelectorAll<HTMLElement>('button, input, select')].filter(
        (el) => el.isConnected,
      );
      for (const el of controls) {
        if (!el.isConnected) continue;
        const form = el.matches('input, select') ? el.closest(WRITING_FORMS) : null;
        const before = valuesOf(form);
        if (el instanceof HTMLInputElement && el.type === 'file') {
          Object.defineProperty(el, 'files', {
            value: [new File(['code\nA1\n'], 'x.csv')],
            configurable: true,
          });
          trust.person = false;
          fireEvent.change(el);
          trust.person = true;
        } else if (
          el instanceof HTMLInputElement &&
          el.type !== 'radio' &&
          el.type !== 'checkbox'
        ) {
          trust.person = false;
          fireEvent.input(el, { target: { value: 'PURGE' } });
          trust.person = true;
        } else if (el instanceof HTMLSelectElement) {
          const other = [...el.options].find((o) => o.value !== el.value);
          trust.person = false;
          if (other) fireEvent.change(el, { target: { value: other.value } });
          trust.person = true;
        }
        scriptDrives(el);
        await settle();
        if (form?.isConnected) {
          expect(valuesOf(form), el.id).toEqual(before);
          checked++;
        }
      }
    }
    expect(writes(fake.traffic)).toEqual([]);
    return checked;
  }

  const JOBS = [
    purge('awaiting-confirmation'),
    purge('paused', {}, { id: 'p2', promotionId: PROMOTION_ID }),
    purge('completed', {}, { id: 'p3' }),
    makeJob({ id: 'g1', status: 'interrupted' }),
    makeJob({ id: 'd1', kind: 'delete-code', status: 'failed' }),
  ];

  test('the panel, its forms and dialogs', async () => {
    const { fake } = await renderPanel({ jobs: JOBS });
    fireEvent.input(screen.getByLabelText('Number of codes'), { target: { value: '100' } });
    expect(await sweep(fake)).toBeGreaterThan(0);
  });

  test('the panel, its Generate in a pattern of the merchant’s own characters', async () => {
    const { fake } = await renderPanel();
    fireEvent.click(screen.getByRole('radio', { name: 'Codes in my own pattern' }));
    fireEvent.change(screen.getByLabelText('Characters', { exact: true }), {
      target: { value: 'custom' },
    });
    expect(await sweep(fake)).toBeGreaterThan(0);
  });

  test('the toolbar popup', async () => {
    const fake = createFakeBridge(
      { listStores: () => ({ ok: true, value: [STORE_MODIFY] }) },
      JOBS,
    );
    render(<PopupPage bridge={fake.bridge} />);
    await settle();
    expect(await sweep(fake)).toBeGreaterThan(0);
  });

  test("the manager's codes table (Delete selected)", async () => {
    const fake = createFakeBridge({
      readCodesPage: () => ({
        ok: true,
        value: {
          rows: [1, 2, 3].map((i) => ({
            id: i,
            code: `CODE-${i}`,
            current_uses: 0,
            max_uses: 1,
            max_uses_per_customer: 1,
            created: '2025-06-15T10:00:00Z',
          })),
          next: null,
          reads: 1,
          cutShort: false,
        },
      }),
    });
    const panel = createPanelModel(fake.bridge);
    await panel.navigate(PROMOTION_PAGE);
    render(<CodesTable panel={panel} storeHash={STORE_HASH} promotionId={PROMOTION_ID} />);
    await settle();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select CODE-2' })); // a person's choice
    await sweep(fake);
  });

  test('the settings page', async () => {
    const fake = createFakeBridge({
      listStores: () => ({ ok: true, value: [STORE_MODIFY] }),
      listKeptFiles: () => ({ ok: true, value: [BACKUP] }),
    });
    render(<OptionsPage bridge={fake.bridge} initialStoreHash={null} />);
    await settle();
    await sweep(fake);
  });
});

describe('the source', () => {
  /** Every product file that may talk to the background from a page. */
  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
    });
  }

  test('messages that can set a write going are sent only through sendChecked (components/trusted.ts)', () => {
    const root = join(__dirname, '..', '..');
    const direct = /\.send\(\s*['"](startJob|confirmPurge|controlJob|downloadFile)['"]/;
    const offenders = [
      ...sources(join(root, 'components')),
      ...sources(join(root, 'entrypoints')),
      ...sources(join(root, 'utils', 'ui')),
    ].filter(
      (f) => !f.endsWith(join('components', 'trusted.ts')) && direct.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
    // The helper's own door does send them: the check above looks at the right thing.
    expect(readFileSync(join(root, 'components', 'trusted.ts'), 'utf8')).toMatch(
      /bridge\.send\(type/,
    );
  });
});
