/**
 * One writing job per promotion: two jobs creating or deleting codes on the same promotion at
 * once (two tabs, a double click, the popup and the panel) would each see the other's codes as
 * changes they cannot explain. The registry asks here before starting or resuming one.
 */
import { currentLocale } from '../locale/current';
import { momentText } from '../locale/dates';
import type { JobRecord } from './record';
import { holdsPromotion, isWritingKind } from '../vocabulary';

/** The writing job holding this promotion, other than `except`, or null. */
export function writingJobOn(
  jobs: Iterable<JobRecord>,
  storeHash: string,
  promotionId: number,
  except?: string,
  anyStatus = false,
): JobRecord | null {
  for (const r of jobs) {
    if (r.id === except || r.hidden) continue;
    if (
      r.storeHash === storeHash &&
      r.promotionId === promotionId &&
      isWritingKind(r.kind) &&
      (anyStatus || holdsPromotion(r.status))
    )
      return r;
  }
  return null;
}

const WHAT: Record<JobRecord['kind'], string> = {
  generate: 'A job generating codes',
  pattern: 'A job generating codes in your pattern',
  import: 'An import of codes',
  purge: 'A purge',
  export: 'An export',
  'delete-code': 'Deleting a code',
};
const WHERE: Partial<Record<JobRecord['status'], string>> = {
  queued: 'about to start',
  running: 'running',
  paused: 'paused',
  interrupted: 'stopped by the browser, waiting for Resume',
  'awaiting-confirmation': 'waiting for your confirmation',
  cancelled: 'stopping: it is checking what its last requests made',
  failed: 'stopping: it is checking what its last requests made',
};

/** Why a new writing job may not start, naming the job in the way and where to find it. */
export function lockedMessage(holder: JobRecord): string {
  const started = momentText(holder.createdAt, 'time', currentLocale());
  const name = holder.promotionName
    ? `“${holder.promotionName}”`
    : `promotion ${holder.promotionId}`;
  return (
    `${WHAT[holder.kind]} is already under way on ${name} (started ${started}, ${WHERE[holder.status] ?? holder.status}). ` +
    'Only one job that creates or deletes codes can work on a promotion at a time. ' +
    'It is shown in the Bulk coupon codes panel on this promotion’s page and in the extension’s toolbar popup: let it finish, or cancel it there, then try again.'
  );
}
