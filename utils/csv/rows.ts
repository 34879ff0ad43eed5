/**
 * Walking a merchant's CSV of codes row by row, as Excel, a text editor or our own exports make
 * it: a BOM, `,` `;` or tab separated, mixed line endings, quoted cells, a header naming the code
 * column (and maybe others) or one code per line. Each usable row comes with the line the
 * merchant's editor shows it on; what cannot be used is said in plain words, never thrown.
 */
import Papa from 'papaparse';
import { unguardText } from './guard';
import { said, type Said } from '../vocabulary';

/** A line whose code cell is empty: skipped, and an import counts it among the empty ones. */
export const EMPTY_CELL = said('lineReasons.emptyCell');

/** Header names taken to mean "the codes are in this column" (compared trimmed, lowercase). */
const CODE_HEADERS = [
  'code',
  'codes',
  'coupon',
  'coupon code',
  'coupon_code',
  'coupon-code',
  'coupon codes',
];
const DELIMITERS = [',', ';', '\t'];

// Characters no coupon code holds: C0/C1 controls and U+FFFD (what a decoder leaves of bytes
// that were not UTF-8).
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS_GLOBAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/g;

/** One row of codes: the code (trimmed, our own formula guard undone) and the named extra cells. */
export interface CodeRow {
  line: number;
  code: string;
  extra: Record<string, string>;
}

export interface WalkHandlers {
  /** A usable row; return false to stop reading. */
  row(r: CodeRow): boolean | void;
  /** A line that held something but no usable row; return false to stop reading. */
  skip(line: number, reason: Said): boolean | void;
}

/**
 * A spreadsheet or a file saved as UTF-16 decoded as UTF-8 is full of NULs and replacement
 * characters; a little noise in a real CSV is handled line by line instead.
 */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65_536);
  if (sample.includes('\u0000')) return true;
  const bad = sample.match(CONTROL_CHARS_GLOBAL)?.length ?? 0;
  return bad > 8 && bad / sample.length > 0.02;
}

function isCodeHeader(cell: string): boolean {
  return CODE_HEADERS.includes(cell.trim().toLowerCase());
}

/**
 * The file's delimiter. A header naming the code column settles it; otherwise papaparse's
 * guess over the first rows, blank ones ignored (a trailing blank line would otherwise tip
 * its vote towards "one column"). A single column guesses nothing and falls back to ','.
 */
function detectDelimiter(body: string): string {
  const head = body.slice(0, 65_536);
  for (const delimiter of DELIMITERS) {
    // preview counts blank rows too, so look a few rows deep for the first real one.
    const rows = Papa.parse<string[]>(head, {
      delimiter,
      newline: '\n',
      preview: 20,
      skipEmptyLines: 'greedy',
    }).data;
    const first = rows[0];
    if (first && first.length > 1 && first.some(isCodeHeader)) return delimiter;
  }
  const guess = Papa.parse<string[]>(head, {
    delimitersToGuess: DELIMITERS,
    newline: '\n',
    preview: 20,
    skipEmptyLines: 'greedy',
  }).meta.delimiter;
  return DELIMITERS.includes(guess) ? guess : ',';
}

/** Cells after the last non-blank one do not count (Excel pads rows with empty cells). */
function usedWidth(row: string[]): number {
  for (let i = row.length - 1; i >= 0; i--) if ((row[i] ?? '').trim() !== '') return i + 1;
  return 0;
}

/** Picks the code column from the first row, or explains why there is none. */
function findCodeColumn(first: string[]): { column: number; hasHeader: boolean } | { error: Said } {
  const exact = first.findIndex((c) => c.trim().toLowerCase() === 'code');
  if (exact >= 0) return { column: exact, hasHeader: true };
  const alias = first.findIndex(isCodeHeader);
  if (alias >= 0) return { column: alias, hasHeader: true };
  if (usedWidth(first) <= 1) return { column: 0, hasHeader: false };
  const names = first
    .slice(0, usedWidth(first))
    .map((c) => `"${c.trim().slice(0, 30)}"`)
    .slice(0, 10)
    .join(', ');
  return {
    error: said('csvErrors.noCodeColumn', [names]),
  };
}

/**
 * Walks the rows of a CSV of codes. `extraColumns` are header names (lowercase) whose cells come
 * along with each row when the file has them. Returns an error for the file as a whole (empty,
 * not text, no code column), or whether it had a header.
 */
export function walkCodeRows(
  text: string,
  extraColumns: readonly string[],
  on: WalkHandlers,
): { error?: Said; hasHeader: boolean } {
  if (typeof text !== 'string') return { error: said('csvErrors.notText'), hasHeader: false };
  // One line ending everywhere: papaparse guesses a single newline for the whole file, and a
  // file edited on two systems mixes them. Codes never hold line breaks, so nothing is lost.
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (body.trim() === '') return { error: said('csvErrors.empty'), hasHeader: false };
  if (looksBinary(body))
    return {
      error: said('csvErrors.notCsv'),
      hasHeader: false,
    };

  let error: Said | undefined;
  let column = -1;
  let hasHeader = false;
  let onFirstRow = true;
  const extras = new Map<string, number>();
  // Line bookkeeping: papaparse reports where each row ends; counting newlines up to there
  // gives the line a row starts on even when a quoted cell spans lines.
  let rowStart = 0;
  let linesBefore = 0;

  const skip = (parser: Papa.Parser, line: number, reason: Said) => {
    if (on.skip(line, reason) === false) parser.abort();
  };

  Papa.parse<string[]>(body, {
    delimiter: detectDelimiter(body),
    newline: '\n',
    skipEmptyLines: false,
    step: (result, parser) => {
      const line = linesBefore + 1;
      const end = result.meta.cursor;
      const from = rowStart;
      for (let i = body.indexOf('\n', rowStart); i !== -1 && i < end; i = body.indexOf('\n', i + 1))
        linesBefore++;
      rowStart = end;

      const row = result.data.map((c) => (typeof c === 'string' ? c : ''));
      if (usedWidth(row) === 0) return; // blank line
      const quoteError = result.errors.find((e) => e.type === 'Quotes');

      if (onFirstRow) {
        onFirstRow = false;
        const found = findCodeColumn(row);
        if ('error' in found) {
          error = found.error;
          parser.abort();
          return;
        }
        column = found.column;
        hasHeader = found.hasHeader;
        if (hasHeader) {
          row.forEach((cell, i) => {
            // "Max uses", "max-uses" and "max_uses" alike: spreadsheets' headers vary.
            const name = cell
              .trim()
              .toLowerCase()
              .replace(/[\s-]+/g, '_');
            if (extraColumns.includes(name)) extras.set(name, i);
          });
          return;
        }
      }

      // Lines after the first that this row took in (a quoted cell may span lines).
      const swallowed = quoteError
        ? (body.slice(from, end).replace(/\n$/, '').match(/\n/g) ?? []).length
        : 0;
      if (swallowed > 0) {
        // The quote swallowed the lines after it: skipping one line would hide all of theirs.
        error = said('csvErrors.openQuote', [String(line), swallowed], swallowed);
        parser.abort();
        return;
      }
      if (quoteError) {
        skip(
          parser,
          line,
          said(
            quoteError.code === 'MissingQuotes'
              ? 'lineReasons.quoteNeverClosed'
              : 'lineReasons.quotesUnbalanced',
          ),
        );
        return;
      }
      if (!hasHeader && usedWidth(row) > 1) {
        skip(parser, line, said('lineReasons.severalValues'));
        return;
      }
      const raw = (row[column] ?? '').trim();
      if (raw === '') {
        skip(parser, line, EMPTY_CELL);
        return;
      }
      const extra: Record<string, string> = {};
      for (const [name, i] of extras) extra[name] = (row[i] ?? '').trim();
      // Our own exports guard codes such as "-ABC" as "'-ABC"; the store knows "-ABC".
      if (on.row({ line, code: unguardText(raw), extra }) === false) parser.abort();
    },
  });
  return error ? { error, hasHeader } : { hasHeader };
}
