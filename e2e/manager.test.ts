/**
 * The manager page (manager.html) in real Chromium against the sandbox, with no control-panel
 * tab open: the stores, a store's bulk promotions filtered by name and paged, one chosen, and a
 * generate and an export run from there, checked against the store and the CSV files. Then
 * what a merchant meets: a promotion deleted since the list was read, a store without bulk
 * promotions.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectExportFile, expectGeneratedFiles } from './codes';
import type { Launched } from './harness';
import {
  generateByKeyboard,
  panelOf,
  startExport,
  waitForCompleted,
  waitForOperations,
} from './panel';
import { connectedStore, fileOf, useBrowser } from './setup';

const suite = useBrowser();
const SPRING = 'Spring sale — bulk codes';

async function openManager(l: Launched, storeHash?: string): Promise<Page> {
  const page = await l.context.newPage();
  await page.goto(
    l.popupUrl().replace('/popup.html', `/manager.html${storeHash ? `?store=${storeHash}` : ''}`),
  );
  await page.getByRole('heading', { name: 'Bulk coupon manager', level: 1 }).waitFor();
  return page;
}

/** No control panel is open: whatever the page does, it does without one. */
function expectNoControlPanel(l: Launched) {
  expect(
    l.context
      .pages()
      .map((p) => p.url())
      .filter((u) => u.includes('mybigcommerce.com')),
  ).toEqual([]);
}

describe('the manager page', () => {
  test('filter, choose, generate and export with the control panel closed; the list follows', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 300, bulkPromotions: 60 });
    const page = await openManager(l);
    expectNoControlPanel(l);
    expect(await page.title()).toBe('Bulk coupon manager');

    // The stores connected in this browser; this test's store chosen.
    const stores = page.getByRole('navigation', { name: 'Stores' });
    await stores.getByRole('button', { name: `Store ${store.storeHash}` }).click();
    await page
      .getByRole('heading', { name: `Bulk coupon promotions in store ${store.storeHash}` })
      .waitFor();
    const status = page.getByRole('status').filter({ hasText: 'bulk coupon promotions' });
    await status.filter({ hasText: /^62 bulk coupon promotions, showing 1–25\./ }).waitFor();
    const list = page.getByRole('list', { name: 'Bulk coupon promotions' });
    expect(await list.getByRole('listitem').count()).toBe(25);

    // Pages.
    const pager = page.getByRole('navigation', { name: 'Pages of promotions' });
    await pager.getByText('Page 1 of 3').waitFor();
    await pager.getByRole('button', { name: 'Next page' }).click();
    await pager.getByText('Page 2 of 3').waitFor();
    await status.filter({ hasText: /showing 26–50\./ }).waitFor();

    // Filter by name, typed as a merchant types.
    await page.getByLabel('Filter by name').focus();
    await page.keyboard.type('spring');
    await status.filter({ hasText: /^1 of 62 bulk coupon promotions match “spring”\./ }).waitFor();
    const spring = page.getByRole('button', { name: SPRING, exact: true });
    expect(await list.getByRole('button').allInnerTexts()).toEqual([SPRING]);
    expect(await list.getByRole('listitem').innerText()).toContain('300 codes');

    // Chosen by keyboard: the panel opens with focus inside it.
    await spring.focus();
    await page.keyboard.press('Enter');
    const panel = panelOf(page);
    await panel.waitFor();
    expect(
      await page.evaluate(
        () => document.activeElement?.closest('[aria-label="Bulk coupon codes"]') !== null,
      ),
    ).toBe(true);
    await panel.getByText('300 codes').waitFor();

    // Generate, from the manager page.
    const before = l.sandbox.codes(1, store.storeHash);
    await generateByKeyboard(page, panel, { count: 600, prefix: 'MGR', codeLength: 10 });
    expect(await waitForCompleted(panel)).toBe('Completed: 600 codes generated.');
    const { fresh, others } = await expectGeneratedFiles(l, store, 1, before, 600);
    expect(others).toEqual([]);
    for (const c of fresh) expect(c.code).toMatch(/^MGR[A-Z0-9]{10}$/);
    await panel.getByText('900 codes').waitFor();

    // Export, from the manager page.
    for (const button of await panel.getByRole('button', { name: 'Dismiss' }).all())
      await button.click();
    await startExport(panel);
    expect(await waitForCompleted(panel)).toBe('Completed: 900 codes exported.');
    await expectExportFile(
      await l.waitForDownload(fileOf(store, 1, 'export')),
      l.sandbox.codes(1, store.storeHash),
    );
    expectNoControlPanel(l);

    // Back to the list: focus on the promotion, its count read again, its last job shown.
    await page.getByRole('button', { name: 'Back to the list' }).click();
    const row = list.getByRole('listitem').filter({ has: spring });
    await row.getByText('900 codes').waitFor();
    await row.getByText(/^Last job: Export codes, completed/).waitFor();
    expect(await spring.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(new URL(page.url()).search).toBe(`?store=${store.storeHash}`);

    // The address names the store and the promotion: a reload (or a bookmark) comes back to it.
    await spring.click();
    await panelOf(page).waitFor();
    expect(new URL(page.url()).search).toBe(`?store=${store.storeHash}&promotion=1`);
    await page.reload();
    await panelOf(page).getByText('900 codes').first().waitFor();
    expect(await page.getByText(`Store ${store.storeHash} › ${SPRING}`).count()).toBe(1);
    await page.close();
  });

  test('a promotion deleted since the list was read says so, and the list is read again without it', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 10, bulkPromotions: 3 });
    const page = await openManager(l, store.storeHash);
    const list = page.getByRole('list', { name: 'Bulk coupon promotions' });
    await list
      .getByRole('button', { name: 'Black Friday 2024 — bulk codes', exact: true })
      .waitFor();
    l.sandbox.removePromotion(5, store.storeHash);

    await list.getByRole('button', { name: 'Black Friday 2024 — bulk codes', exact: true }).click();
    const alert = panelOf(page).getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toBe(
      `Promotion 5 was not found in store ${store.storeHash}. It may have been deleted.`,
    );
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^4 bulk coupon promotions\./ })
      .waitFor();
    expect(await list.getByRole('button').allInnerTexts()).toEqual([
      'Cyber Monday 2024 — bulk codes',
      'Newsletter welcome 2024 — bulk codes',
      SPRING,
      'Summer sale — bulk codes (empty)',
    ]);
    // An empty promotion opens with its count right, and every action offered.
    await list.getByRole('button', { name: 'Summer sale — bulk codes (empty)' }).click();
    await panelOf(page).getByText('0 codes').waitFor();
    await waitForOperations(panelOf(page));
    await page.close();
  });

  test('a store without bulk promotions: how to make one', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 0 });
    l.sandbox.removePromotion(1, store.storeHash);
    l.sandbox.removePromotion(2, store.storeHash);
    const page = await openManager(l, store.storeHash);
    await page
      .getByText(`Store ${store.storeHash} has no bulk coupon promotions yet.`, { exact: false })
      .waitFor();
    expect(await page.getByRole('list', { name: 'Bulk coupon promotions' }).count()).toBe(0);
    await page.close();
  });
});
