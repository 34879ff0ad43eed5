import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import {
  CSV_BOM,
  csvCell,
  csvRow,
  PLAIN_CSV,
  SPREADSHEET_CSV,
  type CsvSeparator,
  type CsvValue,
} from '../../utils/csv/write';
import { jobCsvParts, jobCsvRowCount, type JobCsvKind } from '../../utils/csv/job-csv';
import { FORMULA_TRIGGERS, unguardText } from '../../utils/csv/guard';

/** Strings rich in what CSV and spreadsheets care about, plus arbitrary Unicode. */
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      '\n',
      '"',
      ',',
      ';',
      "'",
      ' ',
      'A',
      '1',
      '\uFEFF',
      'é',
      '😀',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 20,
});
const rowsArb = fc.array(fc.array(tricky, { minLength: 1, maxLength: 6 }), {
  minLength: 1,
  maxLength: 30,
});

function parseBack(text: string, delimiter: CsvSeparator = ','): string[][] {
  expect(text.endsWith('\r\n')).toBe(true);
  // As in a real file, a BOM comes first (papaparse drops it, and only it, as Excel does);
  // the file ends with CRLF, after which papaparse would report one more empty row.
  const parsed = Papa.parse<string[]>(CSV_BOM + text.slice(0, -2), {
    delimiter,
    newline: '\r\n',
  });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const s of it) out.push(s);
  return out;
}

describe('csvCell', () => {
  it('leaves plain text alone', () => {
    expect(csvCell('ABC-123')).toBe('ABC-123');
    expect(csvCell('')).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('quotes commas, quotes, CR and LF, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('"a\nb"');
    expect(csvCell('a\rb')).toBe('"a\rb"');
    expect(csvCell('"')).toBe('""""');
  });

  it('guards text starting with a formula trigger', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('does not guard numbers passed as numbers', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(1.5)).toBe('1.5');
  });

  it('treats non-finite numbers as text', () => {
    expect(csvCell(-Infinity)).toBe("'-Infinity");
    expect(csvCell(NaN)).toBe('NaN');
  });

  it('adds one more apostrophe to text that already looks guarded, so reading it back is exact', () => {
    expect(csvCell("'=x")).toBe("''=x");
    expect(unguardText("''=x")).toBe("'=x");
    expect(csvCell("'quoted'")).toBe("'quoted'");
    expect(unguardText("'quoted'")).toBe("'quoted'");
  });

  it('does not guard a trigger that is not first', () => {
    expect(csvCell('A=B')).toBe('A=B');
    expect(csvCell(' =1')).toBe(' =1');
  });
});

describe('csvRow and row lines', () => {
  it('joins with commas and ends in CRLF', () => {
    expect(csvRow(['a', 1, null, 'b,c'])).toBe('a,1,,"b,c"\r\n');
  });

  it('with semicolons: joins with them, and quotes the cells that hold one (not those holding a comma)', () => {
    expect(csvRow(['a', 1, null, 'b,c', 'd;e'], ';')).toBe('a;1;;b,c;"d;e"\r\n');
    expect(csvCell('1;2', ';')).toBe('"1;2"');
    expect(csvCell('1,5', ';')).toBe('1,5');
    expect(csvCell('say "hi"', ';')).toBe('"say ""hi"""');
    expect(csvRow([''], ';')).toBe('""\r\n');
    // Commas as before: a semicolon needs no quotes there.
    expect(csvRow(['1;2', '1,5'])).toBe('1;2,"1,5"\r\n');
  });

  it('any cell round-trips through papaparse with either separator', () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom<CsvSeparator>(',', ';'), (rows, separator) => {
        const back = parseBack(rows.map((r) => csvRow(r, separator)).join(''), separator);
        expect(back.map((r) => r.map(unguardText))).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('writes a lone empty cell as "" so the line is not blank', () => {
    expect(csvRow([''])).toBe('""\r\n');
    expect(csvRow([null])).toBe('""\r\n');
    expect(csvRow(['', ''])).toBe(',\r\n');
  });
});

/** A job's spooled chunks, as the spool hands them out. */
const chunksOf = (...chunks: unknown[][]) =>
  (async function* () {
    for (const rows of chunks) yield { rows };
  })();

describe('job files (jobCsvParts)', () => {
  const row = {
    id: 7,
    code: '-ABC',
    current_uses: 2,
    max_uses: 10,
    max_uses_per_customer: 1,
    created: '2024-01-31T23:59:59Z',
  };

  /** A kind's columns, as its file's header line names them. */
  async function columnsOf(kind: JobCsvKind): Promise<string[]> {
    const [header] = await collect(jobCsvParts(kind, chunksOf()));
    expect(header!.startsWith(CSV_BOM) && header!.endsWith('\r\n')).toBe(true);
    return header!.slice(CSV_BOM.length, -2).split(',');
  }

  it('has the agreed column sets', async () => {
    expect(await columnsOf('export')).toEqual([
      'id',
      'code',
      'current_uses',
      'max_uses',
      'max_uses_per_customer',
      'created',
    ]);
    expect(await columnsOf('purge-backup')).toEqual(await columnsOf('export'));
    expect(await columnsOf('generated')).toEqual(['code', 'max_uses', 'max_uses_per_customer']);
    expect(await columnsOf('unattributed')).toEqual([
      'id',
      'code',
      'max_uses',
      'max_uses_per_customer',
      'created',
    ]);
  });

  it('writes each kind’s lines in column order, formulas guarded', async () => {
    expect((await collect(jobCsvParts('export', chunksOf([row])))).join('')).toBe(
      `${CSV_BOM}id,code,current_uses,max_uses,max_uses_per_customer,created\r\n7,'-ABC,2,10,1,2024-01-31T23:59:59Z\r\n`,
    );
    expect((await collect(jobCsvParts('unattributed', chunksOf([row]))))[1]).toBe(
      "7,'-ABC,10,1,2024-01-31T23:59:59Z\r\n",
    );
    expect(
      (
        await collect(
          jobCsvParts(
            'generated',
            chunksOf([{ code: 'X1', max_uses: 1, max_uses_per_customer: 0 }]),
          ),
        )
      )[1],
    ).toBe('X1,1,0\r\n');
  });

  it('yields BOM+header first, then one string per non-empty chunk; the unused filter drops rows and empty pieces', async () => {
    const used = { ...row, id: 8, code: 'USED' };
    const unused = { ...row, id: 9, code: 'FREE', current_uses: 0 };
    expect(
      await collect(
        jobCsvParts('export', chunksOf([unused, used], [], [used]), { unusedOnly: true }),
      ),
    ).toEqual([
      `${CSV_BOM}id,code,current_uses,max_uses,max_uses_per_customer,created\r\n`,
      '9,FREE,0,10,1,2024-01-31T23:59:59Z\r\n',
    ]);
    expect(await jobCsvRowCount(chunksOf([unused, used], [used]), true)).toBe(1);
    expect(await jobCsvRowCount(chunksOf([unused, used], [used]), false)).toBe(3);
  });

  it('spreadsheet-friendly: a BOM and semicolons, the same headers; plain: commas as always; a backup (read back to restore) always commas', async () => {
    const unused = { ...row, code: 'A;B', current_uses: 0 };
    const spreadsheet = await collect(
      jobCsvParts('export', chunksOf([unused]), { style: SPREADSHEET_CSV }),
    );
    expect(spreadsheet.join('')).toBe(
      `${CSV_BOM}id;code;current_uses;max_uses;max_uses_per_customer;created\r\n7;"A;B";0;10;1;2024-01-31T23:59:59Z\r\n`,
    );
    const plain = await collect(jobCsvParts('export', chunksOf([unused]), { style: PLAIN_CSV }));
    expect(plain.join('')).toBe(
      `${CSV_BOM}id,code,current_uses,max_uses,max_uses_per_customer,created\r\n7,A;B,0,10,1,2024-01-31T23:59:59Z\r\n`,
    );
    const backup = await collect(
      jobCsvParts('purge-backup', chunksOf([{ ...row, outcome: 'redeemed' }]), {
        outcomes: true,
        style: SPREADSHEET_CSV,
      }),
    );
    expect(backup[0]).toBe(
      `${CSV_BOM}id,code,current_uses,max_uses,max_uses_per_customer,created,outcome\r\n`,
    );
    expect(backup[1]).toBe("7,'-ABC,2,10,1,2024-01-31T23:59:59Z,kept: redeemed since the scan\r\n");
  });

  it('"For email tools": one column headed "Coupon Code", the codes only, plain commas and no BOM whatever the setting', async () => {
    const used = { ...row, id: 8, code: 'USED' };
    const unused = { ...row, id: 9, code: 'FREE 1', current_uses: 0 };
    for (const style of [PLAIN_CSV, SPREADSHEET_CSV]) {
      const parts = await collect(
        jobCsvParts('email', chunksOf([unused, used]), { unusedOnly: true, style }),
      );
      expect(parts.join('')).toBe('Coupon Code\r\nFREE 1\r\n');
    }
    const all = await collect(jobCsvParts('email', chunksOf([unused, used, row])));
    expect(all.join('')).toBe("Coupon Code\r\nFREE 1\r\nUSED\r\n'-ABC\r\n");
  });

  it('builds a 1,000,000-row file chunk by chunk', async () => {
    const chunkCount = 1000;
    let produced = 0;
    async function* gen() {
      for (let c = 0; c < chunkCount; c++) {
        const rows = [];
        for (let r = 0; r < 1000; r++)
          rows.push({ code: `CODE${c}-${r}`, max_uses: 1, max_uses_per_customer: 0 });
        produced++;
        yield { rows };
      }
    }
    let pieces = 0;
    let bytes = 0;
    let lines = 0;
    for await (const piece of jobCsvParts('generated', gen())) {
      // Pulled lazily: never more than one chunk ahead of the consumer.
      expect(produced).toBe(pieces);
      pieces++;
      bytes += piece.length;
      lines += piece.split('\r\n').length - 1;
    }
    expect(pieces).toBe(chunkCount + 1);
    expect(lines).toBe(1_000_001);
    expect(bytes).toBeGreaterThan(10_000_000);
  });
});

describe('properties', () => {
  it('rows written then parsed give the original cells back (after unguarding)', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const text = rows.map((r) => csvRow(r)).join('');
        const back = parseBack(text).map((r) => r.map(unguardText));
        expect(back).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });

  it('mixed numbers and text round-trip; numbers are never guarded', () => {
    const cell: fc.Arbitrary<CsvValue> = fc.oneof(
      tricky,
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 20 }),
        (rows) => {
          const back = parseBack(rows.map((r) => csvRow(r)).join(''));
          rows.forEach((row, i) =>
            row.forEach((value, j) => {
              const got = back[i]?.[j];
              if (typeof value === 'number') expect(got).toBe(String(value));
              else expect(unguardText(got ?? '')).toBe(value);
            }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('no text cell read back starts with a formula trigger', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        for (const row of parseBack(rows.map((r) => csvRow(r)).join(''))) {
          for (const cell of row) expect(FORMULA_TRIGGERS.includes(cell.charAt(0))).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a file has the BOM exactly once, at the start', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(tricky, { maxLength: 8 }), { maxLength: 5 }),
        async (chunks) => {
          const rows = chunks.map((codes) =>
            codes.map((code) => ({ code, max_uses: 1, max_uses_per_customer: 1 })),
          );
          const text = (await collect(jobCsvParts('generated', chunksOf(...rows)))).join('');
          expect(text.startsWith(CSV_BOM)).toBe(true);
          // Cells may hold U+FEFF themselves; count the ones the writer added.
          const inCells = chunks.flat().join('').split(CSV_BOM).length - 1;
          expect(text.split(CSV_BOM).length - 1).toBe(1 + inCells);
        },
      ),
      { numRuns: 200 },
    );
  });
});
