// @vitest-environment happy-dom
/**
 * The manager's "Codes" table over a fake background: a real <table> named "Codes" with its
 * headers, pages asked for one at a time from where each started, focus on the caption after
 * paging, "Copy codes" (selected, else the page), and "Delete selected" that answers only to a
 * person's input (a script's click is ignored).
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, expect, test } from 'vitest';
import { CodesTable } from '@/components/manager/CodesTable';
import { createPanelModel } from '@/components/state/panel-model';
import type { CouponCode } from '@/utils/api/schemas';
import { createFakeBridge } from './fake-bridge';
import { PROMOTION_ID, STORE_HASH } from './fixtures';
import { trust } from './person';
import { PROMOTION_PAGE, settle } from './render-panel';

afterEach(cleanup);

const code = (i: number, uses = 0): CouponCode => ({
  id: i + 1,
  code: `CODE-${String(i).padStart(4, '0')}`,
  current_uses: uses,
  max_uses: i % 2 ? 0 : 1,
  max_uses_per_customer: 1,
  created: '2025-06-15T10:00:00Z',
});

async function renderTable() {
  const copied: string[] = [];
  const fake = createFakeBridge({
    readCodesPage: ({ start }) => {
      const from = start.skip + (start.after === null ? 0 : Number(start.after));
      return {
        ok: true,
        value: {
          rows: Array.from({ length: 50 }, (_, i) => code(from + i)),
          next: from + 50 < 120 ? { after: null, skip: from + 50 } : null,
          reads: 1,
          cutShort: false,
        },
      };
    },
  });
  const panel = createPanelModel(fake.bridge);
  await act(async () => panel.navigate(PROMOTION_PAGE));
  render(
    <CodesTable
      panel={panel}
      storeHash={STORE_HASH}
      promotionId={PROMOTION_ID}
      copy={async (text) => {
        copied.push(text);
      }}
    />,
  );
  await settle();
  return { fake, copied };
}

test('a table named "Codes" with its column headers, 50 rows, limits in words', async () => {
  await renderTable();
  const table = screen.getByRole('table', { name: 'Codes' });
  expect(
    within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent),
  ).toEqual(['', 'Code', 'Uses', 'Max uses', 'Per customer', 'Created']);
  expect(within(table).getAllByRole('row')).toHaveLength(51);
  expect(within(table).getByRole('rowheader', { name: 'CODE-0001' })).toBeTruthy();
  expect(within(table).getAllByText('Unlimited').length).toBe(25);
  expect(screen.getByRole('status').textContent).toBe('Page 1: codes 1–50.');
});

test('pages from where each started; Previous goes back without reading from the start; focus on the heading', async () => {
  const { fake } = await renderTable();
  fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
  await settle();
  fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
  await settle();
  expect(screen.getByRole('status').textContent).toBe('Page 3: codes 101–150.');
  expect((screen.getByRole('button', { name: 'Next page' }) as HTMLButtonElement).disabled).toBe(
    true,
  );
  expect(document.activeElement?.tagName).toBe('H2');
  expect(document.activeElement?.textContent).toBe('Codes');
  fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
  await settle();
  expect(fake.sent('readCodesPage').map((m) => (m as { start: unknown }).start)).toEqual([
    { after: null, skip: 0 },
    { after: null, skip: 50 },
    { after: null, skip: 100 },
    { after: null, skip: 50 },
  ]);
  fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'unused' } });
  await settle();
  expect(fake.sent('readCodesPage').at(-1)).toEqual({
    storeHash: STORE_HASH,
    promotionId: PROMOTION_ID,
    show: 'unused',
    start: { after: null, skip: 0 },
  });
});

test('Copy codes: the page, or the selected ones', async () => {
  const { copied } = await renderTable();
  fireEvent.click(screen.getByRole('button', { name: 'Copy codes' }));
  await settle();
  expect(copied[0]!.split('\n')).toHaveLength(50);
  fireEvent.click(screen.getByRole('checkbox', { name: 'Select CODE-0003' }));
  fireEvent.click(screen.getByRole('checkbox', { name: 'Select CODE-0001' }));
  fireEvent.click(screen.getByRole('button', { name: 'Copy codes' }));
  await settle();
  expect(copied[1]).toBe('CODE-0001\nCODE-0003');
  expect(screen.getByRole('status').textContent).toBe('Copied 2 codes (the selected ones).');
});

test('Delete selected ignores a click the browser did not mark as a person’s', async () => {
  const { fake } = await renderTable();
  const remove = screen.getByRole('button', { name: 'Delete selected' }) as HTMLButtonElement;
  expect(remove.disabled).toBe(true);
  fireEvent.click(screen.getByRole('checkbox', { name: 'Select CODE-0003' }));
  expect(remove.disabled).toBe(false);
  trust.person = false; // a page script's click()
  try {
    fireEvent.click(remove);
    await settle();
  } finally {
    trust.person = true;
  }
  expect(fake.sent('startJob')).toEqual([]);
  fireEvent.click(remove); // a person's
  await settle();
  expect(fake.sent('startJob')).toEqual([
    expect.objectContaining({
      kind: 'purge',
      mode: 'list',
      csvText: expect.stringContaining('CODE-0003'),
    }),
  ]);
});
