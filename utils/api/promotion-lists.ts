/**
 * A store's bulk coupon promotions, kept briefly, and cut into pages by name. Reading the full
 * list costs a request per 250 promotions and counting a promotion's codes one more, so the
 * manager page would pay them at every keystroke of its filter and every page turn: the list
 * and the counts are kept LIST_TTL_MS per store, and "Refresh" drops them. Pure: the clock and
 * the loaders come from the caller (the message handler hands in the store's client).
 */

/** How long a store's list (and a promotion's code count) is believed before it is read again. */
export const LIST_TTL_MS = 2 * 60_000;
/** Promotions on one page of the manager. */
export const PROMOTION_PAGE_SIZE = 25;
/** Longest filter looked at (a name in BigCommerce is at most 255 characters). */
export const FILTER_MAX_LENGTH = 255;

/** A filter as it is matched: trimmed, spaces collapsed, case ignored. */
export function normalizeFilter(text: string): string {
  return text.trim().replace(/\s+/g, ' ').slice(0, FILTER_MAX_LENGTH).toLowerCase();
}

/** The items whose name holds the filter (every word, in any order); all of them for an empty filter. */
export function filterByName<T extends { name: string }>(items: readonly T[], filter: string): T[] {
  const words = normalizeFilter(filter).split(' ').filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((item) => {
    const name = item.name.replace(/\s+/g, ' ').toLowerCase();
    return words.every((w) => name.includes(w));
  });
}

/** Alphabetical, ignoring case (ties by id): the order a merchant scans a list of names in. */
export function sortByName<T extends { id: number; name: string }>(items: readonly T[]): T[] {
  return [...items].sort(
    (x, y) =>
      x.name.localeCompare(y.name, 'en', { sensitivity: 'base', numeric: true }) || x.id - y.id,
  );
}

export interface PageOf<T> {
  items: T[];
  /** The page shown: the one asked for, brought back within 1..pages. */
  page: number;
  /** At least 1, so "page 1 of 1" holds for an empty list too. */
  pages: number;
  /** Items on all pages. */
  total: number;
}

/** One page of a list; a page past the end gives the last one (the list may have shrunk since). */
export function pageOf<T>(
  items: readonly T[],
  page: number,
  pageSize = PROMOTION_PAGE_SIZE,
): PageOf<T> {
  const size = Math.max(1, Math.floor(pageSize));
  const pages = Math.max(1, Math.ceil(items.length / size));
  const asked = Number.isFinite(page) ? Math.floor(page) : 1;
  const shown = Math.min(Math.max(1, asked), pages);
  return {
    items: items.slice((shown - 1) * size, shown * size),
    page: shown,
    pages,
    total: items.length,
  };
}

export interface CachedList<T> {
  items: T[];
  /** When the list was read from the store (epoch ms). */
  loadedAt: number;
}

export interface PromotionListCache<T> {
  /** The store's list: kept if younger than the TTL, else read through `load` (one read at a time per store). */
  list(storeHash: string, load: () => Promise<T[]>): Promise<CachedList<T>>;
  /** A promotion's code count, kept the same way. */
  count(storeHash: string, promotionId: number, load: () => Promise<number>): Promise<number>;
  /** "Refresh", or a store removed: its list and counts are read again next time. */
  drop(storeHash: string): void;
  /** One promotion's count is read again next time (a job just changed it). */
  dropCount(storeHash: string, promotionId: number): void;
}

interface Entry<V> {
  at: number;
  value: Promise<V>;
}

export function createPromotionListCache<T>(
  options: { now?: () => number; ttlMs?: number } = {},
): PromotionListCache<T> {
  const now = options.now ?? Date.now;
  const ttl = options.ttlMs ?? LIST_TTL_MS;
  const lists = new Map<string, Entry<CachedList<T>>>();
  const counts = new Map<string, Entry<number>>();

  /**
   * Kept while young; a read under way is shared (two pages asked at once make one read);
   * a read that fails is not kept, so the next ask tries again.
   */
  function cached<K, V>(map: Map<K, Entry<V>>, key: K, load: () => Promise<V>): Promise<V> {
    const hit = map.get(key);
    if (hit && now() - hit.at < ttl) return hit.value;
    const entry: Entry<V> = { at: now(), value: load() };
    map.set(key, entry);
    entry.value.catch(() => {
      if (map.get(key) === entry) map.delete(key);
    });
    return entry.value;
  }

  const countKey = (storeHash: string, promotionId: number) => `${storeHash}:${promotionId}`;

  return {
    list: (storeHash, load) =>
      cached(lists, storeHash, async () => ({ items: await load(), loadedAt: now() })),
    count: (storeHash, promotionId, load) => cached(counts, countKey(storeHash, promotionId), load),
    drop(storeHash) {
      lists.delete(storeHash);
      for (const key of [...counts.keys()]) if (key.startsWith(`${storeHash}:`)) counts.delete(key);
    },
    dropCount(storeHash, promotionId) {
      counts.delete(countKey(storeHash, promotionId));
    },
  };
}
