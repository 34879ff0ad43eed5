/**
 * "The plan is a ceiling, never a licence": an unused purge deletes a planned code only if a
 * reading taken just before its DELETE shows it still there, the same code, unused. The list
 * endpoint has no id filter, so each chunk of targets (the codes one page of the scan found
 * unused) is read again by offset, where its page is now: others' deletes may have moved it,
 * so the reading must cover the chunk's ids from first to last, reading a neighbouring page
 * when it does not (a few, then the codes not seen are kept). Pages go from the last to the
 * first, and a page deletes only once every page before it has taken its reading (a lower
 * page's DELETE moves the higher pages' codes). What became of each code is written on its row
 * of the backup before the DELETE is sent (so a worker restarted meanwhile knows what it asked)
 * and once it is answered.
 */
import type { CodePage } from '../api/client';
import type { CouponCode } from '../api/schemas';
import { abortable, timerSleep } from '../rate';
import { purgeSpools, type PurgeDeps } from './purge';
import { isUnusedCode, PAGE_SIZE, type TargetOutcome } from '../vocabulary';

/** A planned code as the backup holds it: as the scan read it, and what became of it. */
export type TargetRow = CouponCode & { outcome?: TargetOutcome };

/** Pages read beyond the first to find where a chunk's codes are now. */
const MAX_EXTRA_READS = 4;
/** A DELETE held back this long after its reading (an earlier page retrying) is read again first. */
const HELD_TOO_LONG_MS = 250;

export interface Reading {
  /** Every code the reading saw, by id. */
  found: Map<number, CouponCode>;
  /** Whether it spans the chunk's ids from first to last: a code not seen is then gone. */
  covered: boolean;
  /** The page the chunk's first id now falls on (or the nearest read). */
  page: number;
}

/**
 * Reads pages by offset, starting at `guess`, until they span `rows` (ascending ids): the first
 * page read starts at or before the first id (or is page 1), the last ends at or after the last
 * id (or the list ended there).
 */
export async function readWhereNow(
  rows: readonly CouponCode[],
  guess: number,
  readPage: (page: number) => Promise<CodePage>,
): Promise<Reading> {
  const minId = rows[0]!.id;
  const maxId = rows[rows.length - 1]!.id;
  const pages = new Map<number, CouponCode[]>();
  let lo = Math.max(1, guess);
  let hi = lo;
  const first = await readPage(lo);
  pages.set(lo, first.codes);
  // Past the end now (the list shrank a lot): start again from its last page.
  if (first.codes.length === 0 && lo > 1 && first.totalPages !== null && first.totalPages < lo) {
    pages.clear();
    lo = hi = Math.max(1, first.totalPages);
    pages.set(lo, (await readPage(lo)).codes);
  }
  let covered = false;
  for (let extra = 0; ; extra++) {
    const head = pages.get(lo)!;
    const tail = pages.get(hi)!;
    const startsBefore = lo === 1 || (head.length > 0 && head[0]!.id <= minId);
    const endsAfter = tail.length < PAGE_SIZE || tail[tail.length - 1]!.id >= maxId;
    covered = startsBefore && endsAfter;
    if (covered || extra >= MAX_EXTRA_READS) break;
    const next = startsBefore ? ++hi : --lo;
    pages.set(next, (await readPage(next)).codes);
  }
  const found = new Map<number, CouponCode>();
  let page = lo;
  for (let p = lo; p <= hi; p++)
    for (const c of pages.get(p)!) {
      found.set(c.id, c);
      if (c.id <= minId) page = p;
    }
  return { found, covered, page };
}

/**
 * What to do with each planned code, by the reading: send its DELETE only if it is there, the
 * same code, unused. A code the purge had already sent (a restart since) and that is gone
 * counts as deleted by it.
 */
export function decide(rows: readonly TargetRow[], reading: Reading): TargetRow[] {
  return rows.map((row) => {
    const now = reading.found.get(row.id);
    const sent = row.outcome === 'sending' || row.outcome === 'deleted';
    let outcome: TargetOutcome;
    if (!now) outcome = sent ? 'deleted' : reading.covered ? 'gone' : 'unchecked';
    else if (now.code !== row.code) outcome = 'gone';
    else if (!isUnusedCode(now)) outcome = 'redeemed';
    else outcome = 'sending';
    return { ...row, outcome };
  });
}

/** What the pages under way share: how far pages moved, and the requests they have yet to send. */
export interface Rechecks {
  /** Pages others' deletes moved the chunks by, for the next chunk's first guess. */
  shift: number;
  /** Requests pages under way will still send (a reading, its deletes). */
  owed: number;
  /** Pages go on in the order they started (from the last): one waiting for room holds back the next. */
  turn: Promise<void>;
  /** Settles once every page started so far has taken the reading it deletes by. */
  read: Promise<void>;
}

export const newRechecks = (): Rechecks => ({
  shift: 0,
  owed: 0,
  turn: Promise.resolve(),
  read: Promise.resolve(),
});

/**
 * Waits until the store's quota window has room for a page's reading and its deletes beside
 * what the pages under way still owe: a DELETE that waited for the next window behind its
 * reading would stretch the moment between them to a whole window (up to 30 s). The first page
 * under way never waits (its reading then waits for a window that holds both). In turn: a lower
 * page overtaking a waiting one would delete codes before it and move it.
 */
function roomFor(d: PurgeDeps, shared: Rechecks, need: number, signal: AbortSignal) {
  const mine = shared.turn.then(async () => {
    while (shared.owed > 0) {
      const spendable = d.spendable?.() ?? null;
      const resetAt = d.quotaResetAt?.() ?? null;
      if (spendable === null || resetAt === null || spendable >= shared.owed + need) break;
      await timerSleep(Math.max(20, resetAt - Date.now()), signal);
    }
    shared.owed += need;
  });
  shared.turn = mine.catch(() => undefined);
  return mine;
}

/** What became of one page's codes, added to the checkpoint when the page is recorded done. */
export type PageCounts = Partial<Record<'deleted' | 'kept' | 'gone' | 'unchecked', number>>;

/**
 * One chunk of an unused purge (the targets of scan page `pageNo`): read again where it is now,
 * delete what is still unused, keep the rest; what became of its codes, counted.
 */
export async function recheckPage(
  d: PurgeDeps,
  pageNo: number,
  shared: Rechecks,
  signal: AbortSignal,
  deleteIds: (ids: number[]) => Promise<number>,
): Promise<PageCounts> {
  const cp = d.checkpoint;
  const ns = purgeSpools(d.jobId).targets;
  const rows = ((await d.spool.getChunk(ns, pageNo)) ?? []) as TargetRow[];
  if (rows.length === 0) return {};
  const deletes = Math.ceil(rows.length / cp.batchSize);
  await roomFor(d, shared, 1 + deletes, signal);
  let owed = 1 + deletes;
  // In the order pages started: this page deletes only once every page before it (higher) has
  // taken its reading, as a lower page's DELETE moves the higher pages' codes.
  const before = shared.read;
  let readDone = () => {};
  const mine = new Promise<void>((resolve) => (readDone = resolve));
  shared.read = before.then(() => mine);
  const earlier = { done: false };
  void before.then(() => (earlier.done = true));
  try {
    return await recheck(d, pageNo, rows, shared, signal, deleteIds, {
      sent() {
        shared.owed -= 1;
        owed = Math.max(0, owed - 1);
      },
      async ready() {
        if (earlier.done) return 0;
        const t0 = Date.now();
        await abortable(before, signal);
        return Date.now() - t0;
      },
      readDone: () => readDone(),
    });
  } finally {
    readDone();
    shared.owed -= owed;
  }
}

/** How a page's reading fits with the pages around it (recheckPage). */
interface Turns {
  /** Its reading has been sent (the quota it was owed is spent). */
  sent(): void;
  /** Waits until every earlier page has read; how long that took (ms). */
  ready(): Promise<number>;
  /** This page reads no more: later pages may delete. */
  readDone(): void;
}

async function recheck(
  d: PurgeDeps,
  pageNo: number,
  rows: TargetRow[],
  shared: Rechecks,
  signal: AbortSignal,
  deleteIds: (ids: number[]) => Promise<number>,
  turns: Turns,
): Promise<PageCounts> {
  const ns = purgeSpools(d.jobId).targets;
  const readAgain = () =>
    readWhereNow(rows, pageNo - shared.shift, (page) =>
      d.client.listCodes(d.promotionId, { limit: PAGE_SIZE, page }, signal),
    );
  let reading = await readAgain();
  turns.sent();
  // An earlier page still reading (a retried request) holds this DELETE back, lest it move that
  // page; held long, the reading is taken again, so that it is still just before the DELETE.
  if ((await turns.ready()) > HELD_TOO_LONG_MS) reading = await readAgain();
  turns.readDone();
  if (reading.covered) shared.shift = pageNo - reading.page;
  const decided = decide(rows, reading);
  await d.spool.putChunk(ns, pageNo, decided);
  const send = decided.filter((r) => r.outcome === 'sending').map((r) => r.id);
  const reported = send.length ? await deleteIds(send) : 0;
  const done = decided.map((r) =>
    r.outcome === 'sending' ? { ...r, outcome: 'deleted' as const } : r,
  );
  await d.spool.putChunk(ns, pageNo, done);
  const count = (o: TargetOutcome) => decided.filter((r) => r.outcome === o).length;
  return {
    deleted: reported + count('deleted'),
    kept: count('redeemed'),
    gone: count('gone'),
    unchecked: count('unchecked'),
  };
}
