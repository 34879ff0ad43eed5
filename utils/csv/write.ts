/**
 * RFC 4180 CSV writing for the files the merchant downloads. Pure: no browser APIs, so the
 * same code builds files in the background, the offscreen document and tests.
 */
import { guardText } from './guard';

/** A value one cell may hold. Numbers are written as-is (never guarded); null is empty. */
export type CsvValue = string | number | null | undefined;

/** UTF-8 byte order mark: without it Excel opens UTF-8 files as the local code page. */
export const CSV_BOM = '\uFEFF';
/** RFC 4180 line ending. */
export const CSV_EOL = '\r\n';

export const EXPORT_COLUMNS = [
  'id',
  'code',
  'current_uses',
  'max_uses',
  'max_uses_per_customer',
  'created',
] as const;
export const GENERATED_COLUMNS = ['code', 'max_uses', 'max_uses_per_customer'] as const;
/** A purge backup has the export's shape so it can be read back like any export. */
export const PURGE_BACKUP_COLUMNS = EXPORT_COLUMNS;

/** One existing coupon code, as exported (and backed up before a purge). */
export interface CodeRow {
  id: number;
  code: string;
  current_uses: number;
  max_uses: number;
  max_uses_per_customer: number;
  created: string;
}

/** One code made by a generate job; id is known only once the API has returned it. */
export interface GeneratedRow {
  code: string;
  max_uses: number;
  max_uses_per_customer: number;
  id?: number;
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One cell's text: guarded against formula injection (strings only; a finite number such
 * as -5 is data, not a formula), then quoted when it holds a comma, quote, CR or LF.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // Non-finite numbers are not data a spreadsheet should compute with; treat them as text.
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : guardText(String(value));
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated. */
export function csvRow(cells: ReadonlyArray<CsvValue>): string {
  // A lone empty cell would otherwise be an empty line, which readers skip or misread.
  if (cells.length === 1 && csvCell(cells[0]) === '') return `""${CSV_EOL}`;
  return cells.map(csvCell).join(',') + CSV_EOL;
}

/** Cells of a CodeRow in EXPORT_COLUMNS order. */
export function codeRowCells(row: CodeRow): CsvValue[] {
  return [row.id, row.code, row.current_uses, row.max_uses, row.max_uses_per_customer, row.created];
}

/** Cells of a GeneratedRow in GENERATED_COLUMNS order (id is not part of that file). */
export function generatedRowCells(row: GeneratedRow): CsvValue[] {
  return [row.code, row.max_uses, row.max_uses_per_customer];
}

/** A CodeRow as one line of an export file. */
export function exportRowLine(row: CodeRow): string {
  return csvRow(codeRowCells(row));
}

/** A CodeRow as one line of a purge backup file (same shape as an export). */
export const purgeBackupRowLine: (row: CodeRow) => string = exportRowLine;

/** A GeneratedRow as one line of a generated-codes file. */
export function generatedRowLine(row: GeneratedRow): string {
  return csvRow(generatedRowCells(row));
}

/** BOM plus the header line: the first piece of every file. */
export function csvHeader(header: ReadonlyArray<string>): string {
  return CSV_BOM + csvRow(header);
}

/**
 * A whole file as a stream of strings: BOM+header first, then one string per non-empty
 * chunk of rows. Memory is bounded by one chunk, so a 1,000,000-row file never exists as
 * one array of lines; the caller turns the pieces into a Blob or a stream.
 */
export async function* csvChunks(
  header: ReadonlyArray<string>,
  chunks: AsyncIterable<ReadonlyArray<ReadonlyArray<CsvValue>>> | Iterable<ReadonlyArray<ReadonlyArray<CsvValue>>>,
): AsyncIterable<string> {
  yield csvHeader(header);
  for await (const rows of chunks) {
    if (rows.length === 0) continue;
    let piece = '';
    for (const cells of rows) piece += csvRow(cells);
    yield piece;
  }
}
