/**
 * The promotion's code count while jobs write to it. The count is read from the store when the
 * panel opens and when a job ends; in between, a job's own figures say how many codes it made
 * or deleted since that reading, so the header agrees with the job card under it. Codes that
 * another app adds meanwhile show at the next reading. Pure.
 */
import type { JobView } from '../jobs/types';

/** Codes a job has added to (+) or taken from (−) its promotion so far. */
export function codesChangedBy(job: JobView): number {
  switch (job.kind) {
    case 'generate':
      return job.progress.done;
    case 'import':
    case 'pattern':
      return job.create?.created ?? 0;
    case 'purge':
      return -(job.purge?.deleted ?? 0);
    default:
      return 0;
  }
}

/** Each of the promotion's jobs' change, when the count was read: the baseline to add to. */
export function changesAtReading(
  jobs: readonly JobView[],
  storeHash: string,
  promotionId: number,
): Map<string, number> {
  const at = new Map<string, number>();
  for (const job of jobs)
    if (job.storeHash === storeHash && job.promotionId === promotionId)
      at.set(job.id, codesChangedBy(job));
  return at;
}

/** The count read, plus what the promotion's jobs changed since it was read. */
export function liveCodeCount(
  read: number,
  atReading: ReadonlyMap<string, number>,
  jobs: readonly JobView[],
  storeHash: string,
  promotionId: number,
): number {
  let count = read;
  for (const job of jobs) {
    if (job.storeHash !== storeHash || job.promotionId !== promotionId) continue;
    count += codesChangedBy(job) - (atReading.get(job.id) ?? 0);
  }
  return Math.max(0, count);
}
