// @vitest-environment happy-dom
/**
 * The manager page over a fake background: stores, a page of promotions (filter, pages,
 * Refresh), the chosen promotion in the "Bulk coupon codes" panel with focus moving there and
 * back, and what a merchant meets: a promotion deleted since the list was read, a revoked
 * token, a store without bulk promotions, a promotion without codes.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ManagerPage } from '@/components/manager/ManagerPage';
import type { PromotionPage, PromotionRow, StoreView } from '@/utils/messages';
import { createFakeBridge, type Handlers } from './fake-bridge';
import {
  BULK_PROMOTION,
  NOW,
  STORE_HASH,
  STORE_MODIFY,
  STORE_READ_ONLY,
  makeJob,
} from './fixtures';
import { settle } from './render-panel';

beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(NOW);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const OTHER_STORE: StoreView = { ...STORE_READ_ONLY, storeHash: 'zzz999' };
const row = (
  id: number,
  name: string,
  codeCount: number | null = 10,
  status: string | null = 'ENABLED',
): PromotionRow => ({ id, name, status, codeCount });
const ROWS = [
  row(BULK_PROMOTION.id, BULK_PROMOTION.name, 12_345),
  row(9, 'Black Friday', 0, 'DISABLED'),
  row(10, 'Cyber Monday', null),
];

function pageOf(promotions: PromotionRow[], patch: Partial<PromotionPage> = {}): PromotionPage {
  return {
    storeHash: STORE_HASH,
    promotions,
    page: 1,
    pages: 1,
    pageSize: 25,
    filter: '',
    matching: promotions.length,
    total: promotions.length,
    loadedAt: NOW,
    ...patch,
  };
}

async function renderManager(
  opts: {
    handlers?: Handlers;
    jobs?: Parameters<typeof createFakeBridge>[1];
    initialStore?: string;
    initialPromotion?: number;
    initialJob?: string;
    onPlace?: (s: string | null, p: number | null) => void;
  } = {},
) {
  const fake = createFakeBridge(
    {
      listStores: () => ({ ok: true, value: [STORE_MODIFY, OTHER_STORE] }),
      listPromotionPage: () => ({ ok: true, value: pageOf(ROWS) }),
      ...opts.handlers,
    },
    opts.jobs ?? [],
  );
  render(
    <ManagerPage
      bridge={fake.bridge}
      initialStore={opts.initialStore}
      initialPromotion={opts.initialPromotion}
      initialJob={opts.initialJob}
      onPlace={opts.onPlace}
      filterDelayMs={0}
    />,
  );
  await settle();
  return fake;
}

const list = () => screen.getByRole('list', { name: 'Bulk coupon promotions' });
const region = () => screen.getByRole('region', { name: 'Bulk coupon codes' });

describe('the list', () => {
  test('the stores, and the first store’s promotions: each a button named by its name, with status, codes and last job', async () => {
    const jobs = [
      makeJob({
        id: 'old',
        kind: 'generate',
        status: 'completed',
        createdAt: NOW - 7_200_000,
        finishedAt: NOW - 7_000_000,
      }),
      makeJob({
        id: 'new',
        kind: 'export',
        status: 'completed',
        createdAt: NOW - 600_000,
        finishedAt: NOW - 180_000,
      }),
      makeJob({ id: 'elsewhere', storeHash: 'zzz999', promotionId: 9, status: 'running' }),
      makeJob({
        id: 'running',
        promotionId: 10,
        progress: { done: 400, total: 1_000, ratePerSecond: 50, etaMs: 12_000, wait: null },
      }),
    ];
    const fake = await renderManager({ jobs });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Bulk coupon manager');
    const stores = within(screen.getByRole('navigation', { name: 'Stores' }));
    expect(
      stores.getByRole('button', { name: `Store ${STORE_HASH}` }).getAttribute('aria-current'),
    ).toBe('true');
    expect(
      stores.getByRole('button', { name: 'Store zzz999' }).getAttribute('aria-current'),
    ).toBeNull();
    expect(stores.getByText('Read-only: export only')).toBeTruthy();
    expect(fake.sent('listPromotionPage')).toEqual([
      { storeHash: STORE_HASH, filter: '', page: 1 },
    ]);

    const items = within(list()).getAllByRole('listitem');
    expect(items.map((li) => within(li).getByRole('button').textContent)).toEqual([
      'Summer sale',
      'Black Friday',
      'Cyber Monday',
    ]);
    for (const name of ['Summer sale', 'Black Friday', 'Cyber Monday'])
      expect(screen.getByRole('button', { name })).toBeTruthy();
    const details = items.map((li) => li.querySelector('p')!.textContent);
    expect(details).toEqual([
      'Enabled12,345 codesLast job: Export codes, completed 3 min ago',
      'Disabled0 codesNo jobs yet',
      'Enabledcode count not available just nowLast job: Generate codes, running, 40%',
    ]);
    // The details are read with the button.
    const button = screen.getByRole('button', { name: 'Black Friday' });
    expect(document.getElementById(button.getAttribute('aria-describedby')!)?.textContent).toBe(
      details[1],
    );
    expect(screen.getByRole('status').textContent).toBe(
      '3 bulk coupon promotions. List read from the store just now.',
    );
  });

  test('filter by name: asked once typing pauses, the page says what it matched', async () => {
    const fake = await renderManager({
      handlers: {
        listPromotionPage: ({ filter = '' }) => ({
          ok: true,
          value: filter
            ? pageOf([ROWS[1]!], { filter: filter.trim(), matching: 1, total: 3 })
            : pageOf(ROWS),
        }),
      },
    });
    fireEvent.input(screen.getByLabelText('Filter by name'), { target: { value: ' friday ' } });
    await settle();
    expect(fake.sent('listPromotionPage').at(-1)).toEqual({
      storeHash: STORE_HASH,
      filter: ' friday ',
      page: 1,
    });
    expect(
      within(list())
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Black Friday']);
    expect(screen.getByRole('status').textContent).toMatch(
      /^1 of 3 bulk coupon promotions match “friday”\./,
    );
    fireEvent.input(screen.getByLabelText('Filter by name'), { target: { value: 'nothing' } });
    fake.handlers.listPromotionPage = () => ({
      ok: true,
      value: pageOf([], { filter: 'nothing', matching: 0, total: 3 }),
    });
    await settle();
    expect(screen.getByText('No bulk coupon promotion’s name contains “nothing”.')).toBeTruthy();
  });

  test('typing fast sends one request, for what was typed last', async () => {
    const fake = createFakeBridge({
      listStores: () => ({ ok: true, value: [STORE_MODIFY] }),
      listPromotionPage: () => ({ ok: true, value: pageOf(ROWS) }),
    });
    render(<ManagerPage bridge={fake.bridge} filterDelayMs={30} />);
    await settle();
    for (const value of ['b', 'bl', 'bla'])
      fireEvent.input(screen.getByLabelText('Filter by name'), { target: { value } });
    await new Promise((r) => setTimeout(r, 60));
    await settle();
    expect(fake.sent('listPromotionPage').map((d) => (d as { filter: string }).filter)).toEqual([
      '',
      'bla',
    ]);
  });

  test('pages: Next and Previous, "Page 2 of 3"', async () => {
    const fake = await renderManager({
      handlers: {
        listPromotionPage: ({ page = 1 }) => ({
          ok: true,
          value: pageOf([row(100 + page, `Promotion on page ${page}`)], {
            page,
            pages: 3,
            total: 60,
            matching: 60,
          }),
        }),
      },
    });
    const pager = () => within(screen.getByRole('navigation', { name: 'Pages of promotions' }));
    expect(
      (pager().getByRole('button', { name: 'Previous page' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    fireEvent.click(pager().getByRole('button', { name: 'Next page' }));
    await settle();
    expect(fake.sent('listPromotionPage').at(-1)).toEqual({
      storeHash: STORE_HASH,
      filter: '',
      page: 2,
    });
    expect(pager().getByText('Page 2 of 3')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Promotion on page 2' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(
      /^60 bulk coupon promotions, showing 26–26\./,
    );
  });

  test('Refresh reads the list from the store again; another store shows its own list', async () => {
    const fake = await renderManager();
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await settle();
    expect(fake.sent('listPromotionPage').at(-1)).toEqual({
      storeHash: STORE_HASH,
      filter: '',
      page: 1,
      refresh: true,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Store zzz999' }));
    await settle();
    expect(fake.sent('listPromotionPage').at(-1)).toEqual({
      storeHash: 'zzz999',
      filter: '',
      page: 1,
    });
    expect(
      screen.getByRole('heading', { name: 'Bulk coupon promotions in store zzz999' }),
    ).toBeTruthy();
  });

  test('manager.html?store= opens on that store', async () => {
    const fake = await renderManager({ initialStore: 'zzz999' });
    expect(fake.sent('listPromotionPage')).toEqual([{ storeHash: 'zzz999', filter: '', page: 1 }]);
  });
});

describe('a promotion chosen', () => {
  test('the page’s address follows the merchant, and opens on the promotion it names (a reload, a bookmark)', async () => {
    const places: Array<[string | null, number | null]> = [];
    await renderManager({ onPlace: (st, p) => void places.push([st, p]) });
    fireEvent.click(screen.getByRole('button', { name: 'Summer sale' }));
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Back to the list' }));
    await settle();
    expect(places).toEqual([
      [STORE_HASH, null],
      [STORE_HASH, BULK_PROMOTION.id],
      [STORE_HASH, null],
    ]);
    cleanup();

    const fake = await renderManager({
      initialStore: STORE_HASH,
      initialPromotion: BULK_PROMOTION.id,
    });
    expect(fake.sent('getPromotion')).toEqual([
      { storeHash: STORE_HASH, promotionId: BULK_PROMOTION.id },
    ]);
    expect(within(region()).getByRole('button', { name: 'Export codes' })).toBeTruthy();
    // Named by the panel's own reading of it.
    expect(screen.getByText(`Store ${STORE_HASH} ›`, { exact: false }).textContent).toContain(
      BULK_PROMOTION.name,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Back to the list' }));
    await settle();
    expect(within(list()).getByRole('button', { name: 'Summer sale' })).toBeTruthy();
  });

  test('a promotion named without its store, or for a store not connected, is not opened', async () => {
    const fake = await renderManager({ initialPromotion: BULK_PROMOTION.id });
    expect(fake.sent('getPromotion')).toEqual([]);
    cleanup();
    const other = await renderManager({
      initialStore: 'notconnected1',
      initialPromotion: BULK_PROMOTION.id,
    });
    expect(other.sent('getPromotion')).toEqual([]);
    expect(screen.getByRole('list', { name: 'Bulk coupon promotions' })).toBeTruthy();
  });

  test('the "Bulk coupon codes" panel for it, focus inside; Back returns to its button and counts it again', async () => {
    const fake = await renderManager();
    fireEvent.click(screen.getByRole('button', { name: 'Summer sale' }));
    await settle();
    expect(region().contains(document.activeElement)).toBe(true);
    expect(fake.sent('getPromotion')).toEqual([
      { storeHash: STORE_HASH, promotionId: BULK_PROMOTION.id },
    ]);
    expect(within(region()).getByText('12,345 codes', { exact: false })).toBeTruthy();
    expect(within(region()).getByRole('button', { name: 'Export codes' })).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Bulk coupon promotions' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Back to the list' }));
    await settle();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Summer sale' }));
    expect(fake.sent('listPromotionPage').at(-1)).toEqual({
      storeHash: STORE_HASH,
      filter: '',
      page: 1,
      recount: [BULK_PROMOTION.id],
    });
    expect(screen.queryByRole('region', { name: 'Bulk coupon codes' })).toBeNull();
  });

  test('a job started from the manager goes to the background for that store and promotion', async () => {
    const fake = await renderManager();
    fireEvent.click(screen.getByRole('button', { name: 'Summer sale' }));
    await settle();
    fireEvent.click(within(region()).getByRole('button', { name: 'Export codes' }));
    await settle();
    expect(fake.sent('startJob')).toEqual([
      expect.objectContaining({
        kind: 'export',
        storeHash: STORE_HASH,
        promotionId: BULK_PROMOTION.id,
      }),
    ]);
  });

  test('deleted since the list was read: the panel says so, and the list is read again without it', async () => {
    // The background keeps the list until it is read again (refresh).
    let refreshed = false;
    const fake = await renderManager({
      handlers: {
        getPromotion: ({ promotionId }) => ({
          ok: false,
          error: `Promotion ${promotionId} was not found in store ${STORE_HASH}. It may have been deleted.`,
        }),
        listPromotionPage: ({ refresh }) => {
          refreshed ||= refresh === true;
          return { ok: true, value: pageOf(refreshed ? [ROWS[0]!, ROWS[2]!] : ROWS) };
        },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Black Friday' }));
    await settle();
    expect(within(region()).getByRole('alert').textContent).toBe(
      `Promotion 9 was not found in store ${STORE_HASH}. It may have been deleted.`,
    );
    expect(screen.getByText('Black Friday', { selector: 'strong' })).toBeTruthy(); // named above the panel
    expect(fake.sent('listPromotionPage').at(-1)).toEqual({
      storeHash: STORE_HASH,
      filter: '',
      page: 1,
      refresh: true,
    });
    fireEvent.click(screen.getByRole('button', { name: 'Back to the list' }));
    await settle();
    expect(
      within(list())
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Summer sale', 'Cyber Monday']);
    expect(document.activeElement).toBe(
      screen.getByRole('heading', { name: `Bulk coupon promotions in store ${STORE_HASH}` }),
    );
  });
});

describe('what goes wrong, in plain words', () => {
  const REVOKED = `BigCommerce did not accept the access token for store ${STORE_HASH}: it is wrong or has been revoked. Create a new API account token and save it in the extension's settings.`;

  test('a revoked token: the store’s error with the way to fix it (settings), and Try again', async () => {
    const fake = await renderManager({
      handlers: { listPromotionPage: () => ({ ok: false, error: REVOKED }) },
    });
    expect(screen.getByRole('alert').textContent).toBe(REVOKED);
    fireEvent.click(screen.getByRole('button', { name: 'Open settings' }));
    await settle();
    expect(fake.sent('openOptions')).toEqual([{ storeHash: STORE_HASH }]);
    fake.handlers.listPromotionPage = () => ({ ok: true, value: pageOf(ROWS) });
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await settle();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: 'Summer sale' })).toBeTruthy();
  });

  test('a store with no bulk promotions: how to make one', async () => {
    await renderManager({
      handlers: { listPromotionPage: () => ({ ok: true, value: pageOf([]) }) },
    });
    expect(screen.getByText(/has no bulk coupon promotions yet/).textContent).toBe(
      `Store ${STORE_HASH} has no bulk coupon promotions yet. To make one, open Marketing › Promotions in the BigCommerce control panel, create a coupon promotion that uses bulk (unique) codes and save it; then press Refresh.`,
    );
    expect(screen.queryByRole('list', { name: 'Bulk coupon promotions' })).toBeNull();
  });

  test('back from the settings: a store connected there, or a token saved again, shows without a reload', async () => {
    let stores: StoreView[] = [];
    const fake = await renderManager({
      handlers: {
        listStores: () => ({ ok: true, value: stores }),
        listPromotionPage: () => ({ ok: false, error: REVOKED }),
      },
    });
    expect(screen.getByText(/No store is connected yet/)).toBeTruthy();
    stores = [STORE_MODIFY];
    document.dispatchEvent(new Event('visibilitychange'));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe(REVOKED);
    fake.handlers.listPromotionPage = () => ({ ok: true, value: pageOf(ROWS) });
    document.dispatchEvent(new Event('visibilitychange'));
    await settle();
    expect(screen.getByRole('button', { name: 'Summer sale' })).toBeTruthy();
    expect(fake.sent('listPromotionPage')).toHaveLength(2);
  });

  test('no store connected: the way to connect one', async () => {
    const fake = await renderManager({ handlers: { listStores: () => ({ ok: true, value: [] }) } });
    expect(screen.getByText(/No store is connected yet/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Connect a store' }));
    await settle();
    expect(fake.sent('openOptions')).toEqual([{}]);
    expect(fake.sent('listPromotionPage')).toEqual([]);
  });
});

test('opened at a job (a notification’s click): its card takes focus', async () => {
  await renderManager({
    initialStore: STORE_HASH,
    initialPromotion: BULK_PROMOTION.id,
    initialJob: 'job-7',
    jobs: [makeJob({ id: 'job-7', status: 'completed', finishedAt: NOW })],
  });
  await settle();
  expect(document.activeElement?.id).toBe('bcm-job-job-7-title');
  expect(document.activeElement?.textContent).toContain('Generate codes');
});
