import type { BigCommerceClient } from '../api/client';
import { ApiError } from '../api/errors';
import type { CouponCode } from '../api/schemas';
import type { Spool } from '../storage/spool';
import { runPool } from './pool';
import { scanPromotion } from './scan';
import { emptyScan, type ScanCheckpoint } from './scan-checkpoint';
import type { PurgeMode } from './types';
import { usageCounter, type Usage } from '../codes/usage';
import { tapUsage } from './usage-tap';
import {
  codeKey,
  DELETE_BATCH,
  DELETE_BATCH_LEGACY,
  isUnusedCode,
  PLAN_FRESH_MS,
} from '../vocabulary';
import type { JobPhase } from '../vocabulary';

export interface PurgeCheckpoint {
  scan: ScanCheckpoint;
  /** Backup complete and counted: nothing is deleted before this and the merchant's word. */
  planned: boolean;
  /** When the plan's first page was read (what it says is that old): a stale plan is not acted on. */
  plannedAt: number | null;
  /** How long reading it took (not counted against its freshness: see planIdleMs). */
  readingMs?: number;
  /** Confirmed: the time it stood still (paused, stopped, failed) over all its stops. */
  stoodStillMs?: number;
  targetCount: number | null;
  notFound: number | null;
  confirmed: boolean;
  /** Target chunks whose deletion the store acknowledged. */
  deletedChunks: number[];
  deleted: number;
  /** Set when the store reported ids it did not delete: a final check settles them. */
  needsVerify: boolean;
  failed: number;
  /** An unused purge: codes of the plan kept because redeemed since the scan, found already gone, or not seen again. */
  kept?: number;
  gone?: number;
  unchecked?: number;
  /** The backup's rows say what became of each code (the file was made again with them). */
  outcomes?: boolean;
  /** Learned per job: 50 where the store refuses 250 ids a request. */
  batchSize: number;
  /** How the promotion's codes were used when they were read (all of them, not only the targets). */
  usage?: Usage | null;
}

export const emptyPurge = (): PurgeCheckpoint => ({
  scan: emptyScan(),
  planned: false,
  plannedAt: null,
  targetCount: null,
  notFound: null,
  confirmed: false,
  deletedChunks: [],
  deleted: 0,
  needsVerify: false,
  failed: 0,
  batchSize: DELETE_BATCH,
});

export interface PurgeDeps {
  client: BigCommerceClient;
  spool: Spool;
  jobId: string;
  promotionId: number;
  mode: PurgeMode;
  signal: AbortSignal;
  workers: number;
  checkpoint: PurgeCheckpoint;
  save(cp: PurgeCheckpoint): Promise<void>;
  onProgress(phase: JobPhase, done: number, total: number | null): void;
  /** Requests the store's quota still allows in this window, less the reserve (null: not known). */
  spendable?(): number | null;
  /** When the store's current quota window ends (null: not known, or no window under way). */
  quotaResetAt?(): number | null;
  now?: () => number;
}

/** Spool namespaces of a purge: raw scan, the targets (= the backup), the merchant's list. */
export const purgeSpools = (jobId: string) => ({
  scan: `${jobId}:scan`,
  targets: `${jobId}:targets`,
  input: `${jobId}:input`,
});

/**
 * A store's codes are unique regardless of case (shoppers may type them either way), so a
 * merchant's list matches them as the store does (codeKey): "summer-ab12" names SUMMER-AB12.
 */
export function isTarget(mode: PurgeMode, code: CouponCode, list: Set<string> | null): boolean {
  if (mode === 'all') return true;
  if (mode === 'unused') return isUnusedCode(code);
  return list !== null && list.has(codeKey(code.code));
}

/**
 * Phase 1 (dry run): read every code, keep the targets in their own spool (this is the
 * backup, complete before anything is deleted) and count them.
 */
export async function planPurge(
  d: PurgeDeps,
): Promise<{ targetCount: number; notFound: number | null }> {
  const cp = d.checkpoint;
  const ns = purgeSpools(d.jobId);
  const now = d.now ?? Date.now;
  if (!cp.planned && (cp.scan.stoodStillMs ?? 0) > PLAN_FRESH_MS) {
    // What it read has gone unread too long (its stops add up): read it all again.
    for (const space of [ns.scan, ns.targets]) await d.spool.clear(space);
    cp.scan = emptyScan();
    await d.save(cp);
  }
  if (!cp.planned) {
    // Purging all: every code read is a target and a page is one delete's worth, so the
    // scan writes the targets (the backup) directly instead of a copy being made after it.
    // (A scan begun by a version that always copied carries on the old way.)
    const everything = d.mode === 'all' && !(await d.spool.hasChunk(ns.scan, 1));
    // Purging all, the usage is counted as the pages are stored; otherwise on the pass that picks the targets.
    const tap = everything ? tapUsage(d.spool, ns.targets) : null;
    const scanned = await scanPromotion({
      client: d.client,
      spool: tap?.spool ?? d.spool,
      ns: everything ? ns.targets : ns.scan,
      promotionId: d.promotionId,
      signal: d.signal,
      workers: d.workers,
      checkpoint: cp.scan,
      save: async () => d.save(cp),
      onProgress: (done, total) => d.onProgress('scan', done, total),
      now,
    });
    const list = d.mode === 'list' ? await loadList(d.spool, ns.input) : null;
    const matched = new Set<string>();
    const usage = usageCounter();
    let targets = 0;
    if (tap) {
      targets = scanned.total;
      usage.merge(await tap.result());
    } else {
      await d.spool.clear(ns.targets);
      let chunkNo = 0;
      for await (const { chunkNo: page, rows } of d.spool.chunks(ns.scan)) {
        usage.add(rows as CouponCode[]);
        const picked = (rows as CouponCode[]).filter((c) => isTarget(d.mode, c, list));
        // Unused codes stay with the page they were read on: it is read again before deleting.
        if (d.mode === 'unused') {
          if (picked.length) await d.spool.putChunk(ns.targets, page, picked);
          targets += picked.length;
          continue;
        }
        // Re-chunk to delete-batch size so a chunk is one request (or five legacy ones).
        for (let i = 0; i < picked.length; i += DELETE_BATCH) {
          const part = picked.slice(i, i + DELETE_BATCH);
          await d.spool.putChunk(ns.targets, ++chunkNo, part);
          targets += part.length;
          for (const c of part) matched.add(codeKey(c.code));
        }
      }
      await d.spool.clear(ns.scan);
    }
    cp.targetCount = targets;
    cp.usage = usage.result();
    cp.notFound = list ? [...list].filter((c) => !matched.has(c)).length : null;
    cp.planned = true;
    const end = now();
    cp.plannedAt = cp.scan.firstReadAt ?? end;
    cp.readingMs = Math.max(0, end - cp.plannedAt - (cp.scan.stoodStillMs ?? 0));
    await d.save(cp);
  }
  return { targetCount: cp.targetCount!, notFound: cp.notFound };
}

async function loadList(spool: Spool, ns: string): Promise<Set<string>> {
  const set = new Set<string>();
  for await (const { rows } of spool.chunks(ns))
    for (const c of rows as string[]) set.add(codeKey(c));
  return set;
}
