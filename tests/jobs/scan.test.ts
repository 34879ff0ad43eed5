import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { BigCommerceClient, CodePage } from '../../utils/api/client';
import type { CouponCode } from '../../utils/api/schemas';
import { scanPromotion } from '../../utils/jobs/scan';
import { emptyScan } from '../../utils/jobs/scan-checkpoint';
import { PAGE_SIZE } from '../../utils/vocabulary';
import { createMemorySpool } from '../storage/spool-memory';
import { spoolRows } from './helpers';

const code = (id: number): CouponCode => ({
  id,
  code: `C${id}`,
  current_uses: 0,
  max_uses: 1,
  max_uses_per_customer: 1,
  created: '2026-01-01T00:00:00Z',
});

/** A fake API over a list of ids with hooks to misbehave: unit tests only. */
function fakeClient(
  ids: number[],
  misbehave: {
    pageHook?: (page: number, codes: CouponCode[]) => CouponCode[];
    cursorHook?: (after: string | undefined) => string | null;
    noOffset?: boolean;
    pagesWithoutTotal?: boolean;
    countAtEnd?: number;
  } = {},
) {
  const all = ids.map(code);
  const calls = { pages: 0, cursors: 0, counts: 0 };
  const client = {
    async listCodes(
      _p: number,
      q: { limit: number; after?: string; page?: number },
    ): Promise<CodePage> {
      const total = all.length;
      const totalPages = Math.ceil(total / q.limit);
      if (q.page !== undefined) {
        calls.pages++;
        const slice = all.slice((q.page - 1) * q.limit, q.page * q.limit);
        const told = misbehave.pagesWithoutTotal && q.page > 1 ? null : total;
        return {
          codes: misbehave.pageHook?.(q.page, slice) ?? slice,
          total: told,
          totalPages: told === null ? null : totalPages,
          nextCursor: null,
        };
      }
      calls.cursors++;
      const start = q.after ? all.findIndex((c) => c.id > Number(q.after)) : 0;
      const slice = start < 0 ? [] : all.slice(start, start + q.limit);
      const natural =
        slice.length && start + q.limit < total ? String(slice[slice.length - 1]!.id) : null;
      const next = misbehave.cursorHook ? misbehave.cursorHook(q.after) : natural;
      const withTotals = q.after === undefined && !misbehave.noOffset;
      return {
        codes: slice,
        total: withTotals ? total : null,
        totalPages: withTotals ? totalPages : null,
        nextCursor: next,
      };
    },
    async codeCount() {
      calls.counts++;
      return misbehave.countAtEnd ?? all.length;
    },
  } as unknown as BigCommerceClient;
  return { client, calls, all };
}

async function scan(client: BigCommerceClient, spool = createMemorySpool(), cp = emptyScan()) {
  await scanPromotion({
    client,
    spool,
    ns: 'j',
    promotionId: 1,
    signal: new AbortController().signal,
    workers: 4,
    checkpoint: cp,
    save: async () => {},
    onProgress: () => {},
  });
  return { rows: await spoolRows<CouponCode>(spool, 'j'), cp };
}

describe('scanPromotion', () => {
  it('reads every code exactly once in id order, for any count (parallel path)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2000 }), async (n) => {
        const ids = Array.from({ length: n }, (_, i) => i * 3 + 1);
        const { client, all } = fakeClient(ids);
        const { rows, cp } = await scan(client);
        expect(rows).toEqual(all);
        expect(cp.mode).toBe('pages');
      }),
      { numRuns: 25 },
    );
  });

  it('falls back to the cursor walk when a page is short (a code vanished mid-read)', async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
    const { client, all, calls } = fakeClient(ids, {
      pageHook: (p, c) => (p === 3 ? c.slice(1) : c),
    });
    const { rows, cp } = await scan(client);
    expect(cp.mode).toBe('cursor');
    expect(cp.fallbackReason).toMatch(/page 3 held 249 codes/);
    expect(rows).toEqual(all);
    expect(calls.cursors).toBeGreaterThan(1);
  });

  it('falls back when pages overlap (a code inserted mid-read shifted the offsets)', async () => {
    const ids = Array.from({ length: 3 * PAGE_SIZE }, (_, i) => i + 1);
    const { client, all } = fakeClient(ids, {
      pageHook: (p, c) => (p === 2 ? [code(PAGE_SIZE), ...c.slice(0, -1)] : c),
    });
    const { rows, cp } = await scan(client);
    expect(cp.mode).toBe('cursor');
    expect(cp.fallbackReason).toMatch(/overlap/);
    expect(rows).toEqual(all);
  });

  it('uses the cursor walk where the store gives no totals', async () => {
    const ids = Array.from({ length: 600 }, (_, i) => i + 1);
    const { client, all, calls } = fakeClient(ids, { noOffset: true });
    const { rows, cp } = await scan(client);
    expect(cp.mode).toBe('cursor');
    expect(calls.pages).toBe(3); // the first wave (pages 2-4), not used
    expect(rows).toEqual(all);
  });

  it('stops with a clear error on a cursor that repeats, instead of looping', async () => {
    const ids = Array.from({ length: 600 }, (_, i) => i + 1);
    const { client } = fakeClient(ids, { noOffset: true, cursorHook: () => '250' });
    await expect(scan(client)).rejects.toThrow(/same page cursor twice/);
  });

  it('stops on codes out of order rather than writing a wrong file', async () => {
    const { client } = fakeClient([5, 3, 9]);
    await expect(scan(client)).rejects.toThrow(/out of order or repeated/);
  });

  it('asks for no final count when every page told the unchanged total', async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
    const { client, all, calls } = fakeClient(ids);
    const { rows, cp } = await scan(client);
    expect(cp.mode).toBe('pages');
    expect(rows).toEqual(all);
    expect(calls.counts).toBe(0);
  });

  it('counts at the end when pages came without totals, and falls back if the count moved', async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
    const steady = fakeClient(ids, { pagesWithoutTotal: true });
    const ok = await scan(steady.client);
    expect(steady.calls.counts).toBe(1);
    expect(ok.cp.mode).toBe('pages');

    const moved = fakeClient(ids, { pagesWithoutTotal: true, countAtEnd: 1001 });
    const { rows, cp } = await scan(moved.client);
    expect(cp.mode).toBe('cursor');
    expect(cp.fallbackReason).toMatch(/count changed during the export \(1000 → 1001\)/);
    expect(rows).toEqual(moved.all);
  });

  it('checks pages spooled before a restart against the pages read after it', async () => {
    const ids = Array.from({ length: 4 * PAGE_SIZE }, (_, i) => i + 1);
    const { client, all } = fakeClient(ids);
    const cp = {
      ...emptyScan(),
      mode: 'pages' as const,
      total: ids.length,
      totalPages: 4,
      cursorChunk: 1,
    };

    // Intact pages from before: the scan reads only the others and keeps them.
    const spool = createMemorySpool();
    await spool.putChunk('j', 1, all.slice(0, PAGE_SIZE));
    await spool.putChunk('j', 3, all.slice(2 * PAGE_SIZE, 3 * PAGE_SIZE));
    const resumed = await scan(client, spool, { ...cp });
    expect(resumed.cp.mode).toBe('pages');
    expect(resumed.rows).toEqual(all);

    // A spooled page that overlaps its neighbour read now: start over along the cursor.
    const bad = createMemorySpool();
    await bad.putChunk('j', 1, all.slice(0, PAGE_SIZE));
    await bad.putChunk('j', 3, all.slice(2 * PAGE_SIZE - 1, 3 * PAGE_SIZE - 1));
    const fallback = await scan(client, bad, { ...cp });
    expect(fallback.cp.mode).toBe('cursor');
    expect(fallback.cp.fallbackReason).toMatch(/pages 2 and 3 overlap/);
    expect(fallback.rows).toEqual(all);
  });

  it('asks for the next pages together with the first, before its answer tells the total', async () => {
    const ids = Array.from({ length: 2000 }, (_, i) => i + 1);
    const { client, all, calls } = fakeClient(ids);
    let pagesWhileFirstPending = -1;
    const slowFirst = {
      ...client,
      async listCodes(p: number, q: { limit: number; page?: number }) {
        if (q.page === undefined) {
          await new Promise((r) => setTimeout(r, 20));
          pagesWhileFirstPending = calls.pages;
        }
        return client.listCodes(p, q);
      },
    } as unknown as BigCommerceClient;
    const { rows, cp } = await scan(slowFirst);
    expect(pagesWhileFirstPending).toBe(3); // workers 4: pages 2, 3, 4 already out
    expect(cp.mode).toBe('pages');
    expect(rows).toEqual(all);
    expect(calls.pages).toBe(7); // pages 2-8, each once
  });

  it('drops first-wave pages past the end of a small promotion, and distrusts one that holds codes', async () => {
    const small = fakeClient(Array.from({ length: 100 }, (_, i) => i + 1));
    const ok = await scan(small.client);
    expect(ok.cp.mode).toBe('pages');
    expect(ok.rows).toEqual(small.all);

    // Page 3 answers with codes although the first page says there is one page: the count moved.
    const moved = fakeClient(
      Array.from({ length: 100 }, (_, i) => i + 1),
      { pageHook: (p, c) => (p === 3 ? [code(500)] : c) },
    );
    const { rows, cp } = await scan(moved.client);
    expect(cp.mode).toBe('cursor');
    expect(cp.fallbackReason).toMatch(/page 3 is past the end yet held codes/);
    expect(rows).toEqual(moved.all);
  });
});
