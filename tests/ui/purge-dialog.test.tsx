// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { JobView } from '@/utils/jobs/types';
import { downloadError, NOT_ON_DISK } from '@/utils/jobs/save-text';
import type { ErrorWords } from '@/utils/vocabulary';
import { NOW, PROMOTION_ID, STORE_HASH, makeJob } from './fixtures';
import { enterIn, trust } from './person';
import { renderPanel, settle } from './render-panel';

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const dialog = () => screen.getByRole('dialog', { name: 'Purge codes' });

function purgeJob(
  status: JobView['status'],
  purge: Partial<NonNullable<JobView['purge']>> = {},
  patch: Partial<JobView> = {},
): JobView {
  return makeJob({
    id: 'purge-1',
    kind: 'purge',
    status,
    progress: {
      done: 2_000,
      total: 12_345,
      phase: 'scan',
      ratePerSecond: 500,
      etaMs: 20_000,
      wait: null,
    },
    purge: {
      plannedAt: NOW,
      mode: 'all',
      targetCount: null,
      notFound: null,
      deleted: 0,
      failed: 0,
      ...purge,
    },
    files:
      status === 'awaiting-confirmation'
        ? [
            {
              kind: 'purge-backup',
              filename: 'backup.csv',
              rows: 12_345,
              saved: { state: 'saved', downloadId: 7, error: null, at: NOW },
            },
          ]
        : [],
    ...patch,
  });
}

function key(el: Element, k: string, shiftKey = false) {
  fireEvent.keyDown(el, { key: k, shiftKey });
}

/** Opens the dialog the way a keyboard user does: focus the button, activate it (Enter/Space click a button). */
async function openByKeyboard() {
  const opener = screen.getByRole('button', { name: 'Purge codes' });
  opener.focus();
  fireEvent.click(opener);
  await settle();
  return opener;
}

async function renderWithPurge() {
  const r = await renderPanel({
    handlers: { startJob: () => ({ ok: true, value: { jobId: 'purge-1' } }) },
  });
  return r;
}

describe('purge dialog', () => {
  test('opens as a modal dialog with focus inside, and traps Tab', async () => {
    await renderWithPurge();
    await openByKeyboard();
    const d = dialog();
    expect(d.getAttribute('aria-modal')).toBe('true');
    expect(d.contains(document.activeElement)).toBe(true);
    // The default choice is the safest: unused codes.
    expect(document.activeElement).toBe(within(d).getByRole('radio', { name: 'Unused codes' }));
    const focusables = Array.from(
      d.querySelectorAll<HTMLElement>('button:not([disabled]), input:not([disabled])'),
    );
    const first = focusables[0]!;
    const last = focusables[focusables.length - 1]!;
    last.focus();
    key(last, 'Tab');
    expect(document.activeElement).toBe(first);
    key(first, 'Tab', true);
    expect(document.activeElement).toBe(last);
    // The panel behind is inert while the dialog is open.
    expect(
      screen.getByLabelText('Bulk coupon codes', { selector: 'section' }).hasAttribute('inert'),
    ).toBe(true);
  });

  test('full flow by keyboard: choose, find, type PURGE, Purge enabled only then, confirm', async () => {
    const { fake } = await renderWithPurge();
    const opener = await openByKeyboard();
    const all = within(dialog()).getByRole('radio', { name: 'All codes' });
    all.focus();
    fireEvent.click(all);
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Find codes to delete' }));
    await settle();
    expect(fake.sent('startJob')).toEqual([
      { kind: 'purge', storeHash: STORE_HASH, promotionId: PROMOTION_ID, mode: 'all' },
    ]);

    // Scanning and writing the backup.
    await fake.pushJobs([purgeJob('running')]);
    expect(within(dialog()).getByText(/Nothing is deleted yet/)).toBeTruthy();
    expect(
      within(dialog()).getByRole('progressbar', { name: 'Finding codes to delete' }),
    ).toBeTruthy();

    // Dry run done: the count, the word, the button.
    await fake.pushJobs([purgeJob('awaiting-confirmation', { targetCount: 12_345 })]);
    const d = dialog();
    expect(within(d).getByText('12,345 codes will be deleted')).toBeTruthy();
    const field = within(d).getByRole('textbox', {
      name: 'Type PURGE to confirm',
    }) as HTMLInputElement;
    expect(document.activeElement).toBe(field);
    const purge = within(d).getByRole('button', { name: 'Purge' }) as HTMLButtonElement;
    expect(purge.disabled).toBe(true);
    for (const almost of ['purge', 'PURG', 'PURGE ', ' PURGE', 'Purge']) {
      fireEvent.input(field, { target: { value: almost } });
      expect(purge.disabled).toBe(true);
    }
    // Enter in the field does nothing while the word is wrong.
    enterIn(field);
    await settle();
    expect(fake.sent('confirmPurge')).toEqual([]);
    fireEvent.input(field, { target: { value: 'PURGE' } });
    expect(purge.disabled).toBe(false);
    fireEvent.click(purge);
    await settle();
    // The confirmation names the promotion it was shown for.
    expect(fake.sent('confirmPurge')).toEqual([
      { jobId: 'purge-1', storeHash: STORE_HASH, promotionId: PROMOTION_ID },
    ]);
    expect(fake.sent('controlJob')).toEqual([]);
    expect(screen.queryByRole('dialog')).toBeNull();

    // Deleting: the panel shows progress; focus did not get lost.
    await fake.pushJobs([
      purgeJob(
        'running',
        { targetCount: 12_345 },
        {
          progress: {
            done: 500,
            total: 12_345,
            phase: 'delete',
            ratePerSecond: 800,
            etaMs: 15_000,
            wait: null,
          },
        },
      ),
    ]);
    expect(
      screen.getByRole('progressbar', { name: 'Deleting codes' }).getAttribute('aria-valuenow'),
    ).toBe('500');
    expect(opener.isConnected).toBe(true);
    expect(document.activeElement).not.toBe(document.body);
  });

  test('Escape before confirming cancels the job and returns focus', async () => {
    const { fake } = await renderWithPurge();
    const opener = await openByKeyboard();
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Find codes to delete' }));
    await settle();
    await fake.pushJobs([purgeJob('awaiting-confirmation', { mode: 'unused', targetCount: 3 })]);
    key(within(dialog()).getByRole('textbox', { name: 'Type PURGE to confirm' }), 'Escape');
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.sent('controlJob')).toEqual([{ jobId: 'purge-1', action: 'cancel' }]);
    // "Purge codes" waits for the cancel to finish, so focus goes to the panel's heading, not the page.
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Bulk coupon codes' }));
    await fake.pushJobs([
      purgeJob('cancelled', { mode: 'unused', targetCount: 3 }, { finishedAt: NOW }),
    ]);
    expect((opener as HTMLButtonElement).disabled).toBe(false);
  });

  test('closing while the scan runs cancels too', async () => {
    const { fake } = await renderWithPurge();
    await openByKeyboard();
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Find codes to delete' }));
    await settle();
    await fake.pushJobs([purgeJob('running')]);
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(fake.sent('controlJob')).toEqual([{ jobId: 'purge-1', action: 'cancel' }]);
  });

  test('Escape before starting just closes (nothing to cancel)', async () => {
    const { fake } = await renderWithPurge();
    const opener = await openByKeyboard();
    key(dialog(), 'Escape');
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.sent('controlJob')).toEqual([]);
    expect(fake.sent('startJob')).toEqual([]);
    expect(document.activeElement).toBe(opener);
  });

  test('codes from a CSV file: the text is sent for the background to parse; its counts are shown', async () => {
    const { fake } = await renderWithPurge();
    await openByKeyboard();
    fireEvent.click(within(dialog()).getByRole('radio', { name: 'Codes from a CSV file' }));
    const find = within(dialog()).getByRole('button', {
      name: 'Find codes to delete',
    }) as HTMLButtonElement;
    expect(find.disabled).toBe(true);
    const input = within(dialog()).getByLabelText('CSV file with the codes') as HTMLInputElement;
    const text = 'code\nSUMMER-AAAA\nSUMMER-BBBB\n\nSUMMER-CCCC\n';
    Object.defineProperty(input, 'files', {
      value: [new File([text], 'codes.csv', { type: 'text/csv' })],
    });
    fireEvent.change(input);
    await settle();
    expect(within(dialog()).getByText(/codes\.csv is ready/)).toBeTruthy();
    expect(find.disabled).toBe(false);
    fireEvent.click(find);
    await settle();
    expect(fake.sent('startJob')).toEqual([
      {
        kind: 'purge',
        storeHash: STORE_HASH,
        promotionId: PROMOTION_ID,
        mode: 'list',
        csvText: text,
      },
    ]);
    await fake.pushJobs([
      purgeJob('awaiting-confirmation', {
        mode: 'list',
        targetCount: 2,
        notFound: 1,
        fileCodes: 3,
        skippedLines: 1,
        skipped: [
          { line: 3, reason: 'the code holds characters BigCommerce does not allow (“ß”)' },
        ],
      }),
    ]);
    expect(within(dialog()).getByText('2 codes will be deleted')).toBeTruthy();
    expect(
      within(dialog()).getByText(/Your file lists 3 codes\. 1 line was skipped:/),
    ).toBeTruthy();
    // Which line, and why: the merchant can fix it.
    expect(within(dialog()).getByText(/line 3: the code holds characters .*“ß”/)).toBeTruthy();
    expect(within(dialog()).getByText(/1 code from your file was not found/)).toBeTruthy();
  });

  test('a file with no codes is explained and nothing starts', async () => {
    const { fake } = await renderWithPurge();
    await openByKeyboard();
    fireEvent.click(within(dialog()).getByRole('radio', { name: 'Codes from a CSV file' }));
    const input = within(dialog()).getByLabelText('CSV file with the codes') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([''], 'empty.csv')] });
    fireEvent.change(input);
    await settle();
    expect(within(dialog()).getByRole('alert').textContent).toMatch(/\w/);
    expect(
      (within(dialog()).getByRole('button', { name: 'Find codes to delete' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
    expect(fake.sent('startJob')).toEqual([]);
  });

  test('nothing to delete: said, and closing cancels the empty job', async () => {
    const { fake } = await renderWithPurge();
    await openByKeyboard();
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Find codes to delete' }));
    await settle();
    await fake.pushJobs([purgeJob('awaiting-confirmation', { mode: 'unused', targetCount: 0 })]);
    expect(within(dialog()).getByText(/No codes match/)).toBeTruthy();
    expect(within(dialog()).queryByRole('button', { name: 'Purge' })).toBeNull();
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Close' }));
    await settle();
    expect(fake.sent('controlJob')).toEqual([{ jobId: 'purge-1', action: 'cancel' }]);
  });

  test('a scan that fails shows an alert in the dialog', async () => {
    const { fake } = await renderWithPurge();
    await openByKeyboard();
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Find codes to delete' }));
    await settle();
    await fake.pushJobs([
      purgeJob(
        'failed',
        {},
        { error: 'The store stopped answering. Try again later.', finishedAt: NOW },
      ),
    ]);
    expect(within(dialog()).getByRole('alert').textContent).toMatch(/The store stopped answering/);
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Close' }));
    await settle();
    expect(fake.sent('controlJob')).toEqual([]);
  });

  test('the backup can be downloaded before confirming', async () => {
    const { fake } = await renderWithPurge();
    await openByKeyboard();
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Find codes to delete' }));
    await settle();
    await fake.pushJobs([purgeJob('awaiting-confirmation', { targetCount: 5 })]);
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Download backup CSV' }));
    await settle();
    expect(fake.sent('downloadFile')).toEqual([{ jobId: 'purge-1', fileKind: 'purge-backup' }]);
  });

  test('the confirmation names the store, the promotion and its id, and the count', async () => {
    const { fake } = await renderWithPurge();
    await openByKeyboard();
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Find codes to delete' }));
    await settle();
    await fake.pushJobs([purgeJob('awaiting-confirmation', { targetCount: 5 })]);
    const text = dialog().textContent ?? '';
    expect(text).toContain('5 codes will be deleted');
    expect(text).toContain(`Store${STORE_HASH}`);
    expect(text).toContain(`Summer sale (id ${PROMOTION_ID})`);
    expect(text).toContain('Backup saved: backup.csv');
  });

  test('while the backup is being saved, or when it was not, Purge stays off; it can be saved again', async () => {
    const { fake } = await renderWithPurge();
    await openByKeyboard();
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Find codes to delete' }));
    await settle();
    const withBackup = (saved: NonNullable<JobView['files'][number]['saved']>) =>
      purgeJob(
        'awaiting-confirmation',
        { targetCount: 5 },
        { files: [{ kind: 'purge-backup', filename: 'backup.csv', rows: 5, saved }] },
      );
    await fake.pushJobs([withBackup({ state: 'saving', downloadId: 3, error: null, at: NOW })]);
    const purge = () =>
      within(dialog()).getByRole('button', { name: 'Purge' }) as HTMLButtonElement;
    fireEvent.input(within(dialog()).getByRole('textbox', { name: 'Type PURGE to confirm' }), {
      target: { value: 'PURGE' },
    });
    expect(within(dialog()).getByText(/Saving the backup file/)).toBeTruthy();
    expect(purge().disabled).toBe(true);

    const failedWith = (error: ErrorWords) =>
      fake.pushJobs([withBackup({ state: 'failed', downloadId: 3, error, at: NOW })]);
    const alert = () => within(dialog()).getByRole('alert').textContent;
    await failedWith(downloadError('FILE_NO_SPACE'));
    expect(alert()).toMatch(
      /backup file could not be saved: the disk is full\. Nothing has been deleted/,
    );
    await failedWith(NOT_ON_DISK);
    expect(alert()).toMatch(
      /backup file is no longer where it was saved \(it was moved or deleted\)\. Nothing has been deleted/,
    );
    // A job stored before files' errors were said keeps its sentence.
    await failedWith('The file was not saved: the download was cancelled.');
    expect(alert()).toMatch(
      /backup file could not be saved: the download was cancelled\. Nothing has been deleted/,
    );
    expect(purge().disabled).toBe(true);
    fireEvent.click(purge());
    await settle();
    expect(fake.sent('confirmPurge')).toEqual([]);
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Save backup again' }));
    await settle();
    expect(fake.sent('downloadFile')).toEqual([{ jobId: 'purge-1', fileKind: 'purge-backup' }]);

    await fake.pushJobs([withBackup({ state: 'saved', downloadId: 4, error: null, at: NOW })]);
    expect(purge().disabled).toBe(false);
  });

  test('a plan older than 15 minutes must be made again before anything is deleted', async () => {
    const { fake } = await renderWithPurge();
    await openByKeyboard();
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Find codes to delete' }));
    await settle();
    await fake.pushJobs([
      purgeJob('awaiting-confirmation', { targetCount: 5, plannedAt: NOW - 16 * 60_000 }),
    ]);
    expect(within(dialog()).getByRole('alert').textContent).toMatch(
      /found 16 minutes ago.*Find them again/,
    );
    expect(within(dialog()).queryByRole('textbox', { name: 'Type PURGE to confirm' })).toBeNull();
    expect(
      (within(dialog()).getByRole('button', { name: 'Purge' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Find the codes again' }));
    await settle();
    expect(fake.sent('controlJob')).toEqual([{ jobId: 'purge-1', action: 'rescan' }]);
  });

  test('page scripts typing and clicking in the panel cannot confirm a purge', async () => {
    const { fake } = await renderWithPurge();
    await openByKeyboard();
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Find codes to delete' }));
    await settle();
    await fake.pushJobs([purgeJob('awaiting-confirmation', { targetCount: 5 })]);
    trust.person = false;
    const field = within(dialog()).getByRole('textbox', {
      name: 'Type PURGE to confirm',
    }) as HTMLInputElement;
    fireEvent.input(field, { target: { value: 'PURGE' } });
    expect(field.value).toBe('');
    const purge = within(dialog()).getByRole('button', { name: 'Purge' }) as HTMLButtonElement;
    expect(purge.disabled).toBe(true);
    purge.disabled = false; // a script can also switch the button on
    fireEvent.click(purge);
    fireEvent.submit(field.form!);
    await settle();
    expect(fake.sent('confirmPurge')).toEqual([]);
  });
});
