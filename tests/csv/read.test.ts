import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_SKIPPED_DETAILS, parseCodesCsv } from '../../utils/csv/read';
import { sayError } from '../../utils/ui/say';
import { MAX_JOB_CODES } from '../../utils/vocabulary';
import type { SkippedLine } from '../../utils/csv/read';

/** A skipped line as the page shows it (in English here). */
const worded = (s: SkippedLine) => ({ line: s.line, reason: sayError(s.reason) });
import { jobCsvParts } from '../../utils/csv/job-csv';
import { SPREADSHEET_CSV } from '../../utils/csv/write';

/** Rows as the one chunk a spool would hand out. */
async function* oneChunk(rows: unknown[]) {
  yield { rows };
}

describe('parseCodesCsv: accepted shapes', () => {
  it('reads a header with a code column', () => {
    expect(parseCodesCsv('code\nA1\nB2\n')).toEqual({
      codes: ['A1', 'B2'],
      skipped: [],
      skippedCount: 0,
    });
  });

  it('finds the code column in any case and position, trimming', () => {
    const r = parseCodesCsv('id, Code ,uses\n1, A1 ,0\n2,B2,3\n');
    expect(r.codes).toEqual(['A1', 'B2']);
    expect(r.error).toBeUndefined();
  });

  it.each([
    ['comma', 'id,code\r\n1,A1\r\n2,B2\r\n'],
    ['semicolon', 'id;code\r\n1;A1\r\n2;B2\r\n'],
    ['tab', 'id\tcode\n1\tA1\n2\tB2\n'],
    ['BOM and CRLF', '\uFEFFcode;n\r\nA1;1\r\nB2;2'],
    ['quoted cells', '"id","code"\n"1","A1"\n"2","B2"\n'],
    ['mixed line endings', 'code\r\nA1\nB2\r'],
    ['old Mac CR', 'code\rA1\rB2\r'],
    ['blank lines before a semicolon header', '\n\n id;code\n1;A1\n\n2;B2\n\n'],
    ['an alias header with semicolons', 'coupon_code;uses\nA1;1\nB2;2'],
  ])('reads %s', (_name, text) => {
    const r = parseCodesCsv(text);
    expect(r.codes).toEqual(['A1', 'B2']);
    expect(r.error).toBeUndefined();
  });

  it('reads one code per line without a header', () => {
    expect(parseCodesCsv('A1\nB2\n\nC3').codes).toEqual(['A1', 'B2', 'C3']);
  });

  it('accepts common header aliases', () => {
    expect(parseCodesCsv('Coupon Code,Uses\nA1,1\n').codes).toEqual(['A1']);
  });

  it('prefers a column named exactly code over an alias', () => {
    expect(parseCodesCsv('coupon,code\nX,A1\n').codes).toEqual(['A1']);
  });

  it('deduplicates, keeping the first occurrence order', () => {
    expect(parseCodesCsv('code\nB\nA\nB\nC\nA\n').codes).toEqual(['B', 'A', 'C']);
  });

  it('tolerates Excel padding rows and trailing empty cells', () => {
    const r = parseCodesCsv('code,,\nA1,,\n,,\nB2,,\n');
    expect(r.codes).toEqual(['A1', 'B2']);
    expect(r.skipped).toEqual([]);
  });

  it('reads quoted cells holding the delimiter of the file (a code holding it is refused: no code can)', () => {
    const r = parseCodesCsv('code;n\n"A;1";1\n"B 2";"x;y"\n');
    expect(r.codes).toEqual(['B 2']);
    expect(r.skipped.map((s) => s.line)).toEqual([2]);
  });

  it('reads our own export back, unguarding codes', async () => {
    const rows = [
      { id: 1, code: '-ABC', current_uses: 0, max_uses: 1, max_uses_per_customer: 1, created: 'x' },
      { id: 2, code: '-', current_uses: 0, max_uses: 1, max_uses_per_customer: 1, created: 'x' },
      {
        id: 3,
        code: 'PLAIN',
        current_uses: 0,
        max_uses: 1,
        max_uses_per_customer: 1,
        created: 'x',
      },
      {
        id: 4,
        code: '-1 2_x',
        current_uses: 0,
        max_uses: 1,
        max_uses_per_customer: 1,
        created: 'x',
      },
      {
        id: 5,
        code: 'lower case',
        current_uses: 0,
        max_uses: 1,
        max_uses_per_customer: 1,
        created: 'x',
      },
    ];
    let text = '';
    for await (const piece of jobCsvParts('export', oneChunk(rows))) text += piece;
    expect(parseCodesCsv(text).codes).toEqual(rows.map((r) => r.code));
  });
});

describe('parseCodesCsv: either separator, as spreadsheets in any language save', () => {
  it.each([
    ['semicolons without a BOM', 'code;note\r\nA1;"x, y"\r\nB2;"1,5"\r\n'],
    ['semicolons with a BOM', '\uFEFFcode;note\r\nA1;"x, y"\r\nB2;"1,5"\r\n'],
    ['semicolons, the header quoted and holding a comma', '"code";"a,b"\nA1;"x,y"\nB2;z\n'],
    ['commas, cells holding semicolons', 'code,note\nA1,"x; y"\nB2,"a;b;c"\n'],
    ['commas with a BOM, a cell holding a semicolon first', '\uFEFFnote,code\n"a;b",A1\nc,B2\n'],
    ['tabs, cells holding both', 'code\tnote\nA1\t"x;y,z"\nB2\t,\n'],
    [
      'one column of codes under "Coupon Code" (our file for email tools)',
      'Coupon Code\r\nA1\r\nB2\r\n',
    ],
  ])('reads %s', (_name, text) => {
    const r = parseCodesCsv(text);
    expect(r.error).toBeUndefined();
    expect(r.codes).toEqual(['A1', 'B2']);
    expect(r.skippedCount).toBe(0);
  });

  it('reads back our own spreadsheet-friendly file (semicolons and a BOM)', async () => {
    const rows = [
      {
        id: 1,
        code: 'A-1',
        current_uses: 0,
        max_uses: 1,
        max_uses_per_customer: 1,
        created: 'x;y',
      },
      {
        id: 2,
        code: 'B 2',
        current_uses: 1,
        max_uses: 0,
        max_uses_per_customer: 0,
        created: 'x,y',
      },
    ];
    let text = '';
    for await (const piece of jobCsvParts('export', oneChunk(rows), { style: SPREADSHEET_CSV }))
      text += piece;
    expect(text.startsWith('\uFEFFid;code;')).toBe(true);
    expect(parseCodesCsv(text).codes).toEqual(['A-1', 'B 2']);
  });
});

describe('parseCodesCsv: bad input', () => {
  it.each([
    ['empty', ''],
    ['blank', '  \n\r\n \n'],
    ['BOM only', '\uFEFF'],
  ])('rejects a file that is %s', (_name, text) => {
    expect(parseCodesCsv(text)).toEqual({
      codes: [],
      skipped: [],
      skippedCount: 0,
      error: expect.objectContaining({ key: 'csvErrors.empty' }),
    });
  });

  it('rejects several columns with none named code, naming them', () => {
    const r = parseCodesCsv('id,name,uses\n1,A,0\n');
    expect(r.codes).toEqual([]);
    expect(sayError(r.error)).toMatch(/none is named "code"/);
    expect(sayError(r.error)).toContain('"name"');
  });

  it('rejects binary junk', () => {
    const junk =
      'PK\u0003\u0004\u0000\u0000\u0014\u0000\u0006\u0000\u0008\u0000\u0000\u0000!\u0000';
    expect(sayError(parseCodesCsv(junk).error)).toMatch(/does not look like a CSV/);
    const decoded = Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? '\uFFFD' : 'x')).join('');
    expect(sayError(parseCodesCsv(decoded).error)).toMatch(/does not look like a CSV/);
  });

  it('rejects a UTF-16 file read as UTF-8', () => {
    const utf16 = Array.from('code\nA1\n', (c) => `${c}\u0000`).join('');
    expect(sayError(parseCodesCsv(utf16).error)).toMatch(/CSV UTF-8/);
  });

  it('skips a code over 50 characters with its line number', () => {
    const r = parseCodesCsv(`code\nA1\n${'X'.repeat(51)}\nB2\n`);
    expect(r.codes).toEqual(['A1', 'B2']);
    expect(r.skipped.map(worded)).toEqual([
      { line: 3, reason: 'the code is longer than 50 characters' },
    ]);
    expect(r.skippedCount).toBe(1);
  });

  it('accepts a code of exactly 50 characters', () => {
    expect(parseCodesCsv(`code\n${'X'.repeat(50)}\n`).codes).toEqual(['X'.repeat(50)]);
  });

  it('skips lines with an empty code cell, counting lines across quoted line breaks', () => {
    const r = parseCodesCsv('code,note\nA1,"two\nlines"\n,orphan note\nB2,x\n');
    expect(r.codes).toEqual(['A1', 'B2']);
    expect(r.skipped.map(worded)).toEqual([{ line: 4, reason: 'the code cell is empty' }]);
  });

  it('counts blank lines in line numbers', () => {
    const r = parseCodesCsv(`code\n\n\nA1\n\n${'Y'.repeat(60)}\n`);
    expect(r.skipped.map(worded)).toEqual([
      { line: 6, reason: 'the code is longer than 50 characters' },
    ]);
  });

  it('skips a headerless line with several values', () => {
    const r = parseCodesCsv('A1\nB2,C3\nD4\n');
    expect(r.codes).toEqual(['A1', 'D4']);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0]?.line).toBe(2);
  });

  it('refuses a file whose quote, never closed, swallows the lines after it (they would go undeleted unseen); on the last line it is skipped', () => {
    const r = parseCodesCsv('code\nA1\n"B2\nC3\n');
    expect(r.codes).toEqual([]);
    expect(sayError(r.error)).toMatch(
      /^Line 3 opens a quote that is not closed where it should be, so the line after it was read as part of it/,
    );
    const last = parseCodesCsv('code\nA1\n"B2');
    expect(last.codes).toEqual(['A1']);
    expect(last.skipped[0]?.line).toBe(3);
    expect(sayError(last.skipped[0]!.reason)).toMatch(/never closed/);
  });

  it('refuses a line holding a character outside the code alphabet, with its line number (ß, ﬁ, ſ fold into A–Z elsewhere)', () => {
    const r = parseCodesCsv('code\nstraße10\nﬁnal-1\nſale\nKEEP-1\n');
    expect(r.codes).toEqual(['KEEP-1']);
    expect(r.skipped.map((s) => s.line)).toEqual([2, 3, 4]);
    expect(sayError(r.skipped[0]!.reason)).toMatch(/characters BigCommerce does not allow \(“ß”\)/);
    expect(r.skippedCount).toBe(3);
  });

  it('skips codes with control characters', () => {
    const r = parseCodesCsv('code\nA\u0007B\nC1\n');
    expect(r.codes).toEqual(['C1']);
    expect(sayError(r.skipped[0]!.reason)).toMatch(/characters/);
  });

  it('says so when a header has no codes under it', () => {
    const r = parseCodesCsv('code\n\n');
    expect(r.codes).toEqual([]);
    expect(sayError(r.error)).toMatch(/no usable codes/);
  });

  it('keeps at most MAX_SKIPPED_DETAILS details but counts them all', () => {
    const long = 'Z'.repeat(51);
    const text = `code\nOK\n${Array.from({ length: MAX_SKIPPED_DETAILS + 500 }, () => long).join('\n')}`;
    const r = parseCodesCsv(text);
    expect(r.codes).toEqual(['OK']);
    expect(r.skipped).toHaveLength(MAX_SKIPPED_DETAILS);
    expect(r.skippedCount).toBe(MAX_SKIPPED_DETAILS + 500);
  });

  it('accepts 1,000,000 codes and rejects one more', () => {
    const lines = Array.from({ length: MAX_JOB_CODES }, (_, i) => `C${i}`);
    const ok = parseCodesCsv(`code\n${lines.join('\n')}\n`);
    expect(ok.error).toBeUndefined();
    expect(ok.codes).toHaveLength(MAX_JOB_CODES);
    const tooMany = parseCodesCsv(`code\n${lines.join('\n')}\nONE-MORE\n`);
    expect(tooMany.codes).toEqual([]);
    expect(sayError(tooMany.error)).toMatch(/more than 1,000,000 codes/);
  });

  it('duplicates do not count towards the limit', () => {
    const text = `code\n${Array.from({ length: MAX_JOB_CODES + 10 }, (_, i) => `C${i % 10}`).join('\n')}`;
    expect(parseCodesCsv(text).codes).toHaveLength(10);
  });
});

describe('parseCodesCsv: properties', () => {
  const code = fc.string({
    // What a store can hold: our exports guard the ones a spreadsheet would take for a formula.
    unit: fc.constantFrom(...'ABCXYZ0189-_ '.split('')),
    minLength: 1,
    maxLength: 50,
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const r = parseCodesCsv(text);
        expect(Array.isArray(r.codes)).toBe(true);
        expect(r.skipped.every((s) => Number.isInteger(s.line) && s.line >= 1)).toBe(true);
        if (r.error) expect(r.codes).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('codes we export are read back exactly, deduplicated in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(code, { minLength: 1, maxLength: 40 }), async (codes) => {
        // Trimmed because the reader trims cells (codes never start or end with spaces).
        const clean = codes.map((c) => c.trim()).filter((c) => c !== '');
        fc.pre(clean.length > 0);
        const rows = clean.map((c, i) => ({
          id: i + 1,
          code: c,
          current_uses: 0,
          max_uses: 1,
          max_uses_per_customer: 1,
          created: '2024-01-01',
        }));
        let text = '';
        for await (const piece of jobCsvParts('export', oneChunk(rows))) text += piece;
        const r = parseCodesCsv(text);
        expect(r.error).toBeUndefined();
        expect(r.codes).toEqual([...new Set(clean)]);
      }),
      { numRuns: 300 },
    );
  });
});
