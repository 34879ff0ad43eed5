/** Reading every code of a promotion, exactly once: by pages checked against each other, else by cursor. */
import type { CodePage } from '../api/client';
import { ApiError } from '../api/errors';
import type { CouponCode } from '../api/schemas';
import { range, runPool } from './pool';
import { checkAscending, isAscending, walkCursor } from './cursor-walk';
import type { ScanCheckpoint, ScanDeps } from './scan-checkpoint';
import { PAGE_SIZE } from '../vocabulary';

/**
 * Reads every code of a promotion into the spool, exactly once each, in id order.
 * Fast path: the first page tells the total, then the remaining pages are read in
 * parallel by offset and verified (full pages, ascending ids across page boundaries,
 * and an unchanged total at the end). Any doubt falls back to the cursor walk, which
 * is slower but exact by construction.
 */
export async function scanPromotion(d: ScanDeps): Promise<{ total: number }> {
  const cp = d.checkpoint;
  let done = await d.spool.rowCount(d.ns);
  let firstPageNow = false;

  // Pages 2.. asked for alongside the first, before the total is known (see firstWave).
  let ahead = new Map<number, CodePage>();
  if (cp.mode === null) {
    firstPageNow = true;
    cp.firstReadAt = (d.now ?? Date.now)();
    const wave = firstWave(d);
    let first: CodePage;
    try {
      first = await d.client.listCodes(d.promotionId, { limit: PAGE_SIZE }, d.signal);
    } finally {
      ahead = await wave; // never leave a request running behind the caller
    }
    checkAscending(first.codes, null);
    await d.spool.putChunk(d.ns, 1, first.codes);
    done = first.codes.length;
    Object.assign(cp, {
      total: first.total,
      totalPages: first.totalPages,
      mode: first.total == null || first.totalPages == null ? 'cursor' : 'pages',
      nextCursor: first.nextCursor,
      cursorChunk: 1,
      cursorDone: first.nextCursor == null,
    });
    if (cp.mode === 'pages' && !consistentFirstPage(first)) {
      cp.mode = 'cursor';
      cp.fallbackReason = 'first page disagrees with its totals';
    }
    await d.save(cp);
    d.onProgress(done, cp.total);
  }

  if (cp.mode === 'pages') {
    const problem = await readPages(
      d,
      cp,
      firstPageNow,
      ahead,
      () => done,
      (n) => (done += n),
    );
    if (problem === null) return { total: done };
    // Start over along the cursor: nothing from the offset reads is trusted.
    await d.spool.clear(d.ns);
    done = 0;
    Object.assign(cp, {
      mode: 'cursor',
      nextCursor: null,
      cursorChunk: 0,
      cursorDone: false,
      fallbackReason: problem,
    });
    await d.save(cp);
    d.onProgress(0, cp.total);
  }

  await walkCursor(d, cp, (n) => (done += n));
  return { total: done };
}

async function readPages(
  d: ScanDeps,
  cp: ScanCheckpoint,
  firstPageNow: boolean,
  ahead: Map<number, CodePage>,
  getDone: () => number,
  add: (n: number) => void,
): Promise<string | null> {
  const total = cp.total!;
  const totalPages = cp.totalPages!;
  const expectedLength = (page: number) =>
    total === 0 ? 0 : page < totalPages ? PAGE_SIZE : total - PAGE_SIZE * (totalPages - 1);
  const have = new Set(await d.spool.chunkNumbers(d.ns));
  const pending = range(1, totalPages).filter((p) => !have.has(p));
  // First and last id of every page, kept as pages arrive, so the boundaries are checked
  // without reading a million rows back (two numbers a page).
  const firstId = new Float64Array(totalPages + 1).fill(NaN);
  const lastId = new Float64Array(totalPages + 1).fill(NaN);
  const note = (page: number, codes: CouponCode[]) => {
    if (!codes.length) return;
    firstId[page] = codes[0]!.id;
    lastId[page] = codes[codes.length - 1]!.id;
  };
  // Every page answer carries the store's total, checked against the first page's. If every
  // answer read in this run had one, the last of them (answered after all the others) shows
  // no code came or went while we read: a final count would only repeat it.
  let everyPageToldTotal = pending.length > 0 || firstPageNow;
  let problem: string | null = null;

  /**
   * Checks one page's answer and spools it; sets `problem` instead when it cannot be trusted.
   * Not async, so nothing holds the page while its write is awaited (the spool copies the rows
   * when the write starts): a page's rows die young, which keeps the worker's heap low.
   */
  const accept = (page: number, res: CodePage): Promise<void> | undefined => {
    if (res.total === null) everyPageToldTotal = false;
    if (res.total !== null && res.total !== total)
      problem = `the code count changed during the export (${total} → ${res.total})`;
    else if (res.codes.length !== expectedLength(page))
      problem = `page ${page} held ${res.codes.length} codes, expected ${expectedLength(page)}`;
    else if (!isAscending(res.codes)) problem = `page ${page} is not in id order`;
    if (problem) return;
    const n = res.codes.length;
    note(page, res.codes);
    return d.spool.putChunk(d.ns, page, res.codes).then(() => {
      add(n);
      d.onProgress(getDone(), total);
    });
  };

  // The first wave's pages: past the end they must be empty (else the count changed).
  const toRead: number[] = [];
  for (const page of pending) {
    const res = ahead.get(page);
    if (res && !problem) await accept(page, res);
    else toRead.push(page);
  }
  for (const [page, res] of ahead) {
    if (page > totalPages && (res.codes.length > 0 || (res.total !== null && res.total !== total)))
      problem ??= `the code count changed during the export (page ${page} is past the end yet held codes)`;
  }
  if (problem) return problem;

  await runPool(
    toRead,
    d.workers,
    async (page, signal) => {
      if (problem) return;
      await accept(
        page,
        await d.client.listCodes(d.promotionId, { limit: PAGE_SIZE, page }, signal),
      );
    },
    d.signal,
  );
  if (problem) return problem;

  // Pages spooled before a restart: their boundaries (and sizes) come from the spool.
  for (const page of have) {
    // (An empty promotion still has its first page, empty.)
    if (page < 1 || page > Math.max(1, totalPages))
      return `page ${page} is not part of the promotion's ${totalPages} pages`;
    const rows = ((await d.spool.getChunk(d.ns, page)) ?? []) as CouponCode[];
    if (rows.length !== expectedLength(page))
      return `page ${page} held ${rows.length} codes, expected ${expectedLength(page)}`;
    note(page, rows);
  }
  // Page boundaries must ascend too: a code inserted or removed mid-read shifts offsets.
  for (let page = 2; page <= totalPages; page++) {
    if (!(firstId[page]! > lastId[page - 1]!)) return `pages ${page - 1} and ${page} overlap`;
  }
  if (everyPageToldTotal) return null;
  const after = await d.client.codeCount(d.promotionId, d.signal);
  if (after !== total) return `the code count changed during the export (${total} → ${after})`;
  return null;
}

/**
 * Pages 2..workers, asked for together with the first page instead of after it: one round
 * trip less on every scan, and the whole first round of a big one. Whatever fails or is
 * past the end is simply not used (pages still missing are read later, checked as usual);
 * a small promotion costs at most workers - 1 extra requests, all answered with an empty page.
 */
async function firstWave(d: ScanDeps): Promise<Map<number, CodePage>> {
  const pages = range(2, d.workers);
  const answers = await Promise.allSettled(
    pages.map((page) => d.client.listCodes(d.promotionId, { limit: PAGE_SIZE, page }, d.signal)),
  );
  const out = new Map<number, CodePage>();
  answers.forEach((a, i) => {
    if (a.status === 'fulfilled') out.set(pages[i]!, a.value);
  });
  return out;
}

function consistentFirstPage(p: CodePage): boolean {
  if (p.total == null || p.totalPages == null) return false;
  return (
    p.totalPages === Math.ceil(p.total / PAGE_SIZE) &&
    p.codes.length === Math.min(PAGE_SIZE, p.total)
  );
}
