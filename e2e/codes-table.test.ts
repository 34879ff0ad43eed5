/**
 * The manager page's "Codes" table in real Chromium against the sandbox: 100,000 codes paged
 * through a page at a time (the sandbox's request counts show only a few API pages were read,
 * not the promotion's 400), the "Show" choice, "Copy codes", and "Delete selected" through the
 * purge's backup and typed confirmation.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import type { Launched } from './harness';
import { typeInto } from './panel';
import { connectedStore, fileOf, useBrowser } from './setup';

const suite = useBrowser();
const BULK = 1;

async function openCodes(l: Launched, storeHash: string): Promise<Page> {
  const page = await l.context.newPage();
  await page.goto(
    l.popupUrl().replace('/popup.html', `/manager.html?store=${storeHash}&promotion=${BULK}`),
  );
  await page.getByRole('table', { name: 'Codes' }).getByRole('row').nth(50).waitFor();
  return page;
}

/** The codes in the table's rows, in order. */
async function shownCodes(page: Page): Promise<string[]> {
  return page
    .getByRole('table', { name: 'Codes' })
    .locator('tbody th[scope="row"]')
    .allInnerTexts();
}

const listReads = (l: Launched, storeHash: string) =>
  l.sandbox.stats(storeHash).perEndpoint.listCodes.requests;

test('100,000 codes paged through: each page read on its own, a few API pages, never all 400', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 100_000 });
  const all = sb.codes(BULK, store.storeHash);
  const page = await openCodes(l, store.storeHash);
  const status = page.getByRole('status').filter({ hasText: /^Page / });
  await status.filter({ hasText: 'Page 1: codes 1–50.' }).waitFor();
  expect(await shownCodes(page)).toEqual(all.slice(0, 50).map((c) => c.code));
  const before = listReads(l, store.storeHash);

  const next = page.getByRole('button', { name: 'Next page' });
  for (const n of [2, 3, 4, 5, 6, 7]) {
    await next.click();
    await status.filter({ hasText: `Page ${n}: codes ${(n - 1) * 50 + 1}–${n * 50}.` }).waitFor();
    // Focus moves to the table's heading, where a screen reader reads on into the new page.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Codes');
  }
  expect(await shownCodes(page)).toEqual(all.slice(300, 350).map((c) => c.code));
  await page.getByRole('button', { name: 'Previous page' }).click();
  await status.filter({ hasText: 'Page 6: codes 251–300.' }).waitFor();
  expect(await shownCodes(page)).toEqual(all.slice(250, 300).map((c) => c.code));
  // Seven table pages after the first: one API page each (250 codes), not the promotion's 400.
  expect(listReads(l, store.storeHash) - before).toBe(7);

  // Used codes only: every row has uses, in the store's order.
  const reads = listReads(l, store.storeHash);
  await page.getByLabel('Show').selectOption('used');
  await status.filter({ hasText: 'Page 1: used codes 1–50.' }).waitFor();
  const used = all.filter((c) => c.current_uses > 0);
  expect(await shownCodes(page)).toEqual(used.slice(0, 50).map((c) => c.code));
  expect(listReads(l, store.storeHash) - reads).toBeLessThan(10);

  // Copy codes: the selected ones.
  await l.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('checkbox', { name: `Select ${used[1]!.code}` }).check();
  await page.getByRole('checkbox', { name: `Select ${used[3]!.code}` }).check();
  await page.getByRole('button', { name: 'Copy codes' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: 'Copied 2 codes (the selected ones).' })
    .waitFor();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    `${used[1]!.code}\n${used[3]!.code}`,
  );
  await page.close();
});

test('Delete selected: a backup on disk, the typed confirmation, then exactly those codes go', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 400 });
  const all = sb.codes(BULK, store.storeHash);
  const page = await openCodes(l, store.storeHash);
  const chosen = [all[2]!.code, all[7]!.code, all[30]!.code];
  for (const code of chosen) await page.getByRole('checkbox', { name: `Select ${code}` }).check();
  await page.getByRole('button', { name: 'Delete selected' }).click();
  const dialog = page.getByRole('dialog', { name: 'Purge codes' });
  await dialog.getByRole('status').filter({ hasText: '3 codes will be deleted' }).waitFor();
  expect(await l.waitForDownload(fileOf(store, BULK, 'purge-backup'))).toBeTruthy();
  // Nothing is deleted before the word is typed.
  expect(sb.codes(BULK, store.storeHash)).toHaveLength(400);
  await typeInto(page, dialog.getByLabel('Type PURGE to confirm'), 'PURGE');
  await dialog.getByRole('button', { name: 'Purge', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  const left = async () => sb.codes(BULK, store.storeHash).length;
  for (let i = 0; i < 100 && (await left()) !== 397; i++)
    await new Promise((r) => setTimeout(r, 100));
  const codesLeft = new Set(sb.codes(BULK, store.storeHash).map((c) => c.code));
  expect(codesLeft.size).toBe(397);
  for (const code of chosen) expect(codesLeft.has(code)).toBe(false);
  // The table reads its page again once the promotion's count has changed.
  await page.getByRole('status').filter({ hasText: 'Page 1: codes 1–50.' }).waitFor();
  await expect
    .poll(() => shownCodes(page))
    .toEqual(
      all
        .filter((c) => !chosen.includes(c.code))
        .slice(0, 50)
        .map((c) => c.code),
    );
  await page.close();
});
