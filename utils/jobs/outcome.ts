/** How a job that stopped on an error ends up, and the error in words for the merchant. */
import { ApiError, isTransient } from '../api/errors';
import { said, type ErrorWords } from '../vocabulary';

export function messageOf(e: unknown): ErrorWords {
  if (e instanceof ApiError) return e.said;
  if (isStorageFull(e)) return said('errors.storageFull');
  return said('errors.internal');
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
