/**
 * Where a job stands, in the merchant's words, whatever its kind (a job's own words come with
 * its view, said by its kind in the background). Pure: the panel and the popup both use it.
 */
import type { JobStatus, JobView, WaitReason } from '../jobs/types';
import { isResumable, isUnfinished, said } from '../vocabulary';
import { i18n } from '#i18n';
import { say, sayError } from './say';
import { formatCount, formatDuration, secondsUntil } from './format';

/** Each status's label, read from the catalogue when asked (never at import time). */
export const STATUS_LABEL: Readonly<Record<JobStatus, string>> = {
  get queued() {
    return i18n.t('jobText.status.queued');
  },
  get running() {
    return i18n.t('jobText.status.running');
  },
  get paused() {
    return i18n.t('jobText.status.paused');
  },
  get 'awaiting-confirmation'() {
    return i18n.t('jobText.status.awaiting');
  },
  get interrupted() {
    return i18n.t('jobText.status.interrupted');
  },
  get completed() {
    return i18n.t('jobText.status.completed');
  },
  get failed() {
    return i18n.t('jobText.status.failed');
  },
  get cancelled() {
    return i18n.t('jobText.status.cancelled');
  },
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
  const seconds = (untilMs: number) => formatCount(waitSeconds(untilMs, now, updatedAt));
  switch (wait.kind) {
    case 'quota':
      return i18n.t('jobText.waitQuota', [seconds(wait.untilMs)]);
    case 'rate-limited':
      return i18n.t('jobText.waitRateLimited', [seconds(wait.untilMs)]);
    case 'platform-busy':
      return i18n.t('jobText.waitBusy', [seconds(wait.untilMs)]);
    case 'retrying':
      return i18n.t('jobText.waitRetrying', [formatCount(wait.attempt)]);
    case 'reconciling':
      return i18n.t('jobText.waitReconciling');
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
  return i18n.t('jobText.eta', [formatDuration(eta)]);
}

/** A job the browser stopped: what happened, and that nothing is lost. */
export const interruptedText = (): string => i18n.t('jobText.interrupted');

/** A paused job's reason, when it paused by itself (the store busy, unreachable, erroring). */
export function pausedText(job: JobView): string {
  return job.error ? i18n.t('jobText.pausedWhy', [sayError(job.error)]) : i18n.t('jobText.paused');
}

/** "Export codes on “Summer sale”": a job's title and its promotion. */
export function jobOnPromotion(job: JobView): string {
  const where = job.promotionName
    ? say(said('errors.promotionNamed', [job.promotionName]))
    : say(said('errors.promotionNumber', [String(job.promotionId)]));
  return i18n.t('jobText.onPromotion', [say(job.words.title), where]);
}
