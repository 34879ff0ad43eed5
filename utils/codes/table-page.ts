/**
 * One page of the manager's "Codes" table, read from the API a page at a time. The list API has
 * only cursors (and offset pages) and no used/unused filter, so a table page starts at a cursor
 * plus the rows of that API page to skip, and API pages are read only until the table page is
 * full. Pure: the background hands in how to read one API page.
 */
import { isUnusedCode } from '../vocabulary';

export type CodesShown = 'all' | 'unused' | 'used';

/** Where a table page starts: the cursor of an API page (null: the first) and rows to skip in it. */
export interface TableStart {
  after: string | null;
  skip: number;
}

export const TABLE_ROWS = 50;
/** API pages read at most for one table page (a filter that matches little stops here; Next goes on). */
export const MAX_API_PAGES = 20;

export interface TablePage<C> {
  rows: C[];
  /** Where the next table page starts; null after the promotion's last code. */
  next: TableStart | null;
  /** API pages read for this table page. */
  reads: number;
  /** The page stopped at MAX_API_PAGES before it was full (more may match further on). */
  cutShort: boolean;
}

export const shows = (show: CodesShown, code: { current_uses: number }): boolean =>
  show === 'all' || (show === 'unused') === isUnusedCode(code);

export async function readTablePage<C extends { current_uses: number }>(
  read: (after: string | null) => Promise<{ codes: C[]; nextCursor: string | null }>,
  start: TableStart,
  show: CodesShown,
  rows = TABLE_ROWS,
): Promise<TablePage<C>> {
  const out: C[] = [];
  let after = start.after;
  let skip = start.skip;
  for (let reads = 1; ; reads++) {
    const page = await read(after);
    for (let i = skip; i < page.codes.length; i++) {
      if (!shows(show, page.codes[i]!)) continue;
      out.push(page.codes[i]!);
      if (out.length === rows) {
        const next =
          i + 1 < page.codes.length
            ? { after, skip: i + 1 }
            : page.nextCursor
              ? { after: page.nextCursor, skip: 0 }
              : null;
        return { rows: out, next, reads, cutShort: false };
      }
    }
    if (!page.nextCursor) return { rows: out, next: null, reads, cutShort: false };
    after = page.nextCursor;
    skip = 0;
    if (reads >= MAX_API_PAGES)
      return { rows: out, next: { after, skip: 0 }, reads, cutShort: true };
  }
}
