/**
 * The promotion's code count while jobs write to it. The count is read from the store when the
 * panel opens and when a job ends; in between, a job's own figures say how many codes it made
 * or deleted since that reading, so the header agrees with the job card under it. Codes that
 * another app adds meanwhile show at the next reading. Pure.
 */
import type { JobView } from '../jobs/types';

/** Each of the promotion's jobs' change, when the count was read: the baseline to add to. */
export function changesAtReading(
  jobs: readonly JobView[],
  storeHash: string,
  promotionId: number,
): Map<string, number> {
  const at = new Map<string, number>();
  for (const job of jobs)
    if (job.storeHash === storeHash && job.promotionId === promotionId)
      at.set(job.id, job.codesChanged);
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
    count += job.codesChanged - (atReading.get(job.id) ?? 0);
  }
  return Math.max(0, count);
}
