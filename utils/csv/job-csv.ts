/**
 * The CSV files jobs leave, assembled from their spooled rows: one header per kind, one row
 * shape (the API's coupon code, or a generated code before it has an id). Pieces, not one
 * string: the caller folds them into a Blob, so a million rows never sit in memory at once.
 * Headers are the same in every language, so files move between colleagues.
 */
import { CSV_BOM, csvRow, PLAIN_CSV, TOOL_CSV, type CsvStyle, type CsvValue } from './write';
import { isUnusedCode, type FileKind, type TargetOutcome } from '../vocabulary';

/** A job's file, or an export "For email tools": the codes only, under "Coupon Code". */
export type JobCsvKind = FileKind | 'email';

/** A code as the API lists it; made codes carry only code and limits; a rejected line its number and reason. */
interface Row {
  id?: number;
  line?: number;
  code: string;
  outcome?: TargetOutcome;
  current_uses?: number;
  max_uses?: number;
  max_uses_per_customer?: number;
  created?: string;
  reason?: string;
}

const COLUMNS: Record<JobCsvKind, ReadonlyArray<keyof Row>> = {
  generated: ['code', 'max_uses', 'max_uses_per_customer'],
  imported: ['code', 'max_uses', 'max_uses_per_customer'],
  // The merchant's line number first, so the file can be read beside theirs.
  rejected: ['line', 'code', 'reason'],
  export: ['id', 'code', 'current_uses', 'max_uses', 'max_uses_per_customer', 'created'],
  // A backup reads back like an export (and can be purged from, or imported, as one).
  'purge-backup': ['id', 'code', 'current_uses', 'max_uses', 'max_uses_per_customer', 'created'],
  unattributed: ['id', 'code', 'max_uses', 'max_uses_per_customer', 'created'],
  email: ['code'],
};

/**
 * Headers that are not the column's own name. Klaviyo's coupon upload takes a column headed
 * "Coupon" or "Coupon Code"; our own reader takes it too (rows.ts).
 */
const HEADERS: Partial<Record<JobCsvKind, string[]>> = { email: ['Coupon Code'] };

/**
 * A file for another tool keeps to plain commas without a BOM, and a backup (made to be read
 * back: imported to restore its codes) to plain commas, whatever the spreadsheet setting.
 */
const styleOf = (kind: JobCsvKind, style: CsvStyle) =>
  kind === 'email' ? TOOL_CSV : kind === 'purge-backup' ? PLAIN_CSV : style;

/** What became of each code of a purge, in the backup made again at its end. */
const OUTCOME_TEXT: Record<TargetOutcome, string> = {
  deleted: 'deleted',
  redeemed: 'kept: redeemed since the scan',
  gone: 'already gone: deleted elsewhere since the scan',
  unchecked: 'kept: could not be read again just before deleting',
  refused: 'not deleted: the store refused',
  sending: 'delete sent, not confirmed',
};

/** Only unused codes (an export's filter). */
const keep = (row: Row, unusedOnly: boolean) =>
  !unusedOnly || isUnusedCode({ current_uses: row.current_uses ?? 0 });

export interface JobCsvOptions {
  /** Only unused codes (an export's filter). */
  unusedOnly?: boolean;
  /** A purge's backup made again at its end, each row saying what became of the code. */
  outcomes?: boolean;
  /** Commas or semicolons, with or without a BOM: the merchant's setting (plain by default). */
  style?: CsvStyle;
}

export async function* jobCsvParts(
  kind: JobCsvKind,
  chunks: AsyncIterable<{ rows: unknown[] }>,
  { unusedOnly = false, outcomes = false, style = PLAIN_CSV }: JobCsvOptions = {},
): AsyncGenerator<string> {
  const columns = COLUMNS[kind];
  const { separator, bom } = styleOf(kind, style);
  const header = HEADERS[kind] ?? columns;
  yield (bom ? CSV_BOM : '') + csvRow(outcomes ? [...header, 'outcome'] : header, separator);
  for await (const { rows } of chunks) {
    let text = '';
    for (const row of rows as Row[]) {
      if (!keep(row, unusedOnly)) continue;
      const cells = columns.map((c) => row[c] as CsvValue);
      if (outcomes) cells.push(OUTCOME_TEXT[row.outcome ?? 'deleted']);
      text += csvRow(cells, separator);
    }
    if (text) yield text;
  }
}

/** Rows such a file holds, counted from the same chunks. */
export async function jobCsvRowCount(
  chunks: AsyncIterable<{ rows: unknown[] }>,
  unusedOnly: boolean,
): Promise<number> {
  let n = 0;
  for await (const { rows } of chunks)
    for (const row of rows as Row[]) if (keep(row, unusedOnly)) n++;
  return n;
}
