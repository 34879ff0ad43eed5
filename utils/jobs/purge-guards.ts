/**
 * When a purge may go on after a stop, as pure checks its kind applies (kinds/purge.ts): its
 * plan acted on only while fresh, and a confirmed purge taken up again only while what it chose
 * is (its stops add up).
 */
import { ApiError } from '../api/errors';
import type { JobRecord } from './record';
import { isPlanStale, PLAN_FRESH_MS, said } from '../vocabulary';

const minutes = (ms: number) => Math.round(ms / 60_000);

/** How long it has stood still since it last stopped (its last write, if nothing says better). */
const sinceStop = (r: JobRecord, now: number) => Math.max(0, now - (r.stoppedAt ?? r.updatedAt));

/** Confirming: the plan has gone unread longer than PLAN_FRESH_MS (an "unused" code may have been used since). */
export function refuseStalePlan(r: JobRecord, now: number): void {
  const plan = r.purge;
  if (!plan || !isPlanStale(plan, now)) return;
  throw new ApiError('stale', said('errors.planStale', [minutes(now - (plan.plannedAt ?? now))]));
}

/**
 * Resuming a confirmed purge that has stood still (paused, stopped by the browser or a worker,
 * failed) longer than PLAN_FRESH_MS in all since it was confirmed: the codes it still has to
 * delete were chosen before that, so it is not acted on. Time spent deleting does not count: a
 * long purge on a slow store still finishes.
 */
export function refuseStaleResume(r: JobRecord, now: number): void {
  if (!r.purge?.confirmed) return;
  const still = sinceStop(r, now);
  const total = (r.purge.stoodStillMs ?? 0) + still;
  if (total <= PLAN_FRESH_MS) return;
  throw new ApiError(
    'stale',
    still > PLAN_FRESH_MS
      ? said('errors.resumeStaleStopped', [minutes(still)])
      : said('errors.resumeStaleTotal', [minutes(total)]),
  );
}

/**
 * A job is taken up again after a stop: the time it stood still is added up, on a purge's scan
 * (a scan that stood still too long starts again) or on its deletes (see refuseStaleResume).
 */
export function takeUp(r: JobRecord, now: number): void {
  const cp = r.purge;
  if (!cp) return;
  const still = sinceStop(r, now);
  if (cp.confirmed) cp.stoodStillMs = (cp.stoodStillMs ?? 0) + still;
  else if (!cp.planned) cp.scan.stoodStillMs = (cp.scan.stoodStillMs ?? 0) + still;
}
