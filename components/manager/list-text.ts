/**
 * The words of the manager's list: a promotion's status, its last job, what the list holds.
 * Pure (the clock comes in), so they are tested on plain inputs.
 */
import { i18n } from '#i18n';
import type { JobStatus, JobView } from '@/utils/jobs/types';
import type { PromotionPage } from '@/utils/messages';
import { formatCount, formatPercent, pluralCodes } from '@/utils/ui/format';
import { isUnfinished } from '@/utils/ui/job-text';
import { say } from '@/utils/ui/say';
import { dateText } from '../date-text';

/** The store's word for a promotion's status ('ENABLED') as a merchant reads it ("Enabled"). */
export function statusText(status: string | null): string {
  if (!status) return i18n.t('forms.list.statusUnknown');
  if (status === 'ENABLED') return i18n.t('forms.list.status.enabled');
  if (status === 'DISABLED') return i18n.t('forms.list.status.disabled');
  if (status === 'INVALID') return i18n.t('forms.list.status.invalid');
  // A status the store added since: its own word, read as a sentence.
  const lower = status.toLowerCase().replace(/_/g, ' ');
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

export function codeCountText(count: number | null): string {
  return count === null ? i18n.t('forms.list.countUnavailable') : pluralCodes(count);
}

/** Each promotion's newest job in one store (the jobs feed holds every store's). */
export function lastJobs(jobs: readonly JobView[], storeHash: string): Map<number, JobView> {
  const out = new Map<number, JobView>();
  for (const job of jobs) {
    if (job.storeHash !== storeHash) continue;
    const seen = out.get(job.promotionId);
    if (!seen || job.createdAt > seen.createdAt) out.set(job.promotionId, job);
  }
  return out;
}

/** "3 min ago", "5 h ago", a date before that: the list's clock moves in 30-second steps. */
function whenText(at: number, now: number): string {
  const minutes = Math.round(Math.max(0, now - at) / 60_000);
  if (minutes < 1) return i18n.t('forms.list.justNow');
  if (minutes < 60) return i18n.t('forms.list.minutesAgo', [formatCount(minutes)]);
  return minutes < 24 * 60
    ? i18n.t('forms.list.hoursAgo', [formatCount(Math.round(minutes / 60))])
    : i18n.t('forms.list.onDay', [dateText(at)]);
}

/**
 * Each job status inside the list's sentence: its own words, not the label lowercased (a German
 * noun keeps its capital).
 */
const STATUS_IN_SENTENCE: Record<JobStatus, () => string> = {
  queued: () => i18n.t('forms.list.jobStatus.queued'),
  running: () => i18n.t('forms.list.jobStatus.running'),
  paused: () => i18n.t('forms.list.jobStatus.paused'),
  'awaiting-confirmation': () => i18n.t('forms.list.jobStatus.awaiting'),
  interrupted: () => i18n.t('forms.list.jobStatus.interrupted'),
  completed: () => i18n.t('forms.list.jobStatus.completed'),
  failed: () => i18n.t('forms.list.jobStatus.failed'),
  cancelled: () => i18n.t('forms.list.jobStatus.cancelled'),
};

/** "Export codes, completed 3 min ago", "Generate codes, running, 40%". */
export function lastJobText(job: JobView | undefined, now: number): string {
  if (!job) return i18n.t('forms.list.noJobs');
  const what = `${say(job.words.title)}, ${STATUS_IN_SENTENCE[job.status]()}`;
  if (isUnfinished(job.status)) {
    // How far it got means something while it moves or rests, not while it waits for you.
    const { done, total } = job.progress;
    const moving = job.status === 'running' || job.status === 'paused';
    return moving && total
      ? `${what}, ${formatPercent(Math.floor((100 * Math.min(done, total)) / total) / 100)}`
      : what;
  }
  return `${what} ${whenText(job.finishedAt ?? job.updatedAt, now)}`;
}

/** "62 bulk coupon promotions, showing 26–50", "3 of 62 match “friday”". */
export function listSummary(page: PromotionPage): string {
  const from = (page.page - 1) * page.pageSize + 1;
  const to = from + page.promotions.length - 1;
  const showing =
    page.pages > 1 ? i18n.t('forms.list.showing', [formatCount(from), formatCount(to)]) : '';
  const total = i18n.t('forms.list.promotions', page.total, [formatCount(page.total)]);
  if (!page.filter) return `${total}${showing}.`;
  const matching = i18n.t('forms.list.matching', [formatCount(page.matching), total, page.filter]);
  return `${matching}${showing}.`;
}

/** When the list was read from the store: the page keeps it two minutes. */
export function readAtText(loadedAt: number, now: number): string {
  return now - loadedAt < 60_000
    ? i18n.t('forms.list.readJustNow')
    : i18n.t('forms.list.readAgo', [whenText(loadedAt, now)]);
}
