// @vitest-environment happy-dom
/** Stores by name: the label wherever a store is shown, and the settings' "Store name" field. */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, expect, test } from 'vitest';
import { OptionsPage } from '@/components/options/OptionsPage';
import type { StoreView } from '@/utils/messages';
import { storeInText, storeLabel } from '@/utils/ui/store-name';
import { createFakeBridge } from './fake-bridge';
import { STORE_HASH, STORE_MODIFY } from './fixtures';
import { settle } from './render-panel';

afterEach(cleanup);

test('labels: the name with the hash beside it, the hash alone while no name is known', () => {
  expect(storeLabel({ storeHash: 'abc123', name: 'Acme Outdoor' })).toBe('Acme Outdoor (abc123)');
  expect(storeLabel({ storeHash: 'abc123', name: null })).toBe('Store abc123');
  expect(storeInText({ storeHash: 'abc123' })).toBe('store abc123');
});

test('the settings: "Store name" saves the merchant’s name and the row shows it', async () => {
  const named: StoreView = { ...STORE_MODIFY, name: 'Acme Outdoor', renamed: true };
  const fake = createFakeBridge({
    listStores: () => ({ ok: true, value: [STORE_MODIFY] }),
    renameStore: () => ({ ok: true, value: named }),
  });
  render(<OptionsPage bridge={fake.bridge} />);
  await settle();
  const list = screen.getByRole('list', { name: 'Connected stores' });
  expect(within(list).getByText(`Store ${STORE_HASH}`)).toBeTruthy();
  const field = within(list).getByLabelText('Store name') as HTMLInputElement;
  fireEvent.input(field, { target: { value: 'Acme Outdoor' } });
  fireEvent.click(within(list).getByRole('button', { name: 'Save name' }));
  await settle();
  expect(fake.sent('renameStore')).toEqual([{ storeHash: STORE_HASH, name: 'Acme Outdoor' }]);
  expect(within(list).getByText(`Acme Outdoor (${STORE_HASH})`)).toBeTruthy();
  expect(list.textContent).toContain('Saved: this store shows as “Acme Outdoor”.');
});
