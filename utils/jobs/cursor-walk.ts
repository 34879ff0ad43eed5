/**
 * The sequential cursor walk over a promotion's codes: slower than reading pages by offset, but
 * exact by construction. Guarded against an API that loops or never ends.
 */
import { MAX_SANE_TOTAL, type CodePage } from '../api/client';
import { ApiError } from '../api/errors';
import type { CouponCode } from '../api/schemas';
import type { ScanCheckpoint, ScanDeps } from './scan-checkpoint';
import { PAGE_SIZE } from '../vocabulary';
import { said } from '../vocabulary';

export async function walkCursor(
  d: ScanDeps,
  cp: ScanCheckpoint,
  add: (n: number) => void,
): Promise<void> {
  // The last id already spooled, so a resumed walk keeps checking id order.
  let lastId: number | null = null;
  if (cp.cursorChunk > 0) {
    const rows = (await d.spool.getChunk(d.ns, cp.cursorChunk)) as CouponCode[] | null;
    lastId = rows?.length ? rows[rows.length - 1]!.id : null;
  }
  const seen = new Set<string>();
  let done = await d.spool.rowCount(d.ns);
  while (!cp.cursorDone) {
    if (cp.nextCursor !== null) {
      // A cursor handed back twice would loop forever: a broken API or proxy.
      if (seen.has(cp.nextCursor)) throw new ApiError('bad-response', said('errors.cursorTwice'));
      seen.add(cp.nextCursor);
    }
    // Nor may fresh cursors lead on for ever: no more pages than the count allows, with room
    // for codes added while we read.
    if (cp.cursorChunk >= maxCursorPages(cp.total))
      throw new ApiError('bad-response', said('errors.tooManyPages', [cp.cursorChunk]));
    const page: CodePage = await d.client.listCodes(
      d.promotionId,
      cp.nextCursor === null ? { limit: PAGE_SIZE } : { limit: PAGE_SIZE, after: cp.nextCursor },
      d.signal,
    );
    checkAscending(page.codes, lastId);
    if (page.codes.length) lastId = page.codes[page.codes.length - 1]!.id;
    if (cp.nextCursor === null && page.total !== null) cp.total = page.total;
    cp.cursorChunk += 1;
    await d.spool.putChunk(d.ns, cp.cursorChunk, page.codes);
    add(page.codes.length);
    done += page.codes.length;
    cp.nextCursor = page.nextCursor;
    cp.cursorDone = page.nextCursor === null || page.codes.length === 0;
    await d.save(cp);
    d.onProgress(done, cp.total);
  }
}

/** Pages a cursor walk may read: the count's pages plus a tenth and ten more (the whole sane range when the count is unknown). */
export function maxCursorPages(total: number | null): number {
  const pages = Math.ceil(Math.min(total ?? MAX_SANE_TOTAL, MAX_SANE_TOTAL) / PAGE_SIZE);
  return pages + Math.ceil(pages / 10) + 10;
}

export function isAscending(codes: CouponCode[]): boolean {
  for (let i = 1; i < codes.length; i++) if (codes[i]!.id <= codes[i - 1]!.id) return false;
  return true;
}

export function checkAscending(codes: CouponCode[], after: number | null) {
  if (!isAscending(codes) || (after !== null && codes.length && codes[0]!.id <= after))
    throw new ApiError('bad-response', said('errors.outOfOrder'));
}
