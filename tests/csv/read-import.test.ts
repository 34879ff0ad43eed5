import { describe, expect, it } from 'vitest';
import { parseImportCsv, rejectImportCode } from '../../utils/csv/read-import';
import { sayError } from '../../utils/ui/say';

const codes = (text: string) => parseImportCsv(text).rows.map((r) => r.code);

describe('reading a file of codes to import', () => {
  it('takes a `code` column among others, or the only column; BOM, quotes, ; and mixed line endings', () => {
    expect(codes('\uFEFFname;code\r\nx;A1\ny;"A 2"\r\nz;A3\n')).toEqual(['A1', 'A 2', 'A3']);
    expect(codes('ONE\rTWO\r\nTHREE\n')).toEqual(['ONE', 'TWO', 'THREE']);
  });

  it('reads semicolon files with or without a BOM, their limits too; a quoted cell may hold a comma', () => {
    for (const bom of ['', '\uFEFF']) {
      const { rows, rejected } = parseImportCsv(
        `${bom}name;code;max_uses;max_uses_per_customer\r\n"Müller, Anna";A1;5;2\r\nx;B2;;\r\n`,
      );
      expect(rejected).toEqual([]);
      expect(rows.map((r) => [r.code, r.maxUses, r.maxUsesPerCustomer])).toEqual([
        ['A1', 5, 2],
        ['B2', null, null],
      ]);
    }
    // And commas, a quoted cell holding semicolons.
    expect(codes('name,code\n"a;b",A1\n')).toEqual(['A1']);
  });

  it('reads per-line limits, the form’s where a cell is empty', () => {
    const { rows } = parseImportCsv('code,max_uses,max_uses_per_customer\nA,5,2\nB,,\nC,0,\n');
    expect(rows.map((r) => [r.code, r.maxUses, r.maxUsesPerCustomer])).toEqual([
      ['A', 5, 2],
      ['B', null, null],
      ['C', 0, null],
    ]);
    // Headers as spreadsheets write them.
    expect(
      parseImportCsv('Code,Max uses,Max-Uses per customer\nD,4,1\n').rows.map((r) => [
        r.code,
        r.maxUses,
        r.maxUsesPerCustomer,
      ]),
    ).toEqual([['D', 4, 1]]);
  });

  it('rejects each unusable line with its reason and line number, and keeps going', () => {
    const text = [
      'code,max_uses',
      'GOOD-1,',
      `${'x'.repeat(51)},`,
      'bad!code,',
      '=HYPERLINK("http://x"),',
      'good-1,',
      ',3',
      'NUM,7.5',
      'LAST,',
    ].join('\n');
    const { rows, rejected } = parseImportCsv(text);
    expect(rows.map((r) => r.code)).toEqual(['GOOD-1', 'LAST']);
    expect(rejected.map((r) => [r.line, r.kind])).toEqual([
      [3, 'too-long'],
      [4, 'characters'],
      [5, 'formula'],
      [6, 'repeated'],
      [7, 'empty'],
      [8, 'uses'],
    ]);
    expect(sayError(rejected[0]!.reason)).toBe(
      'the code has 51 characters; codes may have at most 50',
    );
    expect(sayError(rejected[1]!.reason)).toMatch(
      /characters BigCommerce does not allow \(“!”\): only letters, digits, spaces, _ and -/,
    );
    expect(sayError(rejected[3]!.reason)).toMatch(
      /already on line 2 of the file \(codes that differ only in upper and lower case count as one/,
    );
    expect(sayError(rejected[5]!.reason)).toMatch(
      /max_uses is “7.5”: it must be a whole number from 0 \(unlimited\) to 100,000/,
    );
  });

  it('reads our own exports back: guarded cells are the codes they guard', () => {
    expect(codes("code\n'-ABC\nPLAIN\n")).toEqual(['-ABC', 'PLAIN']);
    expect(rejectImportCode('-ABC')).toBeNull();
  });

  it.each([
    ['empty', '', /empty/],
    ['binary', '\u0000\u0001PK\u0003\u0004'.repeat(100), /does not look like a CSV text file/],
    ['several columns, none named code', 'a,b\n1,2\n', /none is named "code"/],
  ])('a file that cannot be used as a whole: %s', (_, text, error) => {
    expect(sayError(parseImportCsv(text).error)).toMatch(error);
  });

  it('refuses more than 1,000,000 codes before anything is sent', () => {
    const lines = Array.from({ length: 1_000_001 }, (_, i) => `C${i}`).join('\n');
    const r = parseImportCsv(lines);
    expect(sayError(r.error)).toMatch(/more than 1,000,000 codes/);
    expect(r.rows).toEqual([]);
  });

  it('a quote never closed where it should be swallows the lines after it: the whole file is refused, naming the line', () => {
    expect(sayError(parseImportCsv('code\nA1\n"A2\nA3\nA4\n').error)).toBe(
      'Line 3 opens a quote that is not closed where it should be, so the 2 lines after it were read as part of it. Fix or remove the quotes on line 3 and choose the file again.',
    );
    expect(sayError(parseImportCsv('code\nA1\n"A2"x\nA3\n').error)).toMatch(
      /^Line 3 opens a quote .*the line after it was/,
    );
    // On the last line it takes nothing else in: that line alone is rejected.
    const last = parseImportCsv('code\nA1\nA2\n"A3');
    expect(last.error).toBeUndefined();
    expect(last.rows.map((r) => r.code)).toEqual(['A1', 'A2']);
    expect(last.rejected.map((r) => r.line)).toEqual([4]);
  });

  it('a huge cell is clipped in what is kept of it; a million lines that cannot be codes are not the right file', () => {
    const huge = parseImportCsv(`code\nOK\n${'x!'.repeat(500_000)}\n`);
    expect(huge.rejected[0]!.code).toHaveLength(101);
    expect(sayError(huge.rejected[0]!.reason)).toMatch(/has 1,000,000 characters/);
    const junk = parseImportCsv(`code\n${'=\n'.repeat(1_000_001)}`);
    expect(sayError(junk.error)).toMatch(
      /^More than 1,000,000 lines of the file cannot be codes \(the first: line 2, the cell looks like a spreadsheet formula/,
    );
    expect(junk.rejected).toEqual([]);
  });
});
