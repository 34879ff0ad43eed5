/** A job as its form describes it before it starts, for its estimate. */
import type { PlannedJob } from './job-estimate';

/** `fileText`: list mode's file; its non-empty lines bound the codes it names. */
export function plannedPurge(
  mode: 'all' | 'unused' | 'list',
  codes: number,
  fileText?: string,
): PlannedJob {
  if (mode !== 'list') return { kind: 'purge', mode, codes };
  const listed = (fileText ?? '').split(/\r?\n/).filter((line) => line.trim() !== '').length;
  return { kind: 'purge', mode, codes, listed };
}

/** A job expected to take longer than this is worth a notification when it ends. */
export const LONG_JOB_MS = 60_000;
