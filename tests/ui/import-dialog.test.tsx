// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ImportPreview } from '@/utils/messages';
import {
  IMPORT_PREVIEW,
  NOW,
  PROMOTION_ID,
  STORE_HASH,
  STORE_READ_ONLY,
  makeJob,
} from './fixtures';
import { enterIn } from './person';
import { renderPanel, settle } from './render-panel';

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const dialog = () => screen.getByRole('dialog', { name: 'Import codes' });
const importButton = () =>
  within(dialog()).getByRole('button', { name: 'Import' }) as HTMLButtonElement;
const fileInput = () => within(dialog()).getByLabelText('CSV file with codes') as HTMLInputElement;
const CSV = 'code\nSPRING-0000\nSPRING-0001\n';

/** Opens the dialog the way a keyboard user does: focus "Import codes", activate it. */
async function openByKeyboard() {
  const opener = screen.getByRole('button', { name: 'Import codes' });
  opener.focus();
  fireEvent.click(opener);
  await settle();
  return opener;
}

/** Chooses a file in the dialog's file field, as the browser's picker does. */
async function chooseFile(file: File) {
  Object.defineProperty(fileInput(), 'files', { value: [file], configurable: true });
  fireEvent.change(fileInput());
  await settle();
}

function describedBy(el: Element): string[] {
  return (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
}

/** The field's message beside it: referenced by aria-describedby, the field marked invalid. */
function messageOf(input: HTMLInputElement): HTMLElement {
  expect(input.getAttribute('aria-invalid')).toBe('true');
  const message = document.getElementById(`${input.id}-message`);
  expect(message).not.toBeNull();
  expect(describedBy(input)).toContain(message!.id);
  return message!;
}

describe('import codes dialog', () => {
  test('"Import codes" sits beside Export and Purge, and opens a modal dialog with focus on the file field', async () => {
    await renderPanel();
    expect(screen.getByRole('group', { name: 'Import' })).toBeTruthy();
    const opener = await openByKeyboard();
    const d = dialog();
    expect(d.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(fileInput());
    expect(
      screen.getByLabelText('Bulk coupon codes', { selector: 'section' }).hasAttribute('inert'),
    ).toBe(true);
    // Every control is labelled; the hints are read with the fields.
    expect(
      describedBy(fileInput())
        .map((id) => document.getElementById(id)?.textContent)
        .join(' '),
    ).toMatch(/column named code.*max_uses and max_uses_per_customer columns override/);
    for (const label of ['Max uses per code', 'Max uses per customer']) {
      const field = within(d).getByRole('textbox', { name: label }) as HTMLInputElement;
      expect(field.value).toBe('1');
      expect(document.getElementById(describedBy(field)[0]!)?.textContent).toBe(
        '0 means unlimited.',
      );
    }
    // Tab stays inside.
    const focusables = Array.from(
      d.querySelectorAll<HTMLElement>('button:not([disabled]), input:not([disabled])'),
    );
    const last = focusables[focusables.length - 1]!;
    last.focus();
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(document.activeElement).toBe(focusables[0]);
    fireEvent.keyDown(focusables[0]!, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(last);
    // Escape closes; focus goes back to the button that opened it.
    fireEvent.keyDown(d, { key: 'Escape' });
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  test('full flow by keyboard: choose a file, read the preview, Import sends exactly the import', async () => {
    const { fake } = await renderPanel();
    const opener = await openByKeyboard();
    expect(importButton().disabled).toBe(true);
    await chooseFile(new File([CSV], 'codes.csv', { type: 'text/csv' }));
    // The file went to the background to be read; nothing was started.
    expect(fake.sent('prepareImport')).toEqual([
      { storeHash: STORE_HASH, promotionId: PROMOTION_ID, csvText: CSV },
    ]);
    expect(fake.sent('startJob')).toEqual([]);

    const preview = within(dialog()).getByRole('status');
    const text = preview.textContent ?? '';
    expect(text).toContain('1,006 codes will be created');
    expect(text).toContain('2 lines will be rejected');
    const reasons = within(preview)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(reasons).toEqual([
      'characters not allowed: 1 line, e.g. line 1005 not allowed!: the code holds characters BigCommerce does not allow (“!”): only letters, digits, spaces, _ and -',
      'repeated in the file: 1 line, e.g. line 1008 SPRING-0001: the code is already on line 3 of the file (codes that differ only in upper and lower case count as one, since shoppers may type either)',
    ]);
    // The estimate, from the same model as every form's, is asked of the background.
    await new Promise((r) => setTimeout(r, 200));
    await settle();
    expect(fake.sent('estimateJob')).toContainEqual({
      storeHash: STORE_HASH,
      planned: { kind: 'create', count: 1006 },
    });
    expect(dialog().textContent).toContain(
      "About 1 min 30 s on this store's plan; uses 5 requests",
    );

    const maxUses = within(dialog()).getByRole('textbox', { name: 'Max uses per code' });
    maxUses.focus();
    fireEvent.input(maxUses, { target: { value: '2' } });
    const perCustomer = within(dialog()).getByRole('textbox', { name: 'Max uses per customer' });
    fireEvent.input(perCustomer, { target: { value: '0' } });
    // Changing the limits does not read the file again.
    expect(fake.sent('prepareImport')).toHaveLength(1);
    expect(importButton().disabled).toBe(false);
    importButton().focus();
    fireEvent.click(importButton());
    await settle();
    expect(fake.sent('startJob')).toEqual([
      {
        kind: 'import',
        storeHash: STORE_HASH,
        promotionId: PROMOTION_ID,
        draftId: 'draft-1',
        maxUses: 2,
        maxUsesPerCustomer: 0,
      },
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  test('Enter in a field starts the import once it is ready', async () => {
    const { fake } = await renderPanel();
    await openByKeyboard();
    await chooseFile(new File([CSV], 'codes.csv'));
    enterIn(within(dialog()).getByRole('textbox', { name: 'Max uses per code' }));
    await settle();
    expect(fake.sent('startJob')).toEqual([
      {
        kind: 'import',
        storeHash: STORE_HASH,
        promotionId: PROMOTION_ID,
        draftId: 'draft-1',
        maxUses: 1,
        maxUsesPerCustomer: 1,
      },
    ]);
  });

  test('the estimate while the quota is not known', async () => {
    const estimate = {
      requests: 1007,
      ms: 120_000,
      basis: 'concurrency' as const,
      hourShare: null,
      quota: null,
      windowMs: null,
      overHour: false,
      atMost: false,
      text: "About 2 min; uses 1,007 requests. This store's quota is not known yet: it may take longer.",
    };
    await renderPanel({ handlers: { estimateJob: () => ({ ok: true, value: estimate }) } });
    await openByKeyboard();
    await chooseFile(new File([CSV], 'codes.csv'));
    await new Promise((r) => setTimeout(r, 200));
    await settle();
    expect(dialog().textContent).toContain(
      "About 2 min; uses 1,007 requests. This store's quota is not known yet: it may take longer.",
    );
  });

  test('a 60 MB file is refused beside the field without being read or sent', async () => {
    const { fake } = await renderPanel();
    await openByKeyboard();
    const big = new File(['code\nA1\n'], 'huge.csv');
    Object.defineProperty(big, 'size', { value: 60 * 1024 * 1024 });
    const read = vi.spyOn(big, 'text');
    await chooseFile(big);
    const message = messageOf(fileInput());
    expect(message.getAttribute('role')).toBe('alert');
    expect(message.textContent).toBe('huge.csv is larger than 50 MB. Split it into smaller files.');
    expect(read).not.toHaveBeenCalled();
    expect(fake.sent('prepareImport')).toEqual([]);
    expect(importButton().disabled).toBe(true);
  });

  test('an empty file is refused beside the field; nothing is sent', async () => {
    const { fake } = await renderPanel();
    await openByKeyboard();
    await chooseFile(new File([''], 'empty.csv'));
    expect(messageOf(fileInput()).textContent).toBe('empty.csv is empty.');
    await chooseFile(new File(['\n  \n'], 'blank.csv'));
    expect(messageOf(fileInput()).textContent).toBe('blank.csv is empty.');
    expect(fake.sent('prepareImport')).toEqual([]);
    expect(importButton().disabled).toBe(true);
  });

  test("the background's error for the whole file shows beside the field, and Import stays off", async () => {
    const error =
      'The file holds more than 1,000,000 codes, the most one import takes. Split it into smaller files.';
    const { fake } = await renderPanel({
      handlers: { prepareImport: () => ({ ok: false, error }) },
    });
    await openByKeyboard();
    await chooseFile(new File([CSV], 'codes.csv'));
    const message = messageOf(fileInput());
    expect(message.getAttribute('role')).toBe('alert');
    expect(message.textContent).toBe(error);
    expect(within(dialog()).getByRole('status').textContent).toBe('');
    expect(importButton().disabled).toBe(true);
    enterIn(within(dialog()).getByRole('textbox', { name: 'Max uses per code' }));
    await settle();
    expect(fake.sent('startJob')).toEqual([]);

    // Choosing another file reads it again; the error goes once it is fine.
    fake.handlers.prepareImport = () => ({ ok: true, value: IMPORT_PREVIEW });
    await chooseFile(new File([CSV], 'fixed.csv'));
    expect(fake.sent('prepareImport')).toHaveLength(2);
    expect(fileInput().getAttribute('aria-invalid')).toBeNull();
    expect(within(dialog()).queryByRole('alert')).toBeNull();
    expect(importButton().disabled).toBe(false);
  });

  test('Cancel closes the dialog and sends nothing', async () => {
    const { fake } = await renderPanel();
    const opener = await openByKeyboard();
    await chooseFile(new File([CSV], 'codes.csv'));
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.sent('startJob')).toEqual([]);
    expect(fake.sent('controlJob')).toEqual([]);
    expect(document.activeElement).toBe(opener);
  });

  test.each([
    ['Max uses per code', 'abc', /digits only/],
    ['Max uses per code', '2.5', /without decimals/],
    ['Max uses per code', '100001', /At most 100,000; use 0 for unlimited/],
    ['Max uses per customer', '-1', /Cannot be below 0/],
    ['Max uses per customer', '', /how many times one customer may use a code from 0 to 100,000/],
  ])('%s %j: a message beside the field, and Import off', async (label, value, words) => {
    const { fake } = await renderPanel();
    await openByKeyboard();
    await chooseFile(new File([CSV], 'codes.csv'));
    const field = within(dialog()).getByRole('textbox', { name: label }) as HTMLInputElement;
    fireEvent.input(field, { target: { value } });
    expect(messageOf(field).textContent).toMatch(words);
    expect(importButton().disabled).toBe(true);
    enterIn(field);
    await settle();
    expect(fake.sent('startJob')).toEqual([]);
    fireEvent.input(field, { target: { value: '100,000' } });
    expect(field.getAttribute('aria-invalid')).toBeNull();
    expect(importButton().disabled).toBe(false);
  });

  test('an answer about a file chosen before another is dropped', async () => {
    const answers: Array<(preview: ImportPreview) => void> = [];
    const { fake } = await renderPanel({
      handlers: {
        prepareImport: () =>
          new Promise((resolve) => answers.push((value) => resolve({ ok: true, value }))),
      },
    });
    await openByKeyboard();
    await chooseFile(new File([CSV], 'first.csv'));
    expect(within(dialog()).getByRole('status').textContent).toBe('Reading first.csv…');
    await chooseFile(new File([CSV], 'second.csv'));
    answers[1]!({ ...IMPORT_PREVIEW, draftId: 'draft-2', codes: 2 });
    await settle();
    answers[0]!({ ...IMPORT_PREVIEW, draftId: 'draft-1', codes: 1_006 });
    await settle();
    expect(within(dialog()).getByRole('status').textContent).toContain('2 codes will be created');
    fireEvent.click(importButton());
    await settle();
    expect((fake.sent('startJob')[0] as { draftId: string }).draftId).toBe('draft-2');
  });

  test('a refused start shows the reason in the dialog, which stays open', async () => {
    const error =
      'This file was read a while ago (or for another promotion) and is no longer held: choose it again.';
    await renderPanel({ handlers: { startJob: () => ({ ok: false, error }) } });
    await openByKeyboard();
    await chooseFile(new File([CSV], 'codes.csv'));
    fireEvent.click(importButton());
    await settle();
    expect(within(dialog()).getByRole('alert').textContent).toBe(error);
    // Closing takes the error with it.
    fireEvent.click(within(dialog()).getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  test('not offered for a read-only store; waits while a job runs on the promotion', async () => {
    await renderPanel({ handlers: { getStore: () => ({ ok: true, value: STORE_READ_ONLY }) } });
    expect(screen.queryByRole('button', { name: 'Import codes' })).toBeNull();
    cleanup();
    await renderPanel({ jobs: [makeJob({ status: 'running' })] });
    const button = screen.getByRole('button', { name: 'Import codes' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(document.getElementById(describedBy(button)[0]!)?.textContent).toMatch(
      /A job that creates or deletes codes is under way/,
    );
  });
});
