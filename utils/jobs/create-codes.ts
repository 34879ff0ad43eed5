/**
 * Import codes from a file, or make codes in the merchant's own pattern: one request a code
 * (POST /promotions/{id}/codes), 40 in flight, within the store's quota through the governor.
 *
 * The work is cut into chunks of the input spool (the file's rows, or a pattern's candidates
 * written down before they are sent, so a restarted worker sends the very same codes again and
 * finds the ones it made). A chunk is done when each of its codes is settled (create-one.ts);
 * its created codes and rejected lines are then spooled under the same chunk number, and the
 * checkpoint says so. Nothing is ever deleted.
 */
import type { BigCommerceClient } from '../api/client';
import { plainWords } from '../api/errors';
import { codeHash } from './code-set';
import { patternCode, randomSource } from '../codes/pattern';
import type { Spool } from '../storage/spool';
import { CREATE_CONCURRENCY } from '../vocabulary';
import { readBaseline } from './baseline';
import { createOne, type CreateOneContext } from './create-one';
import { runPool } from './pool';

/** Codes per chunk of input: what a restart may have to look up again. */
export const CREATE_CHUNK = 500;
/** Chunks worked on together (a pool of 40 stays busy across their ends). */
const CHUNKS_AT_ONCE = 4;
/** The store's refusals go after the file's own rejected lines in the rejected spool. */
export const STORE_REJECTS_FROM = 10_000_000;

export interface CreateCheckpoint {
  /** Highest id the promotion held before the job (null: not read yet). */
  baselineMaxId: number | null;
  /** Input chunks whose every code is settled. */
  doneChunks: number[];
  /** Pattern jobs: input chunks written so far. */
  chunksMade: number;
  created: number;
  /** Codes the store refused (import). */
  rejected: number;
  /** Pattern candidates that clashed with codes the store has, replaced by fresh ones. */
  clashes: number;
  unanswered: number;
}

export const emptyCreate = (): CreateCheckpoint => ({
  baselineMaxId: null,
  doneChunks: [],
  chunksMade: 0,
  created: 0,
  rejected: 0,
  clashes: 0,
  unanswered: 0,
});

/** An input row: a code from the file (with its own limits, null for the form's) or a pattern candidate. */
export interface InputRow {
  line?: number;
  code: string;
  maxUses?: number | null;
  maxUsesPerCustomer?: number | null;
}

export const createSpools = (jobId: string) => ({
  input: `${jobId}:input`,
  made: jobId,
  rejected: `${jobId}:rejected`,
});

export interface CreateDeps {
  client: BigCommerceClient;
  spool: Spool;
  jobId: string;
  promotionId: number;
  limits: { maxUses: number; maxUsesPerCustomer: number };
  /** A pattern job: how many codes and how they look; an import reads its rows from the input spool. */
  pattern?: { count: number; pattern: string; characters: string };
  signal: AbortSignal;
  requestSignal?: AbortSignal;
  checkpoint: CreateCheckpoint;
  save(): Promise<void>;
  /** Codes settled so far (created, or rejected) and how many there are to settle. */
  onProgress(done: number, total: number): void;
  random?: () => number;
}

export async function createCodes(d: CreateDeps): Promise<void> {
  const cp = d.checkpoint;
  const ns = createSpools(d.jobId);
  if (cp.baselineMaxId === null) {
    cp.baselineMaxId = (await readBaseline(d.client, d.promotionId, d.signal)).maxId;
    await d.save();
  }
  const total = d.pattern ? d.pattern.count : await d.spool.rowCount(ns.input);
  // Counted again from the spool: a checkpoint saved mid-way may count codes of chunks that
  // were not finished, which are settled again now.
  cp.created = await doneRows(d.spool, ns.made, cp.doneChunks, 0);
  cp.rejected = await doneRows(d.spool, ns.rejected, cp.doneChunks, STORE_REJECTS_FROM);
  const report = () => d.onProgress(cp.created + cp.rejected, total);
  report();
  const x: CreateOneContext = {
    client: d.client,
    promotionId: d.promotionId,
    baselineMaxId: cp.baselineMaxId,
    signal: d.signal,
    requestSignal: d.requestSignal,
    onUnanswered: () => void cp.unanswered++,
    pattern: Boolean(d.pattern),
  };
  const maker = d.pattern ? await patternMaker(d) : null;

  for (;;) {
    const done = new Set(cp.doneChunks);
    let next = (await d.spool.chunkNumbers(ns.input))
      .filter((n) => !done.has(n))
      .slice(0, CHUNKS_AT_ONCE);
    if (maker && next.length < CHUNKS_AT_ONCE)
      next = [...next, ...(await maker.more(CHUNKS_AT_ONCE - next.length))];
    if (next.length === 0) break;
    const chunks = await Promise.all(
      next.map(async (n) => ({
        n,
        rows: ((await d.spool.getChunk(ns.input, n)) ?? []) as InputRow[],
      })),
    );
    const made = new Map(chunks.map((c) => [c.n, [] as unknown[]]));
    const refused = new Map(chunks.map((c) => [c.n, [] as unknown[]]));
    const units = chunks.flatMap((c) => c.rows.map((row, i) => ({ chunk: c, i, row })));

    let settled = false;
    try {
      await runPool(
        units,
        CREATE_CONCURRENCY,
        async ({ chunk, i, row }) => {
          const body = {
            code: row.code,
            max_uses: row.maxUses ?? d.limits.maxUses,
            max_uses_per_customer: row.maxUsesPerCustomer ?? d.limits.maxUsesPerCustomer,
          };
          for (;;) {
            const outcome = await createOne(x, body);
            if ('created' in outcome) {
              const c = outcome.created; // the limits as the store holds them
              made.get(chunk.n)!.push({
                code: c.code,
                max_uses: c.max_uses,
                max_uses_per_customer: c.max_uses_per_customer,
              });
              cp.created++;
            } else if ('rejected' in outcome) {
              refused.get(chunk.n)!.push({
                line: row.line ?? null,
                code: row.code,
                reason: plainWords(outcome.rejected),
              });
              cp.rejected++;
            } else {
              // A pattern code the store already has: a fresh one in its place, written down first.
              cp.clashes++;
              body.code = maker!.candidate();
              chunk.rows[i] = { code: body.code };
              await d.spool.putChunk(ns.input, chunk.n, chunk.rows);
              continue;
            }
            report();
            return;
          }
        },
        d.signal,
      );
      settled = true;
    } finally {
      // Written down even when the job stops part-way (requests under way are answered first):
      // a cancelled job's files then list every code it made. Such chunks are not marked done,
      // so a resumed job settles them again, and what it finds replaces these rows.
      for (const c of chunks) {
        const write = async () => {
          await d.spool.putChunk(ns.made, c.n, made.get(c.n)!);
          await d.spool.putChunk(ns.rejected, STORE_REJECTS_FROM + c.n, refused.get(c.n)!);
        };
        if (settled) await write();
        else await write().catch(() => undefined); // the stop's own reason is the one to tell
      }
    }
    cp.doneChunks.push(...chunks.map((c) => c.n));
    await d.save();
  }
  // Counted from the spool, where a resumed job's earlier chunks are too.
  cp.created = await d.spool.rowCount(ns.made);
  report();
}

/**
 * Writes a pattern job's candidates down, a chunk at a time, before they are sent: each new
 * code differs from every one the job has chosen (hashes of them, rebuilt on resume; a rare
 * false match only costs another draw).
 */
async function patternMaker(d: CreateDeps) {
  const cp = d.checkpoint;
  const ns = createSpools(d.jobId);
  const p = d.pattern!;
  const next = d.random ?? randomSource();
  const chosen = new Set<number>();
  // 30 bits: small integers, which a Set holds without boxing (a million take ~16 MB).
  const key = (code: string) => codeHash(code) & 0x3fffffff;
  for await (const { chunkNo, rows } of d.spool.chunks(ns.input)) {
    for (const r of rows as InputRow[]) chosen.add(key(r.code));
    // Chunks written just before a worker stop, without the checkpoint saying so: never made twice.
    cp.chunksMade = Math.max(cp.chunksMade, chunkNo);
  }
  const candidate = (): string => {
    for (;;) {
      const code = patternCode(p.pattern, p.characters, next);
      const h = key(code);
      if (chosen.has(h)) continue;
      chosen.add(h);
      return code;
    }
  };
  return {
    candidate,
    /** Up to `n` new input chunks, while codes are still to be made. */
    async more(n: number): Promise<number[]> {
      const out: number[] = [];
      while (out.length < n) {
        const planned = cp.chunksMade * CREATE_CHUNK;
        if (planned >= p.count) break;
        const size = Math.min(CREATE_CHUNK, p.count - planned);
        const chunkNo = cp.chunksMade + 1;
        await d.spool.putChunk(
          ns.input,
          chunkNo,
          Array.from({ length: size }, () => ({ code: candidate() })),
        );
        cp.chunksMade = chunkNo;
        out.push(chunkNo);
      }
      if (out.length) await d.save();
      return out;
    },
  };
}

/** Rows of the chunks already settled (numbered from `from` in their spool). */
async function doneRows(
  spool: Spool,
  ns: string,
  doneChunks: number[],
  from: number,
): Promise<number> {
  let n = 0;
  for (const chunkNo of doneChunks) n += ((await spool.getChunk(ns, from + chunkNo)) ?? []).length;
  return n;
}
