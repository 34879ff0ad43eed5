/**
 * What a new job's request brings beyond itself, checked before anything is claimed: a purge's
 * list of codes (parsed here, in the background), an import's file (read earlier into a draft),
 * a pattern (which must be able to make the codes asked for).
 */
import { ApiError } from '../api/errors';
import { charactersOf, checkPattern } from '../codes/pattern';
import type { createImportDrafts } from './import-drafts';
import { intakePurgeList, type PurgeList } from './purge-intake';
import type { SkippedLine } from '../csv/read';
import type { JobRequest } from './types';

export interface Intake {
  /** A purge's list, to write to its spool once the job exists. */
  list: PurgeList | null;
  /** What the job's record keeps of it. */
  extra:
    | { listSize: number; skippedLines: number; skipped: SkippedLine[] }
    | { fileCodes: number; fileRejected: number }
    | null;
}

export function intakeRequest(
  request: JobRequest,
  o: { hasJob(id: string): boolean; drafts: ReturnType<typeof createImportDrafts> },
): Intake {
  if (request.kind === 'purge' && request.mode === 'list') {
    const list = intakePurgeList(request.csvText ?? '');
    const { skippedLines, skipped } = list;
    return { list, extra: { listSize: list.codes.length, skippedLines, skipped } };
  }
  if (request.kind === 'pattern') {
    const p = request.params;
    const check = checkPattern(p.pattern, charactersOf(p.characterSet, p.ownCharacters), p.count);
    if (check.error) throw new ApiError('invalid', check.error);
  }
  if (request.kind === 'import') {
    if (o.hasJob(request.draftId))
      throw new ApiError('invalid', 'This file has already been imported.');
    const draft = o.drafts.take(request.draftId, request.storeHash, request.promotionId);
    return { list: null, extra: { fileCodes: draft.codes, fileRejected: draft.rejected } };
  }
  return { list: null, extra: null };
}
