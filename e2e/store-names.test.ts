/**
 * Stores by name in real Chromium: the store's own name read on connecting where the token's
 * scopes allow (GET /v2/store), none (quietly) where they do not, "Store name" in the settings,
 * and the name wherever the store shows: the manager, the panel, the popup's store picker.
 */
import { expect, test } from 'vitest';
import { openPanel, waitForOperations } from './panel';
import { useBrowser } from './setup';

const suite = useBrowser();

test('the store’s own name where the token may read it; a Marketing-only token: the hash, without a word', async () => {
  const { l, sb } = suite;
  const named = sb.createStore({ storeName: 'Acme Outdoor', informationScope: true });
  const plain = sb.createStore({ storeName: 'Hidden Store' });
  await l.connectStore(named.tokens.modify, named.storeHash);
  await l.connectStore(plain.tokens.modify, plain.storeHash);
  const manager = await l.context.newPage();
  await manager.goto(l.popupUrl().replace('/popup.html', `/manager.html?store=${named.storeHash}`));
  const stores = manager.getByRole('navigation', { name: 'Stores' });
  await stores.getByRole('button', { name: `Acme Outdoor (${named.storeHash})` }).waitFor();
  await stores.getByRole('button', { name: `Store ${plain.storeHash}` }).waitFor();
  await manager
    .getByRole('heading', { name: `Bulk coupon promotions in Acme Outdoor (${named.storeHash})` })
    .waitFor();
  expect(sb.stats(plain.storeHash).perEndpoint.storeInfo.requests).toBe(1);

  // Named in the settings; the panel and the manager follow.
  const options = await l.context.newPage();
  await options.goto(l.optionsUrl());
  const row = options
    .getByRole('listitem')
    .filter({ hasText: new RegExp(`\\b${plain.storeHash}\\b`) });
  await row.getByText(`Store ${plain.storeHash}`).waitFor();
  await row.getByLabel('Store name').fill('Outlet EU');
  await row.getByRole('button', { name: 'Save name' }).click();
  await row.getByText('Saved: this store shows as “Outlet EU”.').waitFor();
  await options
    .getByRole('listitem')
    .filter({ hasText: `Outlet EU (${plain.storeHash})` })
    .waitFor();
  const { page, panel } = await openPanel(l, plain.storeHash, 1);
  await waitForOperations(panel);
  await panel.getByText(`Outlet EU (${plain.storeHash})`).waitFor();
  await manager.reload();
  await stores.getByRole('button', { name: `Outlet EU (${plain.storeHash})` }).waitFor();
  // The popup's store picker names them too.
  const popup = await l.context.newPage();
  await popup.goto(l.popupUrl());
  const picker = popup.getByLabel('Store');
  await picker.waitFor();
  const names = await picker.locator('option').allInnerTexts();
  expect(names).toContain(`Acme Outdoor (${named.storeHash})`);
  expect(names).toContain(`Outlet EU (${plain.storeHash})`);
  for (const p of [page, manager, options, popup]) await p.close();
});
