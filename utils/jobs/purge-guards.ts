/**
 * When a purge may go on deleting, as pure checks the registry applies: a plan acted on only
 * while fresh, and a confirmed purge that stopped taken up again only while what it chose is.
 */
import { ApiError } from '../api/errors';
import type { JobRecord } from './record';
import { PLAN_FRESH_MS } from '../vocabulary';

const minutes = (ms: number) => Math.round(ms / 60_000);

/** Confirming: the plan is older than PLAN_FRESH_MS (an "unused" code may have been used since). */
export function refuseStalePlan(r: JobRecord, now: number): void {
  const age = now - (r.purge?.plannedAt ?? 0);
  if (age <= PLAN_FRESH_MS) return;
  throw new ApiError(
    'stale',
    `The codes to delete were found ${minutes(age)} minutes ago; some may have been used since. Nothing was deleted: look for them again (“Find the codes again”), then confirm.`,
  );
}

/**
 * Resuming a confirmed purge that has stood still longer than PLAN_FRESH_MS (a pause, a
 * browser restart, a failure resumed hours later): its list of codes is as old as that, so it
 * is not acted on. A worker restart carries on by itself and does not come through here.
 */
export function refuseStaleResume(r: JobRecord, now: number): void {
  if (r.kind !== 'purge' || !r.purge?.confirmed) return;
  const still = now - (r.stoppedAt ?? r.updatedAt);
  if (still <= PLAN_FRESH_MS) return;
  throw new ApiError(
    'stale',
    `This purge stopped ${minutes(still)} minutes ago, and the codes it still has to delete were chosen before that; some may have been used since. Nothing more was deleted. Cancel it (its backup stays kept), then start a new purge to find the codes left.`,
  );
}
