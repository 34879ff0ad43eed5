/**
 * One writing job per promotion: two jobs creating or deleting codes on the same promotion at
 * once (two tabs, a double click, the popup and the panel) would each see the other's codes as
 * changes they cannot explain. The registry asks here before starting or resuming one.
 */
import { ApiError } from '../api/errors';
import { currentLocale } from '../locale/current';
import { momentText } from '../locale/dates';
import { kindOf } from './kinds';
import type { JobRecord } from './record';
import { holdsPromotion, said, type Said } from '../vocabulary';

type Claim = Pick<JobRecord, 'id' | 'kind' | 'storeHash' | 'promotionId'>;

/**
 * Whether a job holds its promotion: one that creates or deletes codes, not over yet, or still
 * winding down (checking what its last requests made, whatever its status says).
 */
export function holdsItsPromotion(r: JobRecord, windingDown: boolean): boolean {
  return !r.hidden && kindOf(r.kind).writes && (holdsPromotion(r.status) || windingDown);
}

/** A writing job may not start or resume beside the job holding its promotion. */
export function refuseIfLocked(
  jobs: Iterable<JobRecord>,
  claim: Claim,
  windingDown: (id: string) => boolean,
): void {
  if (!kindOf(claim.kind).writes) return;
  for (const r of jobs)
    if (
      r.id !== claim.id &&
      r.storeHash === claim.storeHash &&
      r.promotionId === claim.promotionId &&
      holdsItsPromotion(r, windingDown(r.id))
    )
      throw new ApiError('locked', lockedMessage(r));
}

/** Where the job in the way stands, as the catalogue says it (errors.where.*). */
const WHERE: Record<JobRecord['status'], string> = {
  queued: 'queued',
  running: 'running',
  paused: 'paused',
  interrupted: 'interrupted',
  'awaiting-confirmation': 'awaiting',
  // Over, yet still holding the store: its last requests are being checked.
  completed: 'windingDown',
  cancelled: 'windingDown',
  failed: 'windingDown',
};

/** Why a new writing job may not start, naming the job in the way and where to find it. */
function lockedMessage(holder: JobRecord): Said {
  const started = momentText(holder.createdAt, 'time', currentLocale());
  const name = holder.promotionName
    ? said('errors.promotionNamed', [holder.promotionName])
    : said('errors.promotionNumber', [String(holder.promotionId)]);
  return said('errors.locked', [
    said(kindOf(holder.kind).lockName),
    name,
    started,
    said(`errors.where.${WHERE[holder.status]}`),
  ]);
}
