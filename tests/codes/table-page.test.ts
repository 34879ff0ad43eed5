import { describe, expect, test } from 'vitest';
import {
  MAX_API_PAGES,
  readTablePage,
  type TablePage,
  type TableStart,
} from '@/utils/codes/table-page';

/** A promotion of `n` codes, every third one used, read 250 a page by cursor ("c{offset}"). */
function promotion(n: number, used = (i: number) => i % 3 === 0) {
  const codes = Array.from({ length: n }, (_, i) => ({
    code: `C${i}`,
    current_uses: used(i) ? 1 : 0,
  }));
  const reads: Array<string | null> = [];
  const read = async (after: string | null) => {
    reads.push(after);
    const from = after === null ? 0 : Number(after.slice(1));
    const page = codes.slice(from, from + 250);
    return { codes: page, nextCursor: from + 250 < n ? `c${from + 250}` : null };
  };
  return { codes, read, reads };
}

describe('readTablePage', () => {
  test('all: 50 rows from one API page, the next start inside it, five table pages per API page', async () => {
    const p = promotion(100_000);
    let start: TableStart | null = { after: null, skip: 0 };
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      const page: TablePage<{ code: string; current_uses: number }> = await readTablePage(
        p.read,
        start!,
        'all',
      );
      expect(page.rows).toHaveLength(50);
      expect(page.reads).toBe(1);
      seen.push(...page.rows.map((c) => c.code));
      start = page.next;
    }
    expect(seen).toEqual(p.codes.slice(0, 300).map((c) => c.code));
    expect(start).toEqual({ after: 'c250', skip: 50 });
    // Six table pages read six API pages (the first one five times), not the promotion's 400.
    expect(p.reads).toHaveLength(6);
  });

  test('used and unused: API pages only as far as needed; rows in order, none twice', async () => {
    const p = promotion(1000);
    const used = await readTablePage(p.read, { after: null, skip: 0 }, 'used');
    expect(used.rows.map((c) => c.code)).toEqual(
      p.codes
        .filter((_, i) => i % 3 === 0)
        .slice(0, 50)
        .map((c) => c.code),
    );
    expect(used.reads).toBe(1);
    // A filter matching rarely reads on into the next API pages.
    const rare = promotion(1000, (i) => i % 100 === 0);
    const page = await readTablePage(rare.read, { after: null, skip: 0 }, 'used');
    expect(page.rows.map((c) => c.code)).toEqual([
      'C0',
      'C100',
      'C200',
      'C300',
      'C400',
      'C500',
      'C600',
      'C700',
      'C800',
      'C900',
    ]);
    expect([page.reads, page.next]).toEqual([4, null]);
  });

  test('the last page ends with no next start; an empty promotion gives no rows', async () => {
    const p = promotion(120);
    const page = await readTablePage(p.read, { after: null, skip: 100 }, 'all');
    expect([page.rows.length, page.next]).toEqual([20, null]);
    expect(
      (await readTablePage(promotion(0).read, { after: null, skip: 0 }, 'unused')).rows,
    ).toEqual([]);
  });

  test('a filter that matches nothing stops after MAX_API_PAGES, with where to go on', async () => {
    const p = promotion(100_000, () => false);
    const page = await readTablePage(p.read, { after: null, skip: 0 }, 'used');
    expect(page.rows).toEqual([]);
    expect(page.cutShort).toBe(true);
    expect(page.reads).toBe(MAX_API_PAGES);
    expect(page.next).toEqual({ after: `c${MAX_API_PAGES * 250}`, skip: 0 });
  });
});
