/** The manager's promotion lists on plain inputs: filter by name, pages, and the two-minute cache. */
import { describe, expect, it, vi } from 'vitest';
import {
  createPromotionListCache,
  filterByName,
  LIST_TTL_MS,
  normalizeFilter,
  pageOf,
  sortByName,
} from '../../utils/api/promotion-lists';

const named = (...names: string[]) => names.map((name, i) => ({ id: i + 1, name }));

describe('filter by name', () => {
  const list = named(
    'Black Friday 2024',
    'Cyber  Monday',
    'black friday 2025',
    'Spring sale — bulk codes',
  );

  it('ignores case, spaces around and inside, and word order', () => {
    expect(filterByName(list, '  FRIDAY   black ').map((p) => p.id)).toEqual([1, 3]);
    expect(filterByName(list, 'cyber monday').map((p) => p.id)).toEqual([2]);
    expect(filterByName(list, 'sale — bulk').map((p) => p.id)).toEqual([4]);
  });

  it('an empty filter keeps everything (a copy); nothing matching gives nothing', () => {
    const all = filterByName(list, '   ');
    expect(all).toEqual(list);
    expect(all).not.toBe(list);
    expect(filterByName(list, 'summer')).toEqual([]);
    expect(filterByName([], 'x')).toEqual([]);
  });

  it('normalizes what is typed', () => {
    expect(normalizeFilter('  Black\tFRIDAY  ')).toBe('black friday');
    expect(normalizeFilter('x'.repeat(400))).toHaveLength(255);
  });
});

describe('pages', () => {
  const sixty = Array.from({ length: 60 }, (_, i) => i + 1);

  it('cuts 60 into 25, 25 and 10', () => {
    expect(pageOf(sixty, 1, 25)).toEqual({
      items: sixty.slice(0, 25),
      page: 1,
      pages: 3,
      total: 60,
    });
    expect(pageOf(sixty, 2, 25).items[0]).toBe(26);
    expect(pageOf(sixty, 3, 25)).toMatchObject({ items: sixty.slice(50), page: 3 });
  });

  it('brings a page outside the list back within it (the list may have shrunk)', () => {
    expect(pageOf(sixty, 9, 25)).toMatchObject({ page: 3, pages: 3 });
    expect(pageOf(sixty, 0, 25).page).toBe(1);
    expect(pageOf(sixty, -4, 25).page).toBe(1);
    expect(pageOf(sixty, Number.NaN, 25).page).toBe(1);
    expect(pageOf(sixty, 2.7, 25).page).toBe(2);
  });

  it('an empty list is page 1 of 1 with nothing on it; exact multiples have no empty last page', () => {
    expect(pageOf([], 1, 25)).toEqual({ items: [], page: 1, pages: 1, total: 0 });
    expect(pageOf(sixty.slice(0, 50), 3, 25)).toMatchObject({ page: 2, pages: 2 });
  });
});

describe('the cache', () => {
  function clock() {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  }

  it('keeps a store’s list for two minutes, then reads it again', async () => {
    const c = clock();
    const cache = createPromotionListCache<number>({ now: c.now });
    const load = vi.fn(async () => [1, 2, 3]);
    expect(await cache.list('s1', load)).toEqual({ items: [1, 2, 3], loadedAt: 1_000_000 });
    c.advance(LIST_TTL_MS - 1);
    expect((await cache.list('s1', load)).loadedAt).toBe(1_000_000);
    expect(load).toHaveBeenCalledTimes(1);
    c.advance(1);
    expect((await cache.list('s1', load)).loadedAt).toBe(1_000_000 + LIST_TTL_MS);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps each store apart; drop (Refresh) forgets one store’s list and counts only', async () => {
    const cache = createPromotionListCache<number>();
    const a = vi.fn(async () => [1]);
    const b = vi.fn(async () => [2]);
    const countA = vi.fn(async () => 10);
    const countB = vi.fn(async () => 20);
    await cache.list('a', a);
    await cache.list('b', b);
    expect(await cache.count('a', 7, countA)).toBe(10);
    expect(await cache.count('b', 7, countB)).toBe(20);
    cache.drop('a');
    await cache.list('a', a);
    await cache.list('b', b);
    await cache.count('a', 7, countA);
    await cache.count('b', 7, countB);
    expect([
      a.mock.calls.length,
      b.mock.calls.length,
      countA.mock.calls.length,
      countB.mock.calls.length,
    ]).toEqual([2, 1, 2, 1]);
  });

  it('a store hash that starts like another is not dropped with it', async () => {
    const cache = createPromotionListCache<number>();
    const count = vi.fn(async () => 1);
    await cache.count('ab', 1, count);
    cache.drop('a');
    await cache.count('ab', 1, count);
    expect(count).toHaveBeenCalledTimes(1);
  });

  it('dropCount counts one promotion again and keeps the rest', async () => {
    const cache = createPromotionListCache<number>();
    const one = vi.fn(async () => 5);
    const two = vi.fn(async () => 6);
    await cache.count('s', 1, one);
    await cache.count('s', 2, two);
    cache.dropCount('s', 1);
    await cache.count('s', 1, one);
    await cache.count('s', 2, two);
    expect([one.mock.calls.length, two.mock.calls.length]).toEqual([2, 1]);
  });

  it('two asks at once share one read', async () => {
    const cache = createPromotionListCache<number>();
    let release!: (v: number[]) => void;
    const load = vi.fn(() => new Promise<number[]>((r) => (release = r)));
    const both = Promise.all([cache.list('s', load), cache.list('s', load)]);
    release([4]);
    expect((await both).map((x) => x.items)).toEqual([[4], [4]]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a read that fails is not kept: the next ask tries again', async () => {
    const cache = createPromotionListCache<number>();
    const load = vi.fn().mockRejectedValueOnce(new Error('401')).mockResolvedValueOnce([9]);
    await expect(cache.list('s', load)).rejects.toThrow('401');
    expect((await cache.list('s', load)).items).toEqual([9]);
    const count = vi.fn().mockRejectedValueOnce(new Error('500')).mockResolvedValueOnce(3);
    await expect(cache.count('s', 1, count)).rejects.toThrow('500');
    expect(await cache.count('s', 1, count)).toBe(3);
  });
});

describe('order', () => {
  it('by name, ignoring case, numbers in number order, ties by id', () => {
    const list = [
      { id: 4, name: 'spring sale' },
      { id: 1, name: 'Sale 10' },
      { id: 2, name: 'Sale 9' },
      { id: 3, name: 'Spring Sale' },
      { id: 5, name: 'autumn' },
    ];
    expect(sortByName(list).map((p) => p.id)).toEqual([5, 2, 1, 3, 4]);
    expect(list[0]!.id).toBe(4); // the input is left as it was
  });
});
