/**
 * What the toolbar button says about the jobs, from their views alone (pure: the background
 * hands the result to the browser in utils/background/toolbar-badge.ts). A job that needs the
 * merchant wins over progress: "!" in the control panel's red; else the overall progress of the
 * jobs under way ("42%"); else nothing (empty text).
 */
import type { JobView } from '../jobs/types';
import { formatDuration, formatPercent } from './format';
import { jobOnPromotion } from './job-text';
import { i18n } from '#i18n';

export interface Badge {
  text: string;
  /** Background colour of the badge text. */
  color: string;
  /** The button's tooltip: each job that needs the merchant or is under way, one a line. */
  title: string;
}

/** The extension's name: the button's title when nothing is going on. */
export const badgeIdleTitle = (): string => i18n.t('manifest.name');
/** BigCommerce's control panel red (its danger colour) and blue (its primary colour). */
export const ATTENTION_RED = '#DB3643';
export const PROGRESS_BLUE = '#3C64F4';
/** A failed job asks for the merchant this long; after that it is history, not news. */
export const FAILED_NEWS_MS = 24 * 60 * 60_000;

/** Why a job waits for the merchant, in a few words; null when it does not. */
export function needsMerchant(job: JobView, now: number): string | null {
  switch (job.status) {
    case 'awaiting-confirmation':
      return i18n.t('badge.awaiting');
    case 'interrupted':
      return i18n.t('badge.interrupted');
    case 'paused':
      // A pause the merchant asked for is theirs to end; one the store's errors caused is news.
      return job.error ? i18n.t('badge.pausedByErrors') : null;
    case 'failed':
      return now - (job.finishedAt ?? job.updatedAt) < FAILED_NEWS_MS
        ? i18n.t('badge.failed')
        : null;
    default:
      return null;
  }
}

const under = (job: JobView) => job.status === 'running' || job.status === 'queued';

function progressLine(job: JobView): string {
  const { done, total, etaMs } = job.progress;
  const share = total
    ? formatPercent(Math.min(100, Math.floor((done / total) * 100)) / 100)
    : i18n.t('badge.starting');
  return etaMs !== null && Number.isFinite(etaMs)
    ? i18n.t('badge.progressEta', [jobOnPromotion(job), share, formatDuration(etaMs)])
    : i18n.t('badge.progress', [jobOnPromotion(job), share]);
}

export function badgeFor(jobs: readonly JobView[], now: number): Badge {
  const attention = jobs.flatMap((job) => {
    const why = needsMerchant(job, now);
    return why ? [i18n.t('badge.line', [jobOnPromotion(job), why])] : [];
  });
  const running = jobs.filter(under);
  const lines = [...attention, ...running.map(progressLine)];
  if (attention.length) return { text: '!', color: ATTENTION_RED, title: lines.join('\n') };
  if (!running.length) return { text: '', color: PROGRESS_BLUE, title: badgeIdleTitle() };
  // Overall: codes done over codes expected, across the jobs whose total is known.
  const known = running.filter((job) => job.progress.total);
  const total = known.reduce((n, job) => n + (job.progress.total ?? 0), 0);
  const done = known.reduce(
    (n, job) => n + Math.min(job.progress.done, job.progress.total ?? 0),
    0,
  );
  const text = total > 0 ? `${Math.min(99, Math.floor((done / total) * 100))}%` : '…';
  return { text, color: PROGRESS_BLUE, title: lines.join('\n') };
}
