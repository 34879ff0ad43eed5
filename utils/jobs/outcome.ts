/** How a job that stopped on an error ends up, and the error in words for the merchant. */
import { ApiError, isTransient } from '../api/errors';

export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (isStorageFull(e))
    return 'The browser is out of storage space for this job. Free some disk space (or remove kept files in the extension’s settings), then resume.';
  return 'Something went wrong inside the extension. Your progress is saved: try Resume, and if it happens again, report it.';
}

export function isStorageFull(e: unknown): boolean {
  return (
    typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'QuotaExceededError'
  );
}

/**
 * A store that is busy, erroring or unreachable is "not now": the job pauses with the reason
 * and carries on when resumed. Anything else (a revoked token, a deleted promotion, a broken
 * answer, a full disk) fails with the reason; a failed job can still be resumed once fixed.
 */
export function statusAfter(e: unknown): 'paused' | 'failed' {
  return isTransient(e) ? 'paused' : 'failed';
}
