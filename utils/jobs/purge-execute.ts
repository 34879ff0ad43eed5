/**
 * A purge's second phase, once the merchant confirmed: its target chunks deleted (the batch
 * size learned as it goes), an unused purge's pages read again first (purge-reread.ts), and any
 * doubt the store left settled by reading what remains (exact counts).
 */
import { ApiError } from '../api/errors';
import type { CouponCode } from '../api/schemas';
import { runPool } from './pool';
import { purgeSpools, type PurgeDeps } from './purge';
import { newRechecks, recheckPage, type PageCounts, type TargetRow } from './purge-reread';
import { scanPromotion } from './scan';
import { emptyScan } from './scan-checkpoint';
import { DELETE_BATCH, DELETE_BATCH_LEGACY } from '../vocabulary';

/**
 * Whether the first delete should go alone, before the others, while the store's batch size is
 * unknown. A store on the older limit refuses a whole first wave of 250-id deletes: one request
 * of its quota per worker (up to 40 of a standard store's 150 a window, a quota shared with its
 * other apps) spent for nothing. That matters where the quota would pace the deletes at 50 ids a
 * request; there, one round trip of waiting is lost among the window waits. Elsewhere (an
 * unlimited plan, a purge the window holds) all go at once.
 */
export function probeBatchFirst(deletes: number, spendable: number | null): boolean {
  return spendable !== null && deletes * (DELETE_BATCH / DELETE_BATCH_LEGACY) > spendable;
}

/**
 * Deletes these ids in batches of the size the store takes; the count it reported deleted.
 * A batch refused as too many ids tells the older limit (50) from ids already gone (a retried
 * delete): a clean 50 means the former, and the purge keeps to 50 from then on.
 */
export async function deleteIds(d: PurgeDeps, ids: number[], signal: AbortSignal): Promise<number> {
  const cp = d.checkpoint;
  let reported = 0;
  for (let i = 0; i < ids.length;) {
    const batch = ids.slice(i, i + cp.batchSize);
    try {
      const res = await d.client.deleteCodes(d.promotionId, batch, signal);
      reported += res.deleted;
      if (res.failed > 0) cp.needsVerify = true;
    } catch (e) {
      if (!(e instanceof ApiError && e.kind === 'too-many-ids')) throw e;
      let clean = false;
      for (let j = 0; j < batch.length; j += DELETE_BATCH_LEGACY) {
        const part = batch.slice(j, j + DELETE_BATCH_LEGACY);
        const res = await d.client.deleteCodes(d.promotionId, part, signal);
        reported += res.deleted;
        if (res.failed > 0) cp.needsVerify = true;
        else clean = true;
      }
      if (clean) cp.batchSize = DELETE_BATCH_LEGACY;
    }
    i += batch.length;
  }
  return reported;
}

/** Codes the purge has dealt with: deleted, or (an unused purge) kept or found gone. */
export const handled = (cp: PurgeDeps['checkpoint']): number =>
  cp.deleted + (cp.kept ?? 0) + (cp.gone ?? 0) + (cp.unchecked ?? 0);

/** Phase 2, after the merchant confirmed: delete the target chunks, then settle any doubt. */
export async function executePurge(d: PurgeDeps): Promise<{ deleted: number; failed: number }> {
  const cp = d.checkpoint;
  if (!cp.planned || !cp.confirmed) throw new Error('purge not planned and confirmed');
  const ns = purgeSpools(d.jobId);
  const doneChunks = new Set(cp.deletedChunks);
  const pending = (await d.spool.chunkNumbers(ns.targets)).filter((n) => !doneChunks.has(n));
  const unused = d.mode === 'unused';
  // An unused purge's chunks are the scan's pages: from the last to the first, so that its own
  // deletes never move a page it has yet to read again (deleting on page p moves only later ones).
  if (unused) pending.sort((a, b) => b - a);
  d.onProgress('delete', handled(cp), cp.targetCount);

  /**
   * A chunk is done: what became of its codes is counted in the same step that records it done
   * (chunks run side by side, and another's write in between would hold counts for a chunk a
   * restarted worker then does again).
   */
  const finish = async (chunkNo: number, counts: PageCounts) => {
    cp.deleted += counts.deleted ?? 0;
    if (unused) {
      cp.kept = (cp.kept ?? 0) + (counts.kept ?? 0);
      cp.gone = (cp.gone ?? 0) + (counts.gone ?? 0);
      cp.unchecked = (cp.unchecked ?? 0) + (counts.unchecked ?? 0);
    }
    cp.deletedChunks.push(chunkNo);
    await d.save(cp);
    d.onProgress('delete', handled(cp), cp.targetCount);
  };
  const rechecks = newRechecks();
  const deleteChunk = async (chunkNo: number, signal: AbortSignal) => {
    if (unused)
      return finish(
        chunkNo,
        await recheckPage(d, chunkNo, rechecks, signal, (ids) => deleteIds(d, ids, signal)),
      );
    const rows = ((await d.spool.getChunk(ns.targets, chunkNo)) ?? []) as CouponCode[];
    const deleted = await deleteIds(
      d,
      rows.map((r) => r.id),
      signal,
    );
    await finish(chunkNo, { deleted });
  };
  // Unknown until a delete of 250 ids has been accepted or refused.
  const sizeUnknown = cp.batchSize === DELETE_BATCH && cp.deletedChunks.length === 0;
  const [first, ...rest] = pending;
  const probe =
    first !== undefined && sizeUnknown && probeBatchFirst(pending.length, d.spendable?.() ?? null);
  if (probe) await runPool([first], 1, deleteChunk, d.signal);
  await runPool(probe ? rest : pending, d.workers, deleteChunk, d.signal);

  if (cp.needsVerify) await verify(d);
  return { deleted: cp.deleted, failed: cp.failed };
}

/**
 * The store said some ids were not deleted (or a retried delete found them already gone):
 * read what remains and count the codes the purge sent a delete for that are still there. What
 * it sent minus what remains is exactly what this purge removed; an unused purge's backup marks
 * the ones left as refused.
 */
async function verify(d: PurgeDeps) {
  const cp = d.checkpoint;
  const ns = purgeSpools(d.jobId);
  const sent = new Set<number>();
  for await (const { rows } of d.spool.chunks(ns.targets))
    for (const c of rows as TargetRow[])
      if (d.mode !== 'unused' || c.outcome === 'deleted') sent.add(c.id);
  const remainNs = `${d.jobId}:verify`;
  await d.spool.clear(remainNs);
  await scanPromotion({
    client: d.client,
    spool: d.spool,
    ns: remainNs,
    promotionId: d.promotionId,
    signal: d.signal,
    workers: d.workers,
    checkpoint: emptyScan(),
    save: async () => {},
    onProgress: () => {},
  });
  const remaining = new Set<number>();
  for await (const { rows } of d.spool.chunks(remainNs))
    for (const c of rows as CouponCode[]) if (sent.has(c.id)) remaining.add(c.id);
  await d.spool.clear(remainNs);
  if (d.mode === 'unused' && remaining.size > 0)
    for await (const { chunkNo, rows } of d.spool.chunks(ns.targets)) {
      const marked = (rows as TargetRow[]).map((c) =>
        remaining.has(c.id) ? { ...c, outcome: 'refused' as const } : c,
      );
      await d.spool.putChunk(ns.targets, chunkNo, marked);
    }
  cp.failed = remaining.size;
  cp.deleted = sent.size - remaining.size;
  cp.needsVerify = false;
  await d.save(cp);
}
