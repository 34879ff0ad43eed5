/**
 * An unused purge counts a page's codes (deleted, kept, gone) in the same step that records the
 * page done: a checkpoint written in between (another page finishing) never holds counts for a
 * page it does not list as done, which a restarted worker would redo and count again.
 */
import { expect, it } from 'vitest';
import type { BigCommerceClient } from '../../utils/api/client';
import type { CouponCode } from '../../utils/api/schemas';
import { emptyPurge, purgeSpools, type PurgeCheckpoint } from '../../utils/jobs/purge';
import { executePurge, handled } from '../../utils/jobs/purge-execute';
import { createMemorySpool } from '../storage/spool-memory';
import { PAGE_SIZE } from '../../utils/vocabulary';

const code = (id: number, uses = 0): CouponCode => ({
  id,
  code: `C${id}`,
  current_uses: uses,
  max_uses: 0,
  max_uses_per_customer: 0,
  created: '2024-01-01T00:00:00Z',
});

/**
 * A store reading at once, by offset pages; its deletes are answered together once `together`
 * of them are under way (answers arriving in the same moment, as a busy store sends them).
 */
function storeAnswering(codes: CouponCode[], together: number): BigCommerceClient {
  let left = [...codes];
  const held: Array<() => void> = [];
  return {
    async listCodes(_promotionId: number, q: { limit: number; page?: number }) {
      const page = q.page ?? 1;
      return {
        codes: left.slice((page - 1) * q.limit, page * q.limit),
        total: left.length,
        totalPages: Math.ceil(left.length / q.limit),
        nextCursor: null,
      };
    },
    async deleteCodes(_promotionId: number, ids: number[]) {
      await new Promise<void>((resolve) => {
        held.push(resolve);
        if (held.length >= together) for (const answer of held.splice(0)) answer();
      });
      const gone = new Set(ids);
      left = left.filter((c) => !gone.has(c.id));
      return { deleted: ids.length, failed: 0 };
    },
  } as unknown as BigCommerceClient;
}

it('every checkpoint an unused purge writes counts exactly the codes of the pages it lists as done', async () => {
  // Eight pages; every tenth code redeemed (kept).
  const codes = Array.from({ length: 8 * PAGE_SIZE }, (_, i) => code(i + 1, i % 10 === 0 ? 1 : 0));
  const spool = createMemorySpool();
  const ns = purgeSpools('j').targets;
  const sizes = new Map<number, number>();
  for (let page = 1; page <= 8; page++) {
    const rows = codes
      .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
      .filter((c) => !c.current_uses);
    await spool.putChunk(ns, page, rows);
    sizes.set(page, rows.length);
  }
  const cp: PurgeCheckpoint = {
    ...emptyPurge(),
    planned: true,
    confirmed: true,
    targetCount: [...sizes.values()].reduce((a, b) => a + b, 0),
  };
  const broken: string[] = [];
  await executePurge({
    client: storeAnswering(codes, 8),
    spool,
    jobId: 'j',
    promotionId: 1,
    mode: 'unused',
    signal: new AbortController().signal,
    workers: 8,
    checkpoint: cp,
    save: async (c) => {
      const done = c.deletedChunks.reduce((n, page) => n + sizes.get(page)!, 0);
      if (handled(c) !== done)
        broken.push(`${c.deletedChunks.length} pages done (${done} codes), ${handled(c)} counted`);
    },
    onProgress: () => undefined,
  });
  expect(cp.deleted).toBe(cp.targetCount);
  expect(broken).toEqual([]);
});
