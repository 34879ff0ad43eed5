/** Where each file of a job lives in the spool, and what it holds. */
import { jobCsvRowCount, type JobCsvKind } from '../csv/job-csv';
import type { Spool } from '../storage/spool';
import { createSpools } from './create-codes';
import { generateSpools } from './generate';
import { purgeSpools } from './purge';
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

export function fileSource(
  job: Pick<JobRecord, 'id' | 'request' | 'purge'>,
  kind: FileKind,
): FileSource {
  const ns =
    kind === 'purge-backup'
      ? purgeSpools(job.id).targets
      : kind === 'unattributed'
        ? generateSpools(job.id).unattributed
        : kind === 'rejected'
          ? createSpools(job.id).rejected
          : job.id;
  const email = job.request.kind === 'export' && job.request.format === 'email';
  return {
    ns,
    kind: kind === 'export' && email ? 'email' : kind,
    unusedOnly: kind === 'export' && job.request.kind === 'export' && job.request.unusedOnly,
    outcomes: kind === 'purge-backup' && job.purge?.outcomes === true,
  };
}

/** Rows the file will hold (an export: after the unused filter). */
export async function fileRowCount(spool: Spool, source: FileSource): Promise<number> {
  return source.unusedOnly
    ? jobCsvRowCount(spool.chunks(source.ns), true)
    : spool.rowCount(source.ns);
}

/** Every spool namespace a job may own. */
export function jobSpools(jobId: string): string[] {
  return [
    ...new Set([
      jobId,
      ...Object.values(purgeSpools(jobId)),
      ...Object.values(generateSpools(jobId)),
      ...Object.values(createSpools(jobId)),
      `${jobId}:verify`,
    ]),
  ];
}
