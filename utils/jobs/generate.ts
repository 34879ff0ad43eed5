/**
 * Generate exactly N codes, and never touch a code the job cannot prove it made.
 *
 * The spool is the ledger: a batch's codes go in only when the store's answer listing them
 * arrived. A request whose answer never came (a dropped connection, a timeout) is not retried
 * and not claimed: the job makes the batch again. Once the ledger holds N codes, the store's
 * count tells whether the promotion gained anything else (an unanswered batch the store did
 * make, a batch the browser sent twice by itself, another app, a person); if so, settle.ts
 * reads what it gained and lists what is not ours in a file of its own. Nothing is deleted.
 */
import type { BigCommerceClient, CodegenBody } from '../api/client';
import { ApiError } from '../api/errors';
import type { Spool } from '../storage/spool';
import { readBaseline } from './baseline';
import { settleGenerate, type SettlePoint } from './settle';
import type { GenerateParams, WaitReason } from './types';
import { BATCH_MAX } from '../vocabulary';
import { said } from '../vocabulary';

/** Unanswered requests in a row after which the job stops (and pauses) rather than keep sending. */
const MAX_UNANSWERED_IN_A_ROW = 5;
/** Rounds of "make the rest, then settle" before giving up on a promotion that keeps changing. */
const MAX_SETTLE_ROUNDS = 5;

export interface GenerateCheckpoint {
  /** Codes the promotion held before the job's first request: the count that settling starts from. */
  baselineTotal: number | null;
  /** Highest code id before the job: every code made since has a higher id. */
  baselineMaxId: number;
  /** Next spool chunk number. */
  nextChunk: number;
  /** Requests whose answer never came: codes they may have made cannot be proven ours. */
  unanswered: number;
  /** Where the last settling left off (null: the baseline). */
  settled: SettlePoint | null;
  /** Codes the promotion gained that the job cannot attribute to an answer: listed apart, never deleted. */
  unattributed: number;
  /** Codes the job made that someone else deleted during the job (made again, so the file holds N). */
  lost: number;
  /** Times the job was cut off with requests possibly under way (a worker stop, a browser restart). */
  cutOff: number;
}

export const emptyGenerate = (): GenerateCheckpoint => ({
  baselineTotal: null,
  baselineMaxId: 0,
  nextChunk: 1,
  unanswered: 0,
  settled: null,
  unattributed: 0,
  lost: 0,
  cutOff: 0,
});

/** A checkpoint saved by an older version, with today's fields filled in. */
export function normalizeGenerate(cp: Partial<GenerateCheckpoint> | undefined): GenerateCheckpoint {
  return { ...emptyGenerate(), ...(cp ?? {}) };
}

/** A generated code as spooled and written to the CSV. */
export interface GeneratedRow {
  code: string;
  max_uses: number;
  max_uses_per_customer: number;
}

/** Spool namespaces of a generate job: the ledger (the job's file) and the codes not its own. */
export const generateSpools = (jobId: string) => ({
  ledger: jobId,
  unattributed: `${jobId}:unattributed`,
});

export interface GenerateDeps {
  client: BigCommerceClient;
  spool: Spool;
  ns: string;
  promotionId: number;
  params: GenerateParams;
  /** Stops the job: no new batch, and no request that has not gone out yet. */
  signal: AbortSignal;
  /**
   * Cuts requests already sent (a worker stopping). Without it `signal` does; with it, a pause
   * or a cancel lets answers under way arrive, so codes they list are not lost to the job.
   */
  requestSignal?: AbortSignal;
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

/**
 * Plans the next batch: never more than what is left after the codes confirmed and the
 * codes already asked for, so the job cannot overshoot N.
 */
export function nextBatchSize(target: number, confirmed: number, reserved: number): number {
  return Math.max(0, Math.min(BATCH_MAX, target - confirmed - reserved));
}

export async function generateCodes(d: GenerateDeps): Promise<{ generated: number }> {
  const cp = d.checkpoint;
  if (cp.baselineTotal === null) await takeBaseline(d);
  // A worker stopped between writing a chunk and saving the checkpoint must not reuse its number.
  const chunks = await d.spool.chunkNumbers(d.ns);
  cp.nextChunk = Math.max(cp.nextChunk, (chunks[chunks.length - 1] ?? 0) + 1);

  for (let round = 1; ; round++) {
    await makeUntilFull(d);
    if (await settleOnce(d)) await d.save(cp);
    const ledger = await d.spool.rowCount(d.ns);
    d.onProgress(ledger);
    if (ledger >= d.params.count) return { generated: ledger };
    // Someone deleted codes this job made: make them again, then settle once more.
    if (round >= MAX_SETTLE_ROUNDS)
      throw new ApiError('bad-response', said('errors.codesDisappearing'));
  }
}

type SettleOnceDeps = Pick<
  GenerateDeps,
  'client' | 'spool' | 'ns' | 'promotionId' | 'signal' | 'checkpoint' | 'onWait'
>;

/**
 * Settles with the store once, from where the last settling left off (settle.ts), the
 * checkpoint brought up to date: true when the count showed more than the job's answers.
 */
async function settleOnce(d: SettleOnceDeps): Promise<boolean> {
  const cp = d.checkpoint;
  const settled = await settleGenerate({
    client: d.client,
    spool: d.spool,
    promotionId: d.promotionId,
    signal: d.signal,
    spools: generateSpools(d.ns),
    point: cp.settled ?? { total: cp.baselineTotal!, maxId: cp.baselineMaxId, ledger: 0, chunk: 0 },
    nextChunk: cp.nextChunk,
    onWait: d.onWait,
  });
  if (!settled.changed) return false;
  cp.settled = settled.point;
  cp.unattributed = settled.unattributed;
  cp.lost += settled.lost;
  return true;
}

/**
 * A generate cancelled or failed part-way: requests under way when it stopped may still have
 * made codes. Once they have had a moment to land, the store is asked, and what the promotion
 * gained beyond the job's file is listed like at the end of a completed job. True when
 * something was listed.
 */
export async function settleStopped(
  d: Omit<SettleOnceDeps, 'signal' | 'onWait'>,
  waitMs = 1500,
): Promise<boolean> {
  if (d.checkpoint.baselineTotal === null) return false; // nothing sent yet
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  const signal = AbortSignal.timeout(120_000);
  return (
    (await settleOnce({ ...d, signal, onWait: () => undefined })) && d.checkpoint.unattributed > 0
  );
}

/** The count and highest id before the job, read from answers that agree with each other. */
async function takeBaseline(d: GenerateDeps): Promise<void> {
  const { total, maxId } = await readBaseline(d.client, d.promotionId, d.signal);
  d.checkpoint.baselineTotal = total;
  d.checkpoint.baselineMaxId = maxId;
  await d.save(d.checkpoint);
}

/** Sends batches until the ledger holds N codes. */
async function makeUntilFull(d: GenerateDeps): Promise<void> {
  const cp = d.checkpoint;
  const target = d.params.count;
  let confirmed = await d.spool.rowCount(d.ns);
  let unansweredInARow = 0;
  let reserved = 0;
  d.onProgress(confirmed);

  const worker = async () => {
    while (!d.signal.aborted && unansweredInARow < MAX_UNANSWERED_IN_A_ROW) {
      const size = nextBatchSize(target, confirmed, reserved);
      if (size === 0) return;
      reserved += size;
      const chunkNo = cp.nextChunk++;
      try {
        // Without a signal of its own for requests sent, the job's stop cuts them too.
        const codes = await d.client.generate(
          d.promotionId,
          codegenBody(d.params, size),
          d.requestSignal ?? d.signal,
          d.signal,
        );
        const rows: GeneratedRow[] = codes.map((code) => ({
          code,
          max_uses: d.params.maxUses,
          max_uses_per_customer: d.params.maxUsesPerCustomer,
        }));
        await d.spool.putChunk(d.ns, chunkNo, rows);
        confirmed += size;
        unansweredInARow = 0;
        d.onProgress(confirmed);
      } catch (e) {
        if (!(e instanceof ApiError && e.kind === 'ambiguous')) throw e;
        // Not claimed, not retried: the batch is made again, and whatever the store made for
        // this request is found when settling.
        cp.unanswered += 1;
        unansweredInARow += 1;
        void d.save(cp).catch(() => undefined);
      } finally {
        reserved -= size;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: d.workers }, worker));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  if (d.signal.aborted) throw d.signal.reason;
  await d.save(cp);
  if (unansweredInARow >= MAX_UNANSWERED_IN_A_ROW)
    throw new ApiError('network', said('errors.unanswered', [unansweredInARow]));
}
