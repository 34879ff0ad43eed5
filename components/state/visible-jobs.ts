/** Which jobs the panel shows for the promotion it is on (the popup shows every job instead). */
import type { JobView } from '@/utils/jobs/types';
import { isUnfinished } from '@/utils/ui/job-text';

/** Jobs of one promotion, newest first. */
function jobsForPromotion(
  jobs: readonly JobView[],
  storeHash: string,
  promotionId: number | null,
): JobView[] {
  if (promotionId === null) return [];
  return jobs
    .filter((job) => job.storeHash === storeHash && job.promotionId === promotionId)
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** Every unfinished job, then the latest finished one unless the merchant dismissed it. */
export function visibleJobs(
  jobs: readonly JobView[],
  storeHash: string,
  promotionId: number | null,
  dismissed: readonly string[],
): JobView[] {
  const mine = jobsForPromotion(jobs, storeHash, promotionId);
  const unfinished = mine.filter((job) => isUnfinished(job.status));
  const lastFinished = mine
    .filter((job) => !isUnfinished(job.status))
    .sort((a, b) => (b.finishedAt ?? b.updatedAt) - (a.finishedAt ?? a.updatedAt))[0];
  return lastFinished && !dismissed.includes(lastFinished.id)
    ? [...unfinished, lastFinished]
    : unfinished;
}
