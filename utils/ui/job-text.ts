/**
 * Where a job stands, in the merchant's words, whatever its kind (a job's own words come with
 * its view, said by its kind in the background). Pure: the panel and the popup both use it.
 */
import type { JobStatus, JobView, WaitReason } from '../jobs/types';
import { isResumable, isUnfinished } from '../vocabulary';
import { formatCount, formatDuration, secondsUntil } from './format';

export const STATUS_LABEL: Record<JobStatus, string> = {
  queued: 'Waiting to start',
  running: 'Running',
  paused: 'Paused',
  'awaiting-confirmation': 'Waiting for your confirmation',
  interrupted: 'Stopped by the browser',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export { isUnfinished };

/**
 * Which of Pause / Resume / Cancel apply. A failed job keeps its checkpoint, and its message
 * says to resume once the cause is fixed (token saved again, store answering again): it can.
 */
export function controlsFor(status: JobStatus): {
  pause: boolean;
  resume: boolean;
  cancel: boolean;
} {
  return {
    pause: status === 'running' || status === 'queued',
    resume: isResumable(status),
    cancel: isUnfinished(status),
  };
}

/**
 * WaitReason.untilMs is a moment in epoch ms. Should a sender ever give a plain duration
 * instead (a small number), it is read as "from the job's last update" rather than shown
 * as a wait of decades.
 */
function waitSeconds(untilMs: number, now: number, updatedAt: number): number {
  const until = untilMs < 1e11 ? updatedAt + untilMs : untilMs;
  return secondsUntil(until, now);
}

/** The reason for a wait, in words ("Waiting for the store's API quota (resumes in 12 s)"). */
export function waitText(wait: WaitReason, now: number, updatedAt = now): string {
  switch (wait.kind) {
    case 'quota':
      return `Waiting for the store's API quota (resumes in ${waitSeconds(wait.untilMs, now, updatedAt)} s)`;
    case 'rate-limited':
      return `BigCommerce asked us to slow down… (resumes in ${waitSeconds(wait.untilMs, now, updatedAt)} s)`;
    case 'platform-busy':
      return `BigCommerce is busy right now; trying again in ${waitSeconds(wait.untilMs, now, updatedAt)} s…`;
    case 'retrying':
      return `Connection problem, retrying (attempt ${wait.attempt})…`;
    case 'reconciling':
      return 'Checking with the store which codes were created…';
  }
}

/** "12,500 / 100,000", or "12,500" while the total is unknown. */
export function progressText(job: JobView): string {
  const { done, total } = job.progress;
  return total === null ? formatCount(done) : `${formatCount(done)} / ${formatCount(total)}`;
}

export function etaText(job: JobView): string | null {
  const eta = job.progress.etaMs;
  if (eta === null || !Number.isFinite(eta)) return null;
  return `About ${formatDuration(eta)} left`;
}

export const INTERRUPTED_TEXT =
  'The browser stopped this job (it was closed, updated or put the extension to sleep). ' +
  'Nothing is lost: press Resume to carry on from where it stopped.';

/** A paused job's reason, when it paused by itself (the store busy, unreachable, erroring). */
export function pausedText(job: JobView): string {
  return job.error ? `Paused: ${job.error}` : 'Paused. Press Resume to carry on.';
}
