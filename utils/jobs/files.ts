/** Where each file of a job lives in the spool, and what it holds, as its kind says. */
import { jobCsvRowCount, type JobCsvKind } from '../csv/job-csv';
import type { Spool } from '../storage/spool';
import { kindOf } from './kinds';
import type { JobRecord } from './record';
import type { FileKind } from '../vocabulary';

/** What the CSV builder needs to know of a file: where its rows are and how to filter them. */
export interface FileSource {
  ns: string;
  /** The job's file kind; an export "For email tools" is written as 'email'. */
  kind: JobCsvKind;
  unusedOnly: boolean;
  /** A purge's backup made again at its end: each row says what became of the code. */
  outcomes?: boolean;
}

export function fileSource(job: JobRecord, kind: FileKind): FileSource {
  const rows = kindOf(job.kind).files(job)[kind];
  if (!rows) throw new Error(`A job of kind "${job.kind}" makes no file "${kind}".`);
  return {
    ns: rows.ns,
    kind: rows.csv ?? kind,
    unusedOnly: rows.unusedOnly ?? false,
    outcomes: rows.outcomes ?? false,
  };
}

/** Rows the file will hold (an export: after the unused filter). */
export async function fileRowCount(spool: Spool, source: FileSource): Promise<number> {
  return source.unusedOnly
    ? jobCsvRowCount(spool.chunks(source.ns), true)
    : spool.rowCount(source.ns);
}
