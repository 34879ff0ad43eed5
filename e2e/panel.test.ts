/**
 * Where the panel shows and what it says: direct loads and client-side navigation in the
 * control panel, the list page's picker, the legacy iframe, promotions that are not bulk
 * ones, stores not connected or connected read-only.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectExportFile } from './codes';
import {
  chooseByKeys,
  PANEL_HOST,
  openPanel,
  panelOf,
  startExport,
  waitForCompleted,
  waitForOperations,
} from './panel';
import { connectedStore, fileOf, useBrowser } from './setup';
import { sleep } from './harness';

const suite = useBrowser();
const BULK = 1;

describe('mounting', () => {
  test('direct load of a bulk promotion: one panel with its name and code count', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 321 });
    const { page, panel } = await openPanel(l, store.storeHash, BULK);
    await expect(panel.getByRole('heading', { name: 'Bulk coupon codes' }).count()).resolves.toBe(
      1,
    );
    await panel.getByText('Spring sale — bulk codes').waitFor();
    await panel.getByText('321 codes').waitFor();
    await waitForOperations(panel);
    await sleep(300);
    expect(await page.locator(PANEL_HOST).count()).toBe(1);
    await page.close();
  });

  test("arriving from another control panel page through the app's menu (no page load): the panel appears", async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 321 });
    const page = await l.context.newPage();
    // Where a merchant lands after signing in.
    await page.goto(new URL('/manage/dashboard', l.panelUrl(null, store.storeHash)).href);
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    await sleep(500);
    expect(await page.locator(PANEL_HOST).count()).toBe(0);

    await page.locator('nav').getByRole('link', { name: 'Promotions' }).click();
    await page.waitForURL(/\/manage\/marketing\/promotions$/);
    const panel = panelOf(page);
    await panel
      .getByLabel('Promotion')
      .locator('option', { hasText: 'Spring sale' })
      .waitFor({ state: 'attached' });
    await page
      .locator('#app table')
      .getByRole('link', { name: 'Spring sale — bulk codes' })
      .click();
    await page.waitForURL(/\/promotions\/1\/edit$/);
    await panel.getByText('321 codes').waitFor();
    await waitForOperations(panel);
    expect(
      await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload),
    ).toBe(true);
    expect(await page.locator(PANEL_HOST).count()).toBe(1);
    await page.close();
  });

  test('list page: a picker of bulk promotions; client-side navigation keeps exactly one panel; other pages have none', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 321 });
    const { page, panel } = await openPanel(l, store.storeHash, null);

    // The picker lists the bulk coupon promotions only.
    const picker = panel.getByLabel('Promotion');
    await picker.locator('option', { hasText: 'Spring sale' }).waitFor({ state: 'attached' });
    expect(await picker.locator('option').allInnerTexts()).toEqual([
      'Choose a bulk coupon promotion…',
      'Spring sale — bulk codes',
      'Summer sale — bulk codes (empty)',
    ]);
    await chooseByKeys(page, picker, 'Spring sale — bulk codes');
    await waitForOperations(panel);

    // The app's own link: pushState, no page load (a marker in the page survives).
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    await page
      .locator('#app table')
      .getByRole('link', { name: 'Spring sale — bulk codes' })
      .click();
    await page.waitForURL(/\/promotions\/1\/edit$/);
    await panel.getByText('321 codes').waitFor();
    await waitForOperations(panel);
    expect(
      await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload),
    ).toBe(true);
    await sleep(300);
    expect(await page.locator(PANEL_HOST).count()).toBe(1);

    // Away from the promotions: gone. Back (popstate): one panel again.
    await page.locator('nav').getByRole('link', { name: 'Orders' }).click();
    await page.waitForURL(/\/manage\/orders$/);
    await expect.poll(() => page.locator(PANEL_HOST).count()).toBe(0);
    await page.goBack();
    await page.waitForURL(/\/promotions\/1\/edit$/);
    await panel.getByText('321 codes').waitFor();

    // Back and forth quickly between the list and two promotions: never two panels.
    for (let i = 0; i < 3; i++) {
      await page.locator('.crumbs').getByRole('link', { name: 'Promotions' }).click();
      await page
        .locator('#app table')
        .getByRole('link', { name: 'Summer sale — bulk codes (empty)' })
        .click();
      await page.waitForURL(/\/promotions\/2\/edit$/);
      await page.locator('.crumbs').getByRole('link', { name: 'Promotions' }).click();
      await page
        .locator('#app table')
        .getByRole('link', { name: 'Spring sale — bulk codes' })
        .click();
      await page.waitForURL(/\/promotions\/1\/edit$/);
    }
    await panel.getByText('321 codes').waitFor();
    await sleep(500);
    expect(await page.locator(PANEL_HOST).count()).toBe(1);
    expect(await panelOf(page).count()).toBe(1);
    await page.close();
  });

  test('legacy editor page: one panel, inside the iframe only', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 50 });
    const page = await l.context.newPage();
    await page.goto(l.panelUrl(null, store.storeHash).replace(/$/, `/${BULK}/legacy`));
    const frame = page.frameLocator('iframe#content-iframe');
    const inner = frame.getByRole('region', { name: 'Bulk coupon codes' });
    await inner.getByText('50 codes').waitFor();
    await waitForOperations(inner);
    await sleep(500);
    expect(await page.locator(PANEL_HOST).count()).toBe(0);
    expect(await frame.locator(PANEL_HOST).count()).toBe(1);
    await page.close();
  });

  test("the panel is built after the page's load event, or after 3 s if that event never comes", async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 20 });
    // Notes the page's readyState when the panel's host first enters the DOM.
    const RECORD = `new MutationObserver((_, o) => {
      if (!document.querySelector('${PANEL_HOST}')) return;
      window.__panelAt = { state: document.readyState, ms: performance.now() };
      o.disconnect();
    }).observe(document, { childList: true, subtree: true });`;
    type PanelAt = { state: string; ms: number };
    const panelAt = async (page: Page): Promise<PanelAt> => {
      const at = await page.evaluate(
        () => (window as unknown as { __panelAt?: PanelAt }).__panelAt,
      );
      if (!at) throw new Error('the panel host was never seen entering the page');
      return at;
    };

    // An ordinary load: never before the load event.
    const page = await l.context.newPage();
    await page.addInitScript(RECORD);
    await page.goto(l.panelUrl(BULK, store.storeHash));
    await waitForOperations(panelOf(page));
    expect((await panelAt(page)).state).toBe('complete');
    await page.close();

    // An image that never finishes keeps the load event from firing: the panel comes anyway.
    const hung = await l.context.newPage();
    await hung.route('**/hung-image.png', () => new Promise(() => {}));
    await hung.addInitScript(
      RECORD +
        `document.addEventListener('DOMContentLoaded', () => { const i = new Image(); i.src = '/hung-image.png'; document.body.append(i); });`,
    );
    await hung.goto(l.panelUrl(BULK, store.storeHash), { waitUntil: 'domcontentloaded' });
    await waitForOperations(panelOf(hung));
    const at = await panelAt(hung);
    expect(at.state).not.toBe('complete');
    expect(at.ms).toBeGreaterThanOrEqual(3_000);
    await hung.close();
  });
});

describe('what the panel says', () => {
  test('promotions that are not bulk coupon ones: said plainly, and no actions', async () => {
    const { l } = suite;
    const store = await connectedStore(l);
    for (const [id, words] of [
      [3, '“Welcome 10% off” is a single-code coupon promotion, not a bulk coupon promotion'],
      [
        4,
        '“Free shipping over $50” is an automatic promotion (it needs no coupon code), not a bulk coupon promotion',
      ],
    ] as const) {
      const { page, panel } = await openPanel(l, store.storeHash, id);
      await panel.getByText(words).waitFor();
      for (const name of ['Generate codes', 'Export codes', 'Purge codes'])
        expect(await panel.getByRole('button', { name }).count(), name).toBe(0);
      await page.close();
    }
  });

  test('a store not connected: says so, and "Connect this store" opens the settings for it', async () => {
    const { l } = suite;
    const store = l.sandbox.createStore();
    const { page, panel } = await openPanel(l, store.storeHash, BULK);
    await panel.getByText('This store is not connected yet.').waitFor();
    expect(await panel.getByRole('button', { name: 'Export codes' }).count()).toBe(0);
    const opened = l.context.waitForEvent('page');
    await panel.getByRole('button', { name: 'Connect this store' }).click();
    const options = await opened;
    await options.waitForURL(`${l.optionsUrl(store.storeHash)}`);
    await expect.poll(() => options.getByLabel('Store hash').inputValue()).toBe(store.storeHash);
    await options.getByLabel('Access token').fill(store.tokens.modify);
    await options.getByRole('button', { name: 'Save store' }).click();
    await options.getByRole('status').filter({ hasText: 'is connected' }).waitFor();
    await options.close();
    // Back on the control panel, the panel picks the store up.
    await page.bringToFront();
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await waitForOperations(panel);
    await page.close();
  });

  test('read-only token: export works; generate and purge are unavailable, and it says why', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 400, access: 'read-only' });
    const { page, panel } = await openPanel(l, store.storeHash, BULK);
    await panel
      .getByText(/connected with read-only access .*can be exported but not generated or purged/)
      .waitFor();
    expect(await panel.getByRole('button', { name: 'Generate codes' }).count()).toBe(0);
    expect(await panel.getByLabel('Number of codes').count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Purge codes' }).count()).toBe(0);
    await startExport(panel);
    await waitForCompleted(panel);
    await expectExportFile(
      await l.waitForDownload(fileOf(store, BULK, 'export')),
      l.sandbox.codes(BULK, store.storeHash),
    );
    await page.close();
  });
});
