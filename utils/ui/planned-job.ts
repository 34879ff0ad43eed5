/** A job as its form describes it before it starts, for its estimate. */
import type { PlannedJob } from '../codes/job-estimate';

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

/** What a start request will do, as far as the panel knows (`codes`: the promotion's count). */
export function plannedJobOf(
  request:
    | { kind: 'generate' | 'pattern'; params: { count: number } }
    | { kind: 'export' | 'delete-code' | 'import' }
    | { kind: 'purge'; mode: 'all' | 'unused' | 'list'; csvText?: string },
  codes: number | null,
): PlannedJob | null {
  switch (request.kind) {
    case 'generate':
      return { kind: 'generate', count: request.params.count };
    case 'pattern':
      return { kind: 'create', count: request.params.count };
    case 'export':
      return codes === null ? null : { kind: 'export', codes };
    case 'purge':
      return codes === null ? null : plannedPurge(request.mode, codes, request.csvText);
    default:
      return null;
  }
}
