/**
 * The CSV files jobs leave, assembled from their spooled rows: one header per kind, one row
 * shape (the API's coupon code, or a generated code before it has an id). Pieces, not one
 * string: the caller folds them into a Blob, so a million rows never sit in memory at once.
 */
import { CSV_BOM, csvRow, type CsvValue } from './write';
import { isUnusedCode, type FileKind, type TargetOutcome } from '../vocabulary';

export type JobCsvKind = FileKind;

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
};

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

/** `outcomes`: a purge's backup made again at its end, each row saying what became of the code. */
export async function* jobCsvParts(
  kind: JobCsvKind,
  chunks: AsyncIterable<{ rows: unknown[] }>,
  unusedOnly = false,
  outcomes = false,
): AsyncGenerator<string> {
  const columns = COLUMNS[kind];
  yield CSV_BOM + csvRow(outcomes ? [...columns, 'outcome'] : columns);
  for await (const { rows } of chunks) {
    let text = '';
    for (const row of rows as Row[]) {
      if (!keep(row, unusedOnly)) continue;
      const cells = columns.map((c) => row[c] as CsvValue);
      if (outcomes) cells.push(OUTCOME_TEXT[row.outcome ?? 'deleted']);
      text += csvRow(cells);
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
