/**
 * "Find a code" and "Usage at a glance" in real Chromium against the sandbox: a code found from
 * the popup (opened as its own page) and from the panel, one that is not there, bad input
 * refused before any request, one code deleted with its one-line backup on disk first, and the
 * usage chart after an export and a "Usage report" (its text alternative counted from the
 * sandbox's own codes).
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { CodeView } from '../sandbox/server';
import { expectExportFile } from './codes';
import type { Launched } from './harness';
import { openPanel, startExport, typeInto, waitForCompleted, waitForOperations } from './panel';
import { connectedStore, fileOf, useBrowser } from './setup';

const suite = useBrowser();
const BULK = 1;
const BULK_NAME = 'Spring sale — bulk codes';

async function openPopup(l: Launched): Promise<Page> {
  const page = await l.context.newPage();
  await page.goto(l.popupUrl());
  await page.getByLabel('Find a code').waitFor();
  return page;
}

/** Types the code into "Find a code" (choosing the store when the popup offers several) and presses Enter. */
async function findCode(
  page: Page,
  scope: Page | Locator,
  storeHash: string,
  code: string,
): Promise<Locator> {
  const search = scope.getByRole('search');
  const picker = search.getByLabel('Store', { exact: true });
  if (await picker.count()) await picker.selectOption(storeHash);
  await typeInto(page, search.getByLabel('Find a code'), code);
  await page.keyboard.press('Enter');
  return search.getByRole('status');
}

/** The chart's text alternative, counted here from the sandbox's codes (not with the extension's code). */
function expectedUsage(codes: readonly CodeView[]): string {
  const n = (x: number) => x.toLocaleString('en-US');
  if (codes.length === 0) return '0 codes: the promotion holds no codes, so none are used.';
  const unused = codes.filter((c) => c.current_uses === 0).length;
  const usedUp = codes.filter((c) => c.max_uses > 0 && c.current_uses >= c.max_uses).length;
  const unlimited = codes.filter((c) => c.max_uses === 0).length;
  // Days on the merchant's clock (the browser's zone is this process's), written as en-US does.
  const dayOf = (iso: string) => {
    const d = new Date(iso);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };
  const perDay = new Map<string, number>();
  for (const c of codes) perDay.set(dayOf(c.created), (perDay.get(dayOf(c.created)) ?? 0) + 1);
  const days = [...perDay].sort(([a], [b]) => (a < b ? -1 : 1));
  const [topKey, topCount] = days.reduce((best, d) => (d[1] > best[1] ? d : best));
  const [y, m, d] = topKey.split('-').map(Number) as [number, number, number];
  const topDay = new Date(y, m - 1, d).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
  const counts = `${n(codes.length)} ${codes.length === 1 ? 'code' : 'codes'}: ${n(unused)} unused, ${n(codes.length - unused)} used (${n(usedUp)} used up), ${n(unlimited)} unlimited`;
  return days.length === 1
    ? `${counts}; all made on ${topDay}.`
    : `${counts}; made on ${days.length} days, most on ${topDay} (${n(topCount)}).`;
}

describe('find a code', () => {
  test('from the popup: a code that exists, one that does not, bad input refused before any request; "Open manager"', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 120 });
    const codes = l.sandbox.codes(BULK, store.storeHash);
    // The seed's 37th code is used up (1 of 1).
    const usedUp = codes[36]!;
    expect([usedUp.current_uses, usedUp.max_uses]).toEqual([1, 1]);
    const page = await openPopup(l);

    // Typed with spaces around and in lower case: the store finds it all the same.
    const result = await findCode(page, page, store.storeHash, `  ${usedUp.code.toLowerCase()} `);
    const link = result.getByRole('link', { name: BULK_NAME });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(
      `https://store-${store.storeHash}.mybigcommerce.com/manage/marketing/promotions/${BULK}/edit`,
    );
    const text = await result.innerText();
    expect(text).toContain(usedUp.code);
    expect(text).toContain('used 1 of 1 (used up: it cannot be redeemed again)');
    expect(text).toContain('once per customer');
    expect(text).toMatch(/Made\s+[A-Z][a-z]{2} \d{1,2}, \d{4}/);
    expect(text).toContain('a bulk coupon promotion');
    await result.getByRole('button', { name: 'Delete this code', exact: true }).waitFor();

    // Not there.
    const missing = await findCode(page, page, store.storeHash, 'NOPE-NOT-HERE');
    await missing.getByText('No code NOPE-NOT-HERE in this store.', { exact: true }).waitFor();

    // Refused before any request: the store sees no lookup.
    const asked = l.sandbox.stats(store.storeHash).perEndpoint.findCode.requests;
    for (const [typed, message] of [
      ['bad code!', /A code holds only letters, digits, spaces, _ and -: “!” cannot be in one/],
      ['X'.repeat(51), /A code has at most 50 characters; this has 51/],
      ['   ', /Type a code to find\./],
    ] as const) {
      await findCode(page, page, store.storeHash, typed);
      const field = page.getByLabel('Find a code');
      await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
      const described = (await field.getAttribute('aria-describedby')) ?? '';
      const said = await Promise.all(
        described.split(' ').map((id) => page.locator(`#${id}`).innerText()),
      );
      expect(said.join(' ')).toMatch(message);
    }
    expect(l.sandbox.stats(store.storeHash).perEndpoint.findCode.requests).toBe(asked);

    // "Open manager" opens the manager page in a new tab (and the popup closes). The manager
    // writes the store it shows into its own address (?store=…) as soon as it knows it, which on
    // a busy machine is before Playwright reports the tab: the tab is the next page opened, and
    // its page (the address without its query) is what is checked.
    const opened = l.context.waitForEvent('page');
    await page.getByRole('link', { name: 'Open manager' }).click();
    const manager = await opened;
    await manager.waitForURL((url) => url.pathname === '/manager.html');
    expect(manager.url().split('?')[0]).toBe(`chrome-extension://${l.extensionId}/manager.html`);
    await manager.close();
    await page.close().catch(() => {});
  });

  test('from the panel, for its store', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 150 });
    const partly = l.sandbox.codes(BULK, store.storeHash)[100]!;
    expect([partly.current_uses, partly.max_uses]).toEqual([2, 5]);
    // From the empty promotion's page: the code is found wherever it is in the store.
    const { page, panel } = await openPanel(l, store.storeHash, 2);
    await waitForOperations(panel);
    const result = await findCode(page, panel, store.storeHash, partly.code);
    await result.getByRole('link', { name: BULK_NAME }).waitFor();
    expect(await result.innerText()).toContain('used 2 of 5');
    const missing = await findCode(page, panel, store.storeHash, 'NOT-IN-THIS-STORE');
    await missing.getByText('No code NOT-IN-THIS-STORE in this store.', { exact: true }).waitFor();
    await page.close();
  });

  test('"Delete this code": a one-line backup on disk, then exactly that code is gone', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 40 });
    const before = l.sandbox.codes(BULK, store.storeHash);
    const target = before[5]!;
    const page = await openPopup(l);
    const result = await findCode(page, page, store.storeHash, target.code);
    await result.getByRole('button', { name: 'Delete this code', exact: true }).click();
    const question = result.getByRole('group', {
      name: new RegExp(
        `^Delete the code ${target.code}\\? A backup with this one code is saved first`,
      ),
    });
    await question.waitFor();
    // "Keep it" keeps it.
    await question.getByRole('button', { name: 'Keep it' }).click();
    await question.waitFor({ state: 'detached' });
    expect(l.sandbox.codes(BULK, store.storeHash)).toHaveLength(before.length);

    await result.getByRole('button', { name: 'Delete this code', exact: true }).click();
    await question.getByRole('button', { name: 'Delete this code', exact: true }).click();
    const done = `Completed: the code ${target.code} was deleted. Its backup was saved first.`;
    await result.getByText(done, { exact: true }).waitFor({ timeout: 30_000 });
    // The popup's job list shows it too.
    await page.getByRole('list', { name: 'Jobs' }).getByText(done, { exact: true }).waitFor();

    await expectExportFile(await l.waitForDownload(fileOf(store, BULK, 'purge-backup')), [target]);
    const after = l.sandbox.codes(BULK, store.storeHash);
    expect(after).toEqual(before.filter((c) => c.id !== target.id));

    const again = await findCode(page, page, store.storeHash, target.code);
    await again.getByText(`No code ${target.code} in this store.`, { exact: true }).waitFor();
    await page.close();
  });
});

describe('usage at a glance', () => {
  test('after an export: the chart on the job card, its text alternative counted from the store', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 500 });
    const codes = l.sandbox.codes(BULK, store.storeHash);
    const { page, panel } = await openPanel(l, store.storeHash, BULK);
    await startExport(panel);
    expect(await waitForCompleted(panel)).toBe('Completed: 500 codes exported.');
    const sentence = expectedUsage(codes);
    expect(sentence).toMatch(/^500 codes: 483 unused, 17 used \(13 used up\), 0 unlimited; /);
    await panel.getByRole('img', { name: sentence, exact: true }).waitFor();
    // And in the popup, on the same job's card.
    const popup = await openPopup(l);
    await popup
      .getByRole('list', { name: 'Jobs' })
      .getByRole('img', { name: sentence, exact: true })
      .waitFor();
    await popup.close();
    await page.close();
  });

  test('"Usage report": the chart without any download, also for a promotion with 0 codes', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 300 });
    const files = async () =>
      (await l.downloads()).filter((d) => d.filename.includes(`${store.storeHash}-promotion-`));
    for (const [promotionId, count] of [
      [BULK, 300],
      [2, 0],
    ] as const) {
      const { page, panel } = await openPanel(l, store.storeHash, promotionId);
      await waitForOperations(panel);
      await panel.getByRole('button', { name: 'Usage report', exact: true }).click();
      expect(await waitForCompleted(panel)).toBe(
        `Completed: the usage of ${count} codes was read.`,
      );
      const card = panel.getByRole('article', { name: /^Usage report/ });
      await card
        .getByRole('img', {
          name: expectedUsage(l.sandbox.codes(promotionId, store.storeHash)),
          exact: true,
        })
        .waitFor();
      expect(await panel.getByRole('button', { name: /Download/ }).count()).toBe(0);
      await page.close();
    }
    expect(await files()).toEqual([]);
  });
});
