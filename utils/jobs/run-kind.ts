/**
 * The glue between a job record and its engine (generate.ts, scan.ts, purge.ts): checkpoints,
 * progress, the files each kind leaves. Runs a job from its checkpoint until it ends, or until
 * a purge's plan is ready and waits for the merchant's word.
 */
import type { BigCommerceClient } from '../api/client';
import type { Spool } from '../storage/spool';
import { charactersOf } from '../codes/pattern';
import { createCodes, createSpools, emptyCreate } from './create-codes';
import { deleteOneCode } from './delete-one';
import { tapUsage } from './usage-tap';
import { generateCodes, generateSpools, normalizeGenerate } from './generate';
import { settleGenerate } from './settle';
import { emptyPurge, planPurge } from './purge';
import { executePurge } from './purge-execute';
import type { JobRecord } from './record';
import { scanPromotion } from './scan';
import { emptyScan } from './scan-checkpoint';
import type { FileKind, WaitReason } from './types';
import type { JobPhase } from '../vocabulary';

export interface RunContext {
  client: BigCommerceClient;
  spool: Spool;
  signal: AbortSignal;
  /** Cuts requests already sent (a worker stopping); a pause lets answers under way arrive. */
  requestSignal?: AbortSignal;
  workers: { list: number; generate: number; delete: number };
  now(): number;
  save(): Promise<void>;
  progress(done: number, total: number | null, phase?: JobPhase): void;
  onWait(w: WaitReason | null): void;
  /** Requests the store's quota still allows in this window (purge: whether to probe the batch size). */
  spendable(): number | null;
  /** When that window ends (null: not known). */
  quotaResetAt(): number | null;
  finishFile(kind: FileKind): Promise<void>;
  /** Makes a file and waits until the browser has it on disk: null then, or why it could not. */
  fileOnDisk(kind: FileKind): Promise<string | null>;
}

export async function runKind(r: JobRecord, c: RunContext): Promise<void> {
  const req = r.request;
  if (req.kind === 'generate') {
    r.generate = normalizeGenerate(r.generate);
    r.total = req.params.count;
    await generateCodes({
      client: c.client,
      spool: c.spool,
      ns: r.id,
      promotionId: r.promotionId,
      params: req.params,
      signal: c.signal,
      requestSignal: c.requestSignal,
      workers: c.workers.generate,
      checkpoint: r.generate,
      save: c.save,
      onProgress: (done) => c.progress(done, req.params.count),
      onWait: c.onWait,
    });
    r.status = 'completed';
    r.finishedAt = c.now();
    await c.finishFile('generated');
    if (r.generate.unattributed > 0) await c.finishFile('unattributed');
    return;
  }
  if (req.kind === 'import' || req.kind === 'pattern') {
    r.create = { ...emptyCreate(), ...(r.create ?? {}) };
    const params = req.kind === 'pattern' ? req.params : null;
    const limits =
      req.kind === 'pattern'
        ? req.params
        : { maxUses: req.maxUses, maxUsesPerCustomer: req.maxUsesPerCustomer };
    await createCodes({
      client: c.client,
      spool: c.spool,
      jobId: r.id,
      promotionId: r.promotionId,
      limits,
      pattern: params
        ? {
            count: params.count,
            pattern: params.pattern,
            characters: charactersOf(params.characterSet, params.ownCharacters),
          }
        : undefined,
      signal: c.signal,
      requestSignal: c.requestSignal,
      checkpoint: r.create,
      save: c.save,
      onProgress: (done, total) => c.progress(done, total),
    });
    r.status = 'completed';
    r.finishedAt = c.now();
    await finishCreateFiles(r, c);
    return;
  }
  if (req.kind === 'export') {
    r.scan ??= emptyScan();
    const usage = tapUsage(c.spool, r.id);
    await scanPromotion({
      client: c.client,
      spool: usage.spool,
      ns: r.id,
      promotionId: r.promotionId,
      signal: c.signal,
      workers: c.workers.list,
      checkpoint: r.scan,
      save: c.save,
      onProgress: (done, total) => c.progress(done, total),
    });
    r.usage = await usage.result();
    r.status = 'completed';
    r.finishedAt = c.now();
    r.total = r.done;
    // A usage report is the same reading, without a file.
    if (!req.reportOnly) await c.finishFile('export');
    return;
  }
  if (req.kind === 'delete-code') {
    r.deleteOne ??= { row: null };
    r.total = 1;
    await deleteOneCode({
      client: c.client,
      spool: c.spool,
      jobId: r.id,
      promotionId: r.promotionId,
      code: req.code,
      signal: c.signal,
      checkpoint: r.deleteOne,
      save: c.save,
      backUp: () => c.fileOnDisk('purge-backup'),
    });
    r.done = 1;
    r.status = 'completed';
    r.finishedAt = c.now();
    return;
  }
  r.purge = { ...emptyPurge(), ...(r.purge ?? {}) };
  const cp = r.purge;
  const purgeDeps = {
    client: c.client,
    spool: c.spool,
    jobId: r.id,
    promotionId: r.promotionId,
    mode: req.mode,
    signal: c.signal,
    workers: c.workers.list,
    checkpoint: cp,
    save: c.save,
    onProgress: (phase: JobPhase, done: number, total: number | null) =>
      c.progress(done, total, phase),
    spendable: c.spendable,
    quotaResetAt: c.quotaResetAt,
    now: c.now,
  };
  if (!cp.planned) await planPurge(purgeDeps);
  // The backup is complete before anything is deleted: save it now (again, if a worker stopped
  // before the file was recorded). Deleting waits until the browser says it is on disk (see
  // the registry's confirm).
  if (cp.targetCount && !r.files.some((f) => f.kind === 'purge-backup'))
    await c.finishFile('purge-backup');
  if (!cp.confirmed) {
    r.status = 'awaiting-confirmation';
    r.phase = 'scan';
    r.done = cp.targetCount ?? 0;
    r.total = cp.targetCount;
    return;
  }
  await executePurge({ ...purgeDeps, workers: c.workers.delete });
  r.status = 'completed';
  r.finishedAt = c.now();
  r.done = cp.deleted;
  // Not every planned code was deleted: the backup is made again, saying what became of each.
  if (req.mode === 'unused' && cp.deleted < (cp.targetCount ?? 0)) {
    cp.outcomes = true;
    await c.finishFile('purge-backup');
  }
  if (cp.failed > 0)
    r.error = `${cp.failed} of ${cp.targetCount} codes could not be deleted (the store refused them; they may be in use). They are still in the backup file.`;
}

/**
 * A generate cancelled or failed part-way: requests under way when it stopped may still have
 * made codes. Once they have had a moment to land, the store is asked, and what the promotion
 * gained beyond the job's file is listed like at the end of a completed job. Best effort: the
 * job is over either way; true when something was listed.
 */
export async function settleStopped(
  r: JobRecord,
  c: Pick<RunContext, 'client' | 'spool' | 'onWait'>,
  waitMs = 1500,
): Promise<boolean> {
  const cp = r.generate;
  if (r.request.kind !== 'generate' || !cp || cp.baselineTotal === null) return false;
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  const settled = await settleGenerate({
    client: c.client,
    spool: c.spool,
    promotionId: r.promotionId,
    signal: AbortSignal.timeout(120_000),
    spools: generateSpools(r.id),
    point: cp.settled ?? { total: cp.baselineTotal, maxId: cp.baselineMaxId, ledger: 0, chunk: 0 },
    nextChunk: cp.nextChunk,
    onWait: c.onWait,
  });
  if (!settled.changed) return false;
  cp.settled = settled.point;
  cp.unattributed = settled.unattributed;
  cp.lost += settled.lost;
  return cp.unattributed > 0;
}

/** An import's or a pattern's files: the codes it made, and (an import) the lines it could not use. */
export async function finishCreateFiles(
  r: JobRecord,
  c: Pick<RunContext, 'spool' | 'finishFile'>,
): Promise<void> {
  await c.finishFile(r.kind === 'import' ? 'imported' : 'generated');
  if (r.kind === 'import' && (await c.spool.rowCount(createSpools(r.id).rejected)) > 0)
    await c.finishFile('rejected');
}
