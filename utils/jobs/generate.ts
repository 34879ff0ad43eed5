import type { BigCommerceClient, CodegenBody } from '../api/client';
import { ApiError } from '../api/errors';
import type { CouponCode } from '../api/schemas';
import type { Spool } from '../storage/spool';
import type { GenerateParams, WaitReason } from './types';
import { PAGE_SIZE } from './scan';

export const BATCH_MAX = 250;
/** Batches whose codes are kept in memory to tell our codes from unknown ones when reconciling. */
const RECENT_CHUNKS = 64;

export interface GenerateCheckpoint {
  /** Codes the promotion held before the job's first request: the reconciliation baseline. */
  baselineTotal: number | null;
  /** Highest code id before the job: every code we make has a higher id. */
  baselineMaxId: number;
  /** Next spool chunk number. */
  nextChunk: number;
  /** Set while requests may be in flight: a restarted worker must reconcile first. */
  mayHaveInFlight: boolean;
  /** Codes the store made that we could not attribute (someone else changed the promotion). */
  unattributed: number;
}

export const emptyGenerate = (): GenerateCheckpoint => ({
  baselineTotal: null,
  baselineMaxId: 0,
  nextChunk: 1,
  mayHaveInFlight: false,
  unattributed: 0,
});

/** A generated code as spooled and written to the CSV. */
export interface GeneratedRow {
  code: string;
  max_uses: number;
  max_uses_per_customer: number;
}

export interface GenerateDeps {
  client: BigCommerceClient;
  spool: Spool;
  ns: string;
  promotionId: number;
  params: GenerateParams;
  signal: AbortSignal;
  workers: number;
  checkpoint: GenerateCheckpoint;
  save(cp: GenerateCheckpoint): Promise<void>;
  onProgress(done: number): void;
  onWait(w: WaitReason | null): void;
}

export function codegenBody(p: GenerateParams, batch: number): CodegenBody {
  const body: CodegenBody = {
    batch_size: batch,
    max_uses: p.maxUses,
    max_uses_per_customer: p.maxUsesPerCustomer,
    code_length: p.codeLength,
  };
  if (p.prefix) body.prefix = p.prefix;
  if (p.suffix) body.suffix = p.suffix;
  if (p.delimiter && (p.prefix || p.suffix)) body.delimiter = p.delimiter;
  if (p.excludeCharacters.length) body.exclude_characters = p.excludeCharacters;
  return body;
}

/** Does a code have the shape this job's settings produce? Guards reconciliation. */
export function matchesFormat(code: string, p: GenerateParams): boolean {
  const d = p.delimiter;
  const head = p.prefix ? p.prefix + d : '';
  const tail = p.suffix ? d + p.suffix : '';
  if (code.length !== head.length + p.codeLength + tail.length) return false;
  if (!code.startsWith(head) || !code.endsWith(tail)) return false;
  const random = code.slice(head.length, code.length - tail.length);
  if (!/^[A-Z0-9]+$/.test(random)) return false;
  return !p.excludeCharacters.some((c) => random.includes(c));
}

/**
 * Plans the next batch: never more than what is left after the codes confirmed and the
 * codes already asked for, so the job cannot overshoot N.
 */
export function nextBatchSize(target: number, confirmed: number, reserved: number): number {
  return Math.max(0, Math.min(BATCH_MAX, target - confirmed - reserved));
}

/**
 * Generates exactly `params.count` codes. The spool is the ledger: its row count is the
 * number of codes we know we made. A request that fails ambiguously (dropped connection,
 * timeout, unreadable 2xx) stops new requests; once the others have settled, the job asks
 * the store how many codes the promotion holds and, if that exceeds baseline + ledger,
 * finds the missing codes at the end of the list and adds them to the ledger before
 * generating any more.
 */
export async function generateCodes(d: GenerateDeps): Promise<{ generated: number }> {
  const cp = d.checkpoint;
  const target = d.params.count;
  const recent = new Map<number, string[]>(); // chunkNo -> codes

  if (cp.baselineTotal === null) {
    const first = await d.client.listCodes(d.promotionId, { limit: 1 }, d.signal);
    if (first.total === null) throw new ApiError('bad-response', 'BigCommerce did not say how many codes the promotion holds, so generating exactly N codes cannot be guaranteed.');
    cp.baselineTotal = first.total;
    cp.baselineMaxId = first.total > 0 ? await maxCodeId(d, first.total) : 0;
    await d.save(cp);
  }

  // A worker stopped between writing a chunk and saving the checkpoint must not reuse its
  // number (the reconcile below writes one too: a stale number would overwrite ledger codes).
  const chunks = await d.spool.chunkNumbers(d.ns);
  cp.nextChunk = Math.max(cp.nextChunk, (chunks[chunks.length - 1] ?? 0) + 1);
  if (cp.mayHaveInFlight) {
    await loadRecent(d, recent);
    await reconcile(d, recent);
  }
  let confirmed = await d.spool.rowCount(d.ns);
  d.onProgress(confirmed);

  while (confirmed < target) {
    let reserved = 0;
    let ambiguous = false;
    cp.mayHaveInFlight = true;
    await d.save(cp);

    const worker = async () => {
      while (!ambiguous && !d.signal.aborted) {
        const size = nextBatchSize(target, confirmed, reserved);
        if (size === 0) return;
        reserved += size;
        const chunkNo = cp.nextChunk++;
        try {
          const codes = await d.client.generate(d.promotionId, codegenBody(d.params, size), d.signal);
          const rows: GeneratedRow[] = codes.map((code) => ({ code, max_uses: d.params.maxUses, max_uses_per_customer: d.params.maxUsesPerCustomer }));
          await d.spool.putChunk(d.ns, chunkNo, rows);
          remember(recent, chunkNo, codes);
          confirmed += size;
          d.onProgress(confirmed);
        } catch (e) {
          if (e instanceof ApiError && e.kind === 'ambiguous') ambiguous = true;
          else throw e;
        } finally {
          reserved -= size;
        }
      }
    };
    const results = await Promise.allSettled(Array.from({ length: d.workers }, worker));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason; // checkpoint keeps mayHaveInFlight: resume reconciles
    if (d.signal.aborted) throw d.signal.reason;

    if (ambiguous) {
      await reconcile(d, recent);
      confirmed = await d.spool.rowCount(d.ns);
      d.onProgress(confirmed);
    }
    cp.mayHaveInFlight = false;
    await d.save(cp);
  }
  // Chrome sends a request again by itself when a kept-alive connection closes before any
  // answer came, POSTs included: a batch can then be made twice while only one answer is
  // seen and nothing fails. The store's count tells once the ledger is full; such codes
  // are found like a lost batch's and deleted, so the promotion gains exactly N codes.
  if (recent.size === 0) await loadRecent(d, recent);
  await reconcile(d, recent);
  confirmed = await d.spool.rowCount(d.ns);
  return { generated: confirmed };
}

async function maxCodeId(d: GenerateDeps, total: number): Promise<number> {
  const lastPage = Math.ceil(total / PAGE_SIZE);
  const page = await d.client.listCodes(d.promotionId, { limit: PAGE_SIZE, page: lastPage }, d.signal);
  return page.codes.reduce((m, c) => Math.max(m, c.id), 0);
}

function remember(recent: Map<number, string[]>, chunkNo: number, codes: string[]) {
  recent.set(chunkNo, codes);
  if (recent.size > RECENT_CHUNKS) recent.delete(Math.min(...recent.keys()));
}

async function loadRecent(d: GenerateDeps, recent: Map<number, string[]>) {
  const numbers = await d.spool.chunkNumbers(d.ns);
  for (const n of numbers.slice(-RECENT_CHUNKS)) {
    const rows = (await d.spool.getChunk(d.ns, n)) as GeneratedRow[] | null;
    if (rows) recent.set(n, rows.map((r) => r.code));
  }
}

/** Ids per delete request: the older limit, which every store accepts. */
const SURPLUS_DELETE_BATCH = 50;

/**
 * Deletes codes made beyond N. Only codes that are not in the ledger (read through a chunk
 * at a time) are touched: nothing the merchant's file lists is ever deleted.
 */
async function deleteSurplus(d: GenerateDeps, surplus: CouponCode[]): Promise<number> {
  const byCode = new Map(surplus.map((c) => [c.code, c] as const));
  for await (const { rows } of d.spool.chunks(d.ns)) for (const r of rows as GeneratedRow[]) byCode.delete(r.code);
  const ids = [...byCode.values()].map((c) => c.id);
  let deleted = 0;
  for (let i = 0; i < ids.length; i += SURPLUS_DELETE_BATCH) {
    const res = await d.client.deleteCodes(d.promotionId, ids.slice(i, i + SURPLUS_DELETE_BATCH), d.signal);
    deleted += res.deleted;
  }
  return deleted;
}

/**
 * Settles what the store really made. Missing = store count - baseline - ledger. The
 * missing codes are newer than the baseline and sit near the end of the id-ordered list,
 * among the codes of the batches that ran beside the failed one; we read pages from the
 * end until we have found them, skipping codes already in the ledger.
 */
async function reconcile(d: GenerateDeps, recent: Map<number, string[]>) {
  const cp = d.checkpoint;
  d.onWait({ kind: 'reconciling' });
  try {
    const ledger = await d.spool.rowCount(d.ns);
    const total = await d.client.codeCount(d.promotionId, d.signal);
    let missing = total - cp.baselineTotal! - ledger - cp.unattributed;
    if (missing <= 0) return;

    const known = new Set<string>();
    for (const codes of recent.values()) for (const c of codes) known.add(c);
    const found: CouponCode[] = [];
    let page = Math.ceil(total / PAGE_SIZE);
    // Reading back past the recent batches cannot find ours: their codes are all known.
    const maxPages = Math.ceil((RECENT_CHUNKS * 250) / PAGE_SIZE) + 2;
    for (let read = 0; page >= 1 && missing > found.length && read < maxPages; page--, read++) {
      const res = await d.client.listCodes(d.promotionId, { limit: PAGE_SIZE, page }, d.signal);
      let reachedBaseline = false;
      for (let i = res.codes.length - 1; i >= 0; i--) {
        const c = res.codes[i]!;
        if (c.id <= cp.baselineMaxId) {
          reachedBaseline = true;
          break;
        }
        if (!known.has(c.code) && matchesFormat(c.code, d.params)) {
          found.push(c);
          known.add(c.code);
          if (found.length === missing) break;
        }
      }
      if (reachedBaseline) break;
    }
    // Ours, up to N in all (oldest first); beyond that, batches the browser made twice.
    found.reverse();
    const keep = found.slice(0, Math.max(0, d.params.count - ledger));
    const surplus = found.slice(keep.length);
    if (keep.length) {
      const chunkNo = cp.nextChunk++;
      const rows: GeneratedRow[] = keep.map((c) => ({
        code: c.code,
        max_uses: c.max_uses,
        max_uses_per_customer: c.max_uses_per_customer,
      }));
      await d.spool.putChunk(d.ns, chunkNo, rows);
      remember(recent, chunkNo, rows.map((r) => r.code));
    }
    const deleted = surplus.length ? await deleteSurplus(d, surplus) : 0;
    // Codes we could not find were not ours (another app or person added them); count
    // them once so they are not searched for again, and never generate fewer because of them.
    // (So are surplus codes that turned out to be in the ledger after all, and left alone.)
    cp.unattributed += missing - keep.length - deleted;
    await d.save(cp);
  } finally {
    d.onWait(null);
  }
}
