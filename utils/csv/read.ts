/**
 * Reading a merchant's list of codes to purge. The file may come from Excel (BOM, `;` in
 * many locales), a text editor (one code per line, no header) or our own exports (formula
 * guard). Nothing here throws on bad input: the merchant gets plain words instead.
 */
import Papa from 'papaparse';
import { unguardText } from './guard';

export interface SkippedLine {
  /** 1-based line number in the file as the merchant's editor shows it. */
  line: number;
  reason: string;
}

export interface ParsedCodes {
  /** Codes in file order, each once. */
  codes: string[];
  /** Lines that held something but no usable code (at most MAX_SKIPPED_DETAILS of them). */
  skipped: SkippedLine[];
  /** How many lines were skipped in all, including those beyond the details kept. */
  skippedCount: number;
  /** Set when the file as a whole cannot be used; codes is then empty. */
  error?: string;
}

/** The API's own limits (see JobRequestSchema: codes max 50 chars, at most 1,000,000). */
export const MAX_CODES = 1_000_000;
export const MAX_CODE_LENGTH = 50;
/** Enough to show the merchant what is wrong without holding a million objects. */
export const MAX_SKIPPED_DETAILS = 1_000;

/** Header names taken to mean "the codes are in this column" (compared trimmed, lowercase). */
const CODE_HEADERS = ['code', 'codes', 'coupon', 'coupon code', 'coupon_code', 'coupon-code', 'coupon codes'];

// Characters no coupon code holds: C0/C1 controls and U+FFFD (what a decoder leaves of bytes
// that were not UTF-8).
// eslint-disable-next-line no-control-regex
const BAD_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;
// eslint-disable-next-line no-control-regex
const BAD_CHARS_GLOBAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/g;

function fail(error: string): ParsedCodes {
  return { codes: [], skipped: [], skippedCount: 0, error };
}

/**
 * A spreadsheet or a file saved as UTF-16 decoded as UTF-8 is full of NULs and replacement
 * characters; a little noise in a real CSV is handled line by line instead.
 */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65_536);
  if (sample.includes('\u0000')) return true;
  const bad = sample.match(BAD_CHARS_GLOBAL)?.length ?? 0;
  return bad > 8 && bad / sample.length > 0.02;
}

function isCodeHeader(cell: string): boolean {
  return CODE_HEADERS.includes(cell.trim().toLowerCase());
}

const DELIMITERS = [',', ';', '\t'];

/**
 * The file's delimiter. A header naming the code column settles it; otherwise papaparse's
 * guess over the first rows, blank ones ignored (a trailing blank line would otherwise tip
 * its vote towards "one column"). A single column guesses nothing and falls back to ','.
 */
function detectDelimiter(body: string): string {
  const head = body.slice(0, 65_536);
  for (const delimiter of DELIMITERS) {
    // preview counts blank rows too, so look a few rows deep for the first real one.
    const rows = Papa.parse<string[]>(head, { delimiter, newline: '\n', preview: 20, skipEmptyLines: 'greedy' }).data;
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
function findCodeColumn(first: string[]): { column: number; hasHeader: boolean } | { error: string } {
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
    error:
      `The file has several columns (${names}) but none is named "code". ` +
      'Name the column that holds the coupon codes "code", or save a file with one code per line.',
  };
}

/** Why a cell is not a usable code, or null when it is one. */
function rejectCode(code: string): string | null {
  if (code.length > MAX_CODE_LENGTH) return `the code is longer than ${MAX_CODE_LENGTH} characters`;
  if (BAD_CHARS.test(code) || /[\r\n]/.test(code)) return 'the code contains characters a coupon code cannot have';
  return null;
}

/**
 * Parses the text of a CSV file of codes. Accepts a header row with a `code` column (any
 * case, any position, `,` `;` or tab separated) or a single column without header.
 */
export function parseCodesCsv(text: string): ParsedCodes {
  if (typeof text !== 'string') return fail('The file could not be read as text.');
  // One line ending everywhere: papaparse guesses a single newline for the whole file, and a
  // file edited on two systems mixes them. Codes never hold line breaks, so nothing is lost.
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (body.trim() === '') return fail('The file is empty.');
  if (looksBinary(body)) {
    return fail('This file does not look like a CSV text file. Save it from your spreadsheet as "CSV UTF-8" and try again.');
  }

  const codes: string[] = [];
  const seen = new Set<string>();
  const skipped: SkippedLine[] = [];
  let skippedCount = 0;
  let error: string | undefined;
  let column = -1;
  let hasHeader = false;
  let onFirstRow = true;
  // Line bookkeeping: papaparse reports where each row ends; counting newlines up to there
  // gives the line a row starts on even when a quoted cell spans lines.
  let rowStart = 0;
  let linesBefore = 0;

  const skip = (line: number, reason: string): void => {
    skippedCount++;
    if (skipped.length < MAX_SKIPPED_DETAILS) skipped.push({ line, reason });
  };

  Papa.parse<string[]>(body, {
    delimiter: detectDelimiter(body),
    newline: '\n',
    skipEmptyLines: false,
    step: (result, parser) => {
      const line = linesBefore + 1;
      const end = result.meta.cursor;
      for (let i = body.indexOf('\n', rowStart); i !== -1 && i < end; i = body.indexOf('\n', i + 1)) linesBefore++;
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
        if (hasHeader) return;
      }

      if (quoteError) {
        skip(
          line,
          quoteError.code === 'MissingQuotes'
            ? 'a quote opened on this line is never closed, so the rest of the file could not be read'
            : 'the quotes on this line are not balanced',
        );
        return;
      }
      if (!hasHeader && usedWidth(row) > 1) {
        skip(line, 'the line has more than one value; use a "code" header to say which one is the code');
        return;
      }
      const raw = (row[column] ?? '').trim();
      if (raw === '') {
        skip(line, 'the code cell is empty');
        return;
      }
      // Our own exports guard codes such as "-ABC" as "'-ABC"; the store knows "-ABC".
      const code = unguardText(raw);
      const reason = rejectCode(code);
      if (reason) {
        skip(line, reason);
        return;
      }
      if (seen.has(code)) return;
      if (codes.length >= MAX_CODES) {
        error = `The file holds more than ${MAX_CODES.toLocaleString('en-US')} codes. Split it into smaller files.`;
        parser.abort();
        return;
      }
      seen.add(code);
      codes.push(code);
    },
  });

  if (error) return fail(error);
  if (codes.length === 0) {
    return {
      codes,
      skipped,
      skippedCount,
      error: hasHeader ? 'The file has a "code" column but no usable codes in it.' : 'The file holds no usable codes.',
    };
  }
  return { codes, skipped, skippedCount };
}
