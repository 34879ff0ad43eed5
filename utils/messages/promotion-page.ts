/**
 * What one page of the manager holds: the store's bulk coupon promotions (kept briefly, see
 * api/promotion-lists.ts), those whose name matches the filter, and the code counts of the
 * page's promotions only (one request each, through the store's governor like every call).
 */
import { ApiError } from '../api/errors';
import { filterByName, pageOf, PROMOTION_PAGE_SIZE, sortByName } from '../api/promotion-lists';
import type { Services } from './define';
import type { ListedPromotion, PromotionPage } from './views';

export interface PageRequest {
  storeHash: string;
  filter: string;
  page: number;
  /** "Refresh": the list and the counts are read from the store again. */
  refresh: boolean;
  /** Promotions whose count a job may just have changed: counted again. */
  recount: number[];
}

type Counted = { ok: true; count: number } | { ok: false; error: unknown };

const kindOf = (e: unknown) => (e instanceof ApiError ? e.kind : null);

export async function readPromotionPage(
  services: Services,
  r: PageRequest,
): Promise<PromotionPage> {
  const cache = services.promotionLists;
  // Not connected: clientFor says so in words, before anything is read.
  const client = await services.clients.clientFor(r.storeHash);
  if (r.refresh) cache.drop(r.storeHash);
  for (const id of r.recount) cache.dropCount(r.storeHash, id);

  for (let attempt = 0; ; attempt++) {
    const list = await cache.list(r.storeHash, async () =>
      sortByName(
        (await client.listBulkPromotions()).map((p): ListedPromotion => ({
          id: p.id,
          name: p.name,
          status: p.status ?? null,
        })),
      ),
    );
    const shown = pageOf(filterByName(list.items, r.filter), r.page, PROMOTION_PAGE_SIZE);
    const counts = await Promise.all(
      shown.items.map((p) =>
        cache
          .count(r.storeHash, p.id, () => client.codeCount(p.id))
          .then(
            (count): Counted => ({ ok: true, count }),
            (error: unknown): Counted => ({ ok: false, error }),
          ),
      ),
    );
    const failures = counts.flatMap((c) => (c.ok ? [] : [c.error]));
    // A promotion deleted since the list was read: the list is read again (once), without it.
    if (attempt === 0 && failures.some((e) => kindOf(e) === 'not-found')) {
      cache.drop(r.storeHash);
      continue;
    }
    // A token the store no longer accepts (or without the scope) is the store's problem, not
    // a row's: the page says so, with the way to fix it.
    const denied = failures.find((e) => kindOf(e) === 'auth' || kindOf(e) === 'scope');
    if (denied) {
      cache.drop(r.storeHash);
      throw denied;
    }
    return {
      storeHash: r.storeHash,
      promotions: shown.items.map((p, i) => {
        const c = counts[i]!;
        return { ...p, codeCount: c.ok ? c.count : null };
      }),
      page: shown.page,
      pages: shown.pages,
      pageSize: PROMOTION_PAGE_SIZE,
      filter: r.filter.trim(),
      matching: shown.total,
      total: list.items.length,
      loadedAt: list.loadedAt,
    };
  }
}
