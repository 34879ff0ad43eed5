/**
 * Codes of your own, in real Chromium against the sandbox: an import of 1,000 codes of which
 * some clash, codes in a pattern in lower case, and an import that survives its worker being
 * stopped. Each checked against the store and the files the job saved.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { GENERATED_HEADER } from './codes';
import { readCsv } from './harness';
import {
  chooseByKeys,
  openPanel,
  typeInto,
  waitForCompleted,
  waitForOperations,
  waitForProgress,
} from './panel';
import { connectedStore, fileOf, useBrowser } from './setup';

const suite = useBrowser();
const BULK = 1;

afterEach(() => suite.sb.configure({ latencyMs: 0 }));

/** Writes a CSV beside the downloads and returns its path. */
function csvFile(name: string, lines: string[]): string {
  const path = join(suite.l.downloadsDir, '..', name);
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

/** Opens "Import codes", chooses the file and waits for the preview; returns the dialog and its text. */
async function previewImport(
  page: import('playwright-core').Page,
  panel: import('playwright-core').Locator,
  file: string,
) {
  await waitForOperations(panel);
  await panel.getByRole('button', { name: 'Import codes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import codes' });
  await dialog.getByLabel('CSV file with codes').setInputFiles(file);
  const preview = dialog.getByRole('status').filter({ hasText: /will be created/ });
  await preview.waitFor({ timeout: 30_000 });
  return { dialog, preview: await preview.innerText() };
}

test('import 1,000 codes of which some clash: exactly the others are created, each rejected line explained in a file', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 40 });
  const taken = sb
    .codes(BULK, store.storeHash)
    .slice(0, 5)
    .map((c) => c.code);
  const fresh = Array.from({ length: 1000 }, (_, i) => `Spring-${String(i).padStart(4, '0')}`);
  const file = csvFile(`${store.storeHash}-import.csv`, [
    'code',
    ...fresh,
    ...taken,
    'WELCOME10',
    'not allowed!',
    fresh[1]!.toUpperCase(),
  ]);
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  const { dialog, preview } = await previewImport(page, panel, file);
  // Before anything is sent: what will happen, and how long it takes.
  expect(preview).toMatch(/1,006 codes will be created/);
  expect(preview).toMatch(/2 lines will be rejected/);
  // The same estimate as every form's: 1,006 codes, one request each, after reading the baseline.
  await dialog.getByText(/^About .*; uses 1,007 requests/).waitFor();
  expect(sb.stats(store.storeHash).perEndpoint.createCode.requests).toBe(0);
  await typeInto(page, dialog.getByLabel('Max uses per code'), '2');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  expect(await waitForCompleted(panel, 90_000)).toBe(
    'Completed: 1,000 codes imported. 8 lines were rejected: “Download rejected lines” lists them with the reasons.',
  );

  const made = sb.codes(BULK, store.storeHash).filter((c) => c.code.startsWith('Spring-'));
  expect(made.map((c) => c.code).sort()).toEqual([...fresh].sort());
  for (const c of made) expect([c.max_uses, c.max_uses_per_customer]).toEqual([2, 1]);
  const imported = await readCsv(await l.waitForDownload(fileOf(store, BULK, 'imported')));
  expect(imported[0]).toEqual(GENERATED_HEADER);
  expect(
    imported
      .slice(1)
      .map((r) => r[0])
      .sort(),
  ).toEqual([...fresh].sort());
  const rejected = await readCsv(await l.waitForDownload(fileOf(store, BULK, 'rejected')));
  expect(rejected[0]).toEqual(['line', 'code', 'reason']);
  const reasons = new Map(rejected.slice(1).map((r) => [r[1], r[2]] as const));
  for (const c of taken) expect(reasons.get(c)).toMatch(/already in this promotion/);
  expect(reasons.get('WELCOME10')).toMatch(/already used by another promotion/);
  expect(reasons.get('not allowed!')).toMatch(/characters BigCommerce does not allow/);
  expect(reasons.get(fresh[1]!.toUpperCase())).toMatch(/already on line 3 of the file/);
  expect(sb.stats(store.storeHash).perEndpoint.deleteCodes.requests).toBe(0);
  await page.close();
});

test('codes in my own pattern, in lower case: exactly N, in the shape asked', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 0 });
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  await waitForOperations(panel);
  await panel.getByRole('radio', { name: 'Codes in my own pattern' }).check();
  await typeInto(page, panel.getByLabel('Pattern', { exact: true }), 'spring-####-####');
  await chooseByKeys(
    page,
    panel.getByLabel('Characters', { exact: true }),
    'Lower-case letters and digits',
  );
  await typeInto(page, panel.getByLabel('Number of codes'), '1500');
  // The samples have the shape asked.
  await panel
    .getByText(/spring-[a-z0-9]{4}-[a-z0-9]{4}/)
    .first()
    .waitFor();
  await panel.getByRole('button', { name: 'Generate codes' }).click();
  expect(await waitForCompleted(panel, 90_000)).toMatch(/^Completed: 1,500 codes generated\./);
  const codes = sb.codes(BULK, store.storeHash).map((c) => c.code);
  expect(codes).toHaveLength(1500);
  for (const c of codes) expect(c).toMatch(/^spring-[a-z0-9]{4}-[a-z0-9]{4}$/);
  const file = await readCsv(await l.waitForDownload(fileOf(store, BULK, 'generated')));
  expect(
    file
      .slice(1)
      .map((r) => r[0])
      .sort(),
  ).toEqual([...codes].sort());
  await page.close();
});

test('an import whose worker is stopped mid-way carries on by itself: nothing made twice, nothing lost', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 0 });
  const fresh = Array.from({ length: 4000 }, (_, i) => `STOP-${i}`);
  const file = csvFile(`${store.storeHash}-stop.csv`, fresh);
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  const { dialog } = await previewImport(page, panel, file);
  sb.configure({ latencyMs: 120 });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await waitForProgress(panel, 1_000);
  await l.stopServiceWorker();
  sb.configure({ latencyMs: 0 });
  expect(await waitForCompleted(panel, 120_000)).toBe('Completed: 4,000 codes imported.');
  const codes = sb.codes(BULK, store.storeHash).map((c) => c.code);
  expect(codes.sort()).toEqual([...fresh].sort());
  const imported = await readCsv(await l.waitForDownload(fileOf(store, BULK, 'imported')));
  expect(
    imported
      .slice(1)
      .map((r) => r[0])
      .sort(),
  ).toEqual([...fresh].sort());
  await page.close();
});
