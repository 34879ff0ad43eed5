/**
 * CSV cells and rows for the files the merchant downloads (job-csv.ts puts whole files
 * together): RFC 4180 with commas, or with semicolons for spreadsheets that expect them. Pure:
 * no browser APIs, so the same code runs in the background, the offscreen document and tests.
 */
import { guardText } from './guard';

/** A value one cell may hold. Numbers are written as-is (never guarded); null is empty. */
export type CsvValue = string | number | null | undefined;

/** UTF-8 byte order mark: without it Excel opens UTF-8 files as the local code page. */
export const CSV_BOM = '\uFEFF';
/** RFC 4180 line ending. */
export const CSV_EOL = '\r\n';

/** What separates cells: a comma (RFC 4180), or a semicolon, what Excel splits on where decimals are written with a comma. */
export type CsvSeparator = ',' | ';';

/**
 * How a file is written. Plain: commas, and the BOM files have always had. Spreadsheet-friendly
 * ("Spreadsheet-friendly CSV" in the settings): semicolons and the BOM, so German or French
 * Excel opens the file in columns. Files for other tools (email): commas, no BOM, which a tool
 * reading the header by name could take for part of it.
 */
export interface CsvStyle {
  separator: CsvSeparator;
  bom: boolean;
}
export const PLAIN_CSV: CsvStyle = { separator: ',', bom: true };
export const SPREADSHEET_CSV: CsvStyle = { separator: ';', bom: true };
export const TOOL_CSV: CsvStyle = { separator: ',', bom: false };

const NEEDS_QUOTES: Record<CsvSeparator, RegExp> = { ',': /[",\r\n]/, ';': /[";\r\n]/ };

/**
 * One cell's text: guarded against formula injection (strings only; a finite number such
 * as -5 is data, not a formula), then quoted when it holds the separator, a quote, CR or LF.
 */
export function csvCell(value: CsvValue, separator: CsvSeparator = ','): string {
  if (value === null || value === undefined) return '';
  // Non-finite numbers are not data a spreadsheet should compute with; treat them as text.
  const text =
    typeof value === 'number' && Number.isFinite(value) ? String(value) : guardText(String(value));
  return NEEDS_QUOTES[separator].test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated. */
export function csvRow(cells: ReadonlyArray<CsvValue>, separator: CsvSeparator = ','): string {
  // A lone empty cell would otherwise be an empty line, which readers skip or misread.
  if (cells.length === 1 && csvCell(cells[0], separator) === '') return `""${CSV_EOL}`;
  return cells.map((c) => csvCell(c, separator)).join(separator) + CSV_EOL;
}
