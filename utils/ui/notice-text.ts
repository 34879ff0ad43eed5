/**
 * Which job changes deserve a notification, and in what words (pure: the background's
 * notifier shows them). A job is news when it completes, is paused by the store's errors,
 * fails, or waits for the merchant's confirmation; only a change the background saw happen
 * counts (a worker starting does not tell old news again).
 */
import type { JobStatus, JobView } from '../jobs/types';
import { i18n } from '#i18n';
import { jobOnPromotion, pausedText } from './job-text';
import { sayMaybe } from './say';
import { formatCount } from './format';

export interface JobNotice {
  jobId: string;
  title: string;
  message: string;
}

function noticeOf(job: JobView): JobNotice | null {
  const title = jobOnPromotion(job);
  switch (job.status) {
    case 'completed':
    case 'failed':
      return { jobId: job.id, title, message: sayMaybe(job.words.ended) };
    case 'paused':
      return job.error ? { jobId: job.id, title, message: pausedText(job) } : null;
    case 'awaiting-confirmation': {
      const n = job.purge?.targetCount ?? 0;
      return {
        jobId: job.id,
        title,
        message: i18n.t('notify.readyToDelete', n, [formatCount(n)]),
      };
    }
    default:
      return null;
  }
}

/** The notices for what changed since `before` (each job's status as last seen). */
export function noticesFor(
  before: ReadonlyMap<string, JobStatus>,
  jobs: readonly JobView[],
): JobNotice[] {
  return jobs.flatMap((job) => {
    const was = before.get(job.id);
    if (was === undefined || was === job.status) return [];
    const notice = noticeOf(job);
    return notice ? [notice] : [];
  });
}
