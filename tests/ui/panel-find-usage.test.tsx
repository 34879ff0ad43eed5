// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { NOW, PROMOTION_ID, STORE_HASH, STORE_READ_ONLY, makeJob } from './fixtures';
import { LIST_PAGE, renderPanel, settle } from './render-panel';

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const panel = () => screen.getByRole('region', { name: 'Bulk coupon codes' });

describe('the panel: "Find a code"', () => {
  test('looks in the panel’s own store, with no store picker', async () => {
    const { fake } = await renderPanel({
      handlers: { findCode: ({ code }) => ({ ok: true, value: { found: false, code } }) },
    });
    expect(within(panel()).queryByLabelText('Store')).toBeNull();
    fireEvent.input(within(panel()).getByLabelText('Find a code'), { target: { value: 'XYZ' } });
    fireEvent.click(within(panel()).getByRole('button', { name: 'Find' }));
    await settle();
    expect(fake.sent('findCode')).toEqual([{ storeHash: STORE_HASH, code: 'XYZ' }]);
    expect(within(panel()).getByText('No code XYZ in this store.')).toBeTruthy();
  });

  test('also on the promotions list, and with a read-only token', async () => {
    await renderPanel({
      location: LIST_PAGE,
      handlers: { getStore: () => ({ ok: true, value: STORE_READ_ONLY }) },
    });
    expect(within(panel()).getByLabelText('Find a code')).toBeTruthy();
  });

  test('not shown before the store is connected', async () => {
    await renderPanel({ handlers: { getStore: () => ({ ok: true, value: null }) } });
    expect(within(panel()).queryByLabelText('Find a code')).toBeNull();
  });
});

describe('the panel: "Usage report"', () => {
  test('starts an export that reads usage without a file, once', async () => {
    const { fake } = await renderPanel();
    fireEvent.click(within(panel()).getByRole('button', { name: 'Usage report' }));
    await settle();
    expect(fake.sent('startJob')).toEqual([
      {
        kind: 'export',
        unusedOnly: false,
        reportOnly: true,
        storeHash: STORE_HASH,
        promotionId: PROMOTION_ID,
      },
    ]);
  });

  test('its finished job shows the chart and no download', async () => {
    const usage = {
      total: 3,
      unused: 2,
      used: 1,
      usedUp: 1,
      unlimited: 0,
      perDay: [{ day: '2026-12-01', codes: 3 }],
    };
    const job = makeJob({
      kind: 'export',
      status: 'completed',
      reportOnly: true,
      usage,
      finishedAt: NOW,
      progress: { done: 3, total: 3, ratePerSecond: 0, etaMs: null, wait: null },
    });
    await renderPanel({ jobs: [job] });
    const card = within(panel()).getByRole('article', { name: 'Usage report Completed' });
    expect(within(card).getByRole('status').textContent).toBe(
      'Completed: the usage of 3 codes was read.',
    );
    const chart = within(card).getByRole('img');
    expect(document.getElementById(chart.getAttribute('aria-labelledby')!)?.textContent).toBe(
      '3 codes: 2 unused, 1 used (1 used up), 0 unlimited; all made on Dec 1, 2026.',
    );
    expect(within(card).queryByRole('button', { name: /Download/ })).toBeNull();
  });

  test('starts beside a writing job under way on the promotion (it only reads)', async () => {
    await renderPanel({ jobs: [makeJob()] });
    expect(
      (within(panel()).getByRole('button', { name: 'Usage report' }) as HTMLButtonElement).disabled,
    ).toBe(false);
  });
});
