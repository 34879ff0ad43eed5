/**
 * A merchant's browser in German (`--lang=de`), in real Chromium against the sandbox: a count
 * typed with German grouping ("10.000") generates exactly 10,000 codes; files are
 * spreadsheet-friendly by default there (semicolons and a BOM); and the export "For email
 * tools" holds one column headed "Coupon Code" with only the unused codes. The controls have
 * their German names (the catalogue's); the job cards' words are the background's.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { EXPORT_HEADER, GENERATED_HEADER } from './codes';
import { readCsv } from './harness';
import { openPanel, typeInto, waitForCompleted, waitForOperations } from './panel';

/** A job card's completion, as a German browser shows it. */
const GERMAN_COMPLETED = /^Abgeschlossen:/;
import { connectedStore, fileOf, useBrowser } from './setup';

const suite = useBrowser({ lang: 'de' });
const BULK = 1;
const REGION = 'Massen-Gutscheincodes';
const EXPORT = 'Codes exportieren';

test('typing "10.000" in a German browser generates exactly 10,000 codes, the file in columns for German Excel', async () => {
  const { l } = suite;
  const store = await connectedStore(l, { bulkCodes: 0 });
  const { page, panel } = await openPanel(l, store.storeHash, BULK, REGION);
  await waitForOperations(panel, EXPORT);
  const count = panel.getByLabel('Anzahl der Codes', { exact: true });
  await typeInto(page, count, '10.000');
  await count.blur();
  // Read as ten thousand: no message on the field, and the estimate counts 40 batches.
  expect(await count.getAttribute('aria-invalid')).toBeNull();
  await panel.getByRole('button', { name: 'Codes erzeugen' }).focus();
  await page.keyboard.press('Enter');
  // Counts in German too.
  expect(await waitForCompleted(panel, 120_000, GERMAN_COMPLETED)).toBe(
    'Abgeschlossen: 10.000 Codes erzeugt.',
  );
  expect(l.sandbox.codes(BULK, store.storeHash)).toHaveLength(10_000);

  const path = await l.waitForDownload(fileOf(store, BULK, 'generated'));
  const text = await readFile(path, 'utf8');
  expect(text.startsWith(`\uFEFF${GENERATED_HEADER.join(';')}\r\n`)).toBe(true);
  const rows = await readCsv(path, ';');
  expect(
    rows
      .slice(1)
      .map((r) => r[0])
      .sort(),
  ).toEqual(
    l.sandbox
      .codes(BULK, store.storeHash)
      .map((c) => c.code)
      .sort(),
  );
  await page.close();
});

test('the settings show "Spreadsheet-friendly CSV" on in German; turned off, an export is plain commas', async () => {
  const { l } = suite;
  const store = await connectedStore(l, { bulkCodes: 50 });
  const options = await l.context.newPage();
  await options.goto(l.optionsUrl());
  const box = options.getByRole('checkbox', { name: 'Tabellenfreundliche CSV' });
  await expect.poll(() => box.isEnabled()).toBe(true);
  expect(await box.isChecked()).toBe(true);
  // By keyboard, as anyone can.
  await box.focus();
  await options.keyboard.press('Space');
  await expect.poll(() => box.isChecked()).toBe(false);

  const { page, panel } = await openPanel(l, store.storeHash, BULK, REGION);
  await waitForOperations(panel, EXPORT);
  await panel.getByRole('button', { name: EXPORT }).click();
  await waitForCompleted(panel, 60_000, GERMAN_COMPLETED);
  const text = await readFile(await l.waitForDownload(fileOf(store, BULK, 'export')), 'utf8');
  expect(text.startsWith(`\uFEFF${EXPORT_HEADER.join(',')}\r\n`)).toBe(true);

  // Back on for the other tests, as a German merchant has it.
  await box.focus();
  await options.keyboard.press('Space');
  await expect.poll(() => box.isChecked()).toBe(true);
  await options.close();
  await page.close();
});

test('"For email tools": one column headed "Coupon Code", only the unused codes', async () => {
  const { l } = suite;
  const store = await connectedStore(l, { bulkCodes: 1234 });
  const codes = l.sandbox.codes(BULK, store.storeHash);
  const unused = codes.filter((c) => c.current_uses === 0);
  expect(unused.length).toBeGreaterThan(0);
  expect(unused.length).toBeLessThan(codes.length);
  const { page, panel } = await openPanel(l, store.storeHash, BULK, REGION);
  await waitForOperations(panel, EXPORT);
  const email = panel.getByRole('checkbox', { name: 'Für E-Mail-Tools' });
  await email.focus();
  await page.keyboard.press('Space');
  // Unused codes only, unless the merchant says otherwise.
  expect(await email.isChecked()).toBe(true);
  expect(await panel.getByRole('checkbox', { name: 'nur unbenutzte Codes' }).isChecked()).toBe(
    true,
  );
  await panel.getByRole('button', { name: EXPORT }).click();
  await waitForCompleted(panel, 60_000, GERMAN_COMPLETED);

  const path = await l.waitForDownload(fileOf(store, BULK, 'email'));
  const text = await readFile(path, 'utf8');
  // Plain commas and no BOM whatever the spreadsheet setting: a tool reads the header by name.
  expect(text.startsWith('Coupon Code\r\n')).toBe(true);
  const rows = await readCsv(path);
  expect(rows[0]).toEqual(['Coupon Code']);
  expect(rows.every((r) => r.length === 1)).toBe(true);
  expect(
    rows
      .slice(1)
      .map((r) => r[0])
      .sort(),
  ).toEqual(unused.map((c) => c.code).sort());
  await page.close();
});
