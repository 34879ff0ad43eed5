/**
 * Settling a generate job with the store: which codes the promotion gained during the job,
 * which of them the job can prove it made (an answer listed them: they are in the ledger),
 * and which it cannot (an answer that never arrived, a batch the browser sent twice, another
 * app, a person). Those are listed in a spool of their own for the merchant to decide about;
 * nothing is ever deleted here. Ledger codes the store no longer holds (someone deleted them)
 * leave the ledger, so the job's file lists only codes that exist.
 */
import type { BigCommerceClient } from '../api/client';
import type { CouponCode } from '../api/schemas';
import type { Spool } from '../storage/spool';
import { codeSetBuilder, type CodeSet } from './code-set';
import type { WaitReason } from './types';
import { PAGE_SIZE } from '../vocabulary';

/** Everything up to here is accounted for: the count then, the highest id read, the ledger's size and last chunk. */
export interface SettlePoint {
  total: number;
  maxId: number;
  ledger: number;
  chunk: number;
  /** Chunks of the unattributed spool written up to this point (a settling cut short leaves more: dropped). */
  unattributedChunks?: number;
}

export interface SettleDeps {
  client: BigCommerceClient;
  spool: Spool;
  promotionId: number;
  signal: AbortSignal;
  spools: { ledger: string; unattributed: string };
  point: SettlePoint;
  /** Ledger chunks are numbered below this. */
  nextChunk: number;
  onWait(w: WaitReason | null): void;
}

export interface SettleResult {
  /** False when the store's count showed nothing but the job's own codes arrived. */
  changed: boolean;
  point: SettlePoint;
  /** Codes in the unattributed spool, in all. */
  unattributed: number;
  /** Ledger codes found gone in this settling. */
  lost: number;
}

export async function settleGenerate(d: SettleDeps): Promise<SettleResult> {
  d.onWait({ kind: 'reconciling' });
  try {
    const ledger = await d.spool.rowCount(d.spools.ledger);
    const total = await d.client.codeCount(d.promotionId, d.signal);
    // The count moved by exactly the codes the job was told about: nothing else happened.
    if (total === d.point.total + (ledger - d.point.ledger)) {
      return {
        changed: false,
        point: d.point,
        unattributed: await d.spool.rowCount(d.spools.unattributed),
        lost: 0,
      };
    }

    // A settling cut short (worker stopped) may have listed some codes already: start clean.
    let nextOther = (d.point.unattributedChunks ?? 0) + 1;
    for (const n of await d.spool.chunkNumbers(d.spools.unattributed))
      if (n >= nextOther) await d.spool.deleteChunk(d.spools.unattributed, n);

    const mine = await ledgerSince(d.spool, d.spools.ledger, d.point.chunk);
    const found = new Uint8Array(mine.size);
    let maxId = d.point.maxId;
    for await (const codes of readGained(d.client, d.promotionId, d.point.maxId, total, d.signal)) {
      const others: CouponCode[] = [];
      for (const c of codes) {
        maxId = Math.max(maxId, c.id);
        const i = mine.indexOf(c.code);
        if (i >= 0) found[i] = 1;
        else others.push(c);
      }
      if (others.length) await d.spool.putChunk(d.spools.unattributed, nextOther++, others);
    }
    const lost = await dropLost(d.spool, d.spools.ledger, d.point.chunk, mine, found);
    return {
      changed: true,
      point: {
        total,
        maxId,
        ledger: ledger - lost,
        chunk: d.nextChunk - 1,
        unattributedChunks: nextOther - 1,
      },
      unattributed: await d.spool.rowCount(d.spools.unattributed),
      lost,
    };
  } finally {
    d.onWait(null);
  }
}

/** The ledger's codes in chunks after `afterChunk`. */
async function ledgerSince(spool: Spool, ns: string, afterChunk: number): Promise<CodeSet> {
  const set = codeSetBuilder();
  for await (const { chunkNo, rows } of spool.chunks(ns)) {
    if (chunkNo <= afterChunk) continue;
    for (const r of rows as Array<{ code: string }>) set.add(r.code);
  }
  return set.build();
}

/** Removes from the ledger (after `afterChunk`) the codes the store did not list; returns how many. */
async function dropLost(
  spool: Spool,
  ns: string,
  afterChunk: number,
  mine: CodeSet,
  found: Uint8Array,
): Promise<number> {
  let lost = 0;
  for (const chunkNo of await spool.chunkNumbers(ns)) {
    if (chunkNo <= afterChunk) continue;
    const rows = ((await spool.getChunk(ns, chunkNo)) ?? []) as Array<{ code: string }>;
    const kept = rows.filter((r) => found[mine.indexOf(r.code)] === 1);
    if (kept.length === rows.length) continue;
    lost += rows.length - kept.length;
    if (kept.length) await spool.putChunk(ns, chunkNo, kept);
    else await spool.deleteChunk(ns, chunkNo);
  }
  return lost;
}

/**
 * Every code with an id above `afterId`, read from the end of the id-ordered list backwards,
 * a page at a time, in ascending order within each yield. Backwards and one page at a time
 * because new codes only ever come at the end: a code deleted meanwhile can shift pages not
 * yet read towards the start, where the walk still goes, never past it; a code shifted onto a
 * page already read shows up twice and is skipped. Bounded by the count's pages (a count beyond
 * any real promotion never gets here: the client refuses it).
 */
export async function* readGained(
  client: BigCommerceClient,
  promotionId: number,
  afterId: number,
  total: number,
  signal: AbortSignal,
): AsyncGenerator<CouponCode[]> {
  const lastPage = Math.ceil(total / PAGE_SIZE);
  let lowest = Infinity;
  for (let page = lastPage; page >= 1; page--) {
    const res = await client.listCodes(promotionId, { limit: PAGE_SIZE, page }, signal);
    const out: CouponCode[] = [];
    let reachedStart = false;
    for (let i = res.codes.length - 1; i >= 0; i--) {
      const c = res.codes[i]!;
      if (c.id <= afterId) {
        reachedStart = true;
        break;
      }
      if (c.id < lowest) {
        out.push(c);
        lowest = c.id;
      }
    }
    if (out.length) yield out.reverse();
    if (reachedStart) return;
  }
}
