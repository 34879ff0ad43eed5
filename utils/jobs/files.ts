import { CSV_BOM, EXPORT_COLUMNS, GENERATED_COLUMNS, codeRowCells, csvRow, generatedRowCells } from '../csv/write';
import type { CouponCode } from '../api/schemas';
import type { Spool } from '../storage/spool';
import type { GeneratedRow } from './generate';
import { purgeSpools } from './purge';
import type { JobRecord } from './record';
import type { JobFile } from './types';

/**
 * A job's CSV as text parts, one per spooled chunk: the caller turns them into a Blob a
 * few at a time, so even a million rows never sit in memory as one string.
 */
export async function* csvParts(spool: Spool, job: JobRecord, kind: JobFile['kind']): AsyncGenerator<string> {
  const header = kind === 'generated' ? GENERATED_COLUMNS : EXPORT_COLUMNS;
  yield CSV_BOM + csvRow(header);
  const ns = kind === 'purge-backup' ? purgeSpools(job.id).targets : job.id;
  const unusedOnly = job.request.kind === 'export' && job.request.unusedOnly;
  for await (const { rows } of spool.chunks(ns)) {
    let text = '';
    if (kind === 'generated') for (const r of rows as GeneratedRow[]) text += csvRow(generatedRowCells(r));
    else
      for (const r of rows as CouponCode[]) {
        if (unusedOnly && r.current_uses !== 0) continue;
        text += csvRow(codeRowCells(r));
      }
    if (text) yield text;
  }
}

/** Rows a job's file will hold (export: after the unused filter). */
export async function fileRowCount(spool: Spool, job: JobRecord, kind: JobFile['kind']): Promise<number> {
  if (kind === 'purge-backup') return spool.rowCount(purgeSpools(job.id).targets);
  if (job.request.kind === 'export' && job.request.unusedOnly) {
    let n = 0;
    for await (const { rows } of spool.chunks(job.id)) n += (rows as CouponCode[]).filter((r) => r.current_uses === 0).length;
    return n;
  }
  return spool.rowCount(job.id);
}
