/**
 * `npm start`'s tour, the manager page: the store's bulk promotions (the sandbox is seeded
 * with 60 more, so there are pages), filtered, then one chosen in the "Bulk coupon codes"
 * panel, with no control-panel tab involved. Screenshots of the page as a merchant sees it.
 */
import type { Page } from 'playwright-core';
import type { Launched } from '../e2e/harness';
import { panelOf, waitForOperations } from '../e2e/panel';

export function managerUrl(l: Launched, storeHash?: string): string {
  return l
    .popupUrl()
    .replace(
      '/popup.html',
      `/manager.html${storeHash ? `?store=${encodeURIComponent(storeHash)}` : ''}`,
    );
}

/** Takes the screenshots through `shoot`: the visible part of the window, or the whole page. */
export async function tourManager(
  l: Launched,
  storeHash: string,
  shoot: (name: string, page: Page, fullPage?: boolean) => Promise<void>,
  storeShot: (page: Page) => Promise<void>,
): Promise<void> {
  const page = await l.context.newPage();
  try {
    await page.goto(managerUrl(l, storeHash));
    const status = page.getByRole('status').filter({ hasText: 'bulk coupon promotions' });
    await status.waitFor({ timeout: 30_000 });
    console.log(`  ${await status.innerText()}`);
    await shoot('manager', page);
    await storeShot(page);

    await page.getByLabel('Filter by name').fill('sale');
    await status.filter({ hasText: /match “sale”/ }).waitFor();
    await shoot('manager-filtered', page);
    await page.getByRole('button', { name: 'Spring sale — bulk codes', exact: true }).click();
    const panel = panelOf(page);
    await waitForOperations(panel);
    console.log('  chose “Spring sale — bulk codes”: its panel, with every action');
    await shoot('manager-promotion', page, true);
  } finally {
    await page.close();
  }
}
