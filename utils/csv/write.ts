/**
 * RFC 4180 CSV cells and rows for the files the merchant downloads (job-csv.ts puts whole files
 * together). Pure: no browser APIs, so the same code runs in the background, the offscreen
 * document and tests.
 */
import { guardText } from './guard';

/** A value one cell may hold. Numbers are written as-is (never guarded); null is empty. */
export type CsvValue = string | number | null | undefined;

/** UTF-8 byte order mark: without it Excel opens UTF-8 files as the local code page. */
export const CSV_BOM = '\uFEFF';
/** RFC 4180 line ending. */
export const CSV_EOL = '\r\n';

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell's text: guarded against formula injection (strings only; a finite number such
 * as -5 is data, not a formula), then quoted when it holds a comma, quote, CR or LF.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // Non-finite numbers are not data a spreadsheet should compute with; treat them as text.
  const text =
    typeof value === 'number' && Number.isFinite(value) ? String(value) : guardText(String(value));
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated. */
export function csvRow(cells: ReadonlyArray<CsvValue>): string {
  // A lone empty cell would otherwise be an empty line, which readers skip or misread.
  if (cells.length === 1 && csvCell(cells[0]) === '') return `""${CSV_EOL}`;
  return cells.map(csvCell).join(',') + CSV_EOL;
}
