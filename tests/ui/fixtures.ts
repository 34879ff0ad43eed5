/** Fake data for UI tests: jobs, stores and promotions as the background would report them. */
import { describeJob } from '@/utils/jobs/kinds';
import type { JobFacts, JobView } from '@/utils/jobs/types';
import type { ImportPreview, PromotionInfo, StoreView } from '@/utils/messages';
import { foreignCharacters, REJECT_LABEL } from '@/utils/csv/read-import';
import { said } from '@/utils/vocabulary';

export const STORE_HASH = 'abc123';
export const PROMOTION_ID = 42;
export const NOW = 1_750_000_000_000;

/** A job as the background would send it: its facts, and what its kind says of them. */
export function makeJob(patch: Partial<JobFacts> = {}): JobView {
  return describeJob({
    id: 'job-1',
    kind: 'generate',
    storeHash: STORE_HASH,
    promotionId: PROMOTION_ID,
    promotionName: 'Summer sale',
    status: 'running',
    progress: { done: 0, total: 10_000, ratePerSecond: 0, etaMs: null, wait: null },
    error: null,
    files: [],
    createdAt: NOW - 60_000,
    updatedAt: NOW,
    finishedAt: null,
    usage: null,
    reportOnly: false,
    ...patch,
  });
}

export const STORE_MODIFY: StoreView = {
  storeHash: STORE_HASH,
  access: 'modify',
  addedAt: NOW - 86_400_000,
  lastCheckedAt: NOW,
};
export const STORE_READ_ONLY: StoreView = { ...STORE_MODIFY, access: 'read-only' };

export const BULK_PROMOTION: PromotionInfo = {
  id: PROMOTION_ID,
  name: 'Summer sale',
  redemptionType: 'COUPON',
  couponType: 'BULK',
  codeCount: 12_345,
};
export const SINGLE_PROMOTION: PromotionInfo = {
  id: 7,
  name: 'Welcome code',
  redemptionType: 'COUPON',
  couponType: 'SINGLE',
  codeCount: null,
};
export const AUTOMATIC_PROMOTION: PromotionInfo = {
  id: 8,
  name: 'Free shipping over $50',
  redemptionType: 'AUTOMATIC',
  couponType: null,
  codeCount: null,
};

/** What the background answers to prepareImport for a file of 1,008 lines, two of them rejected. */
export const IMPORT_PREVIEW: ImportPreview = {
  draftId: 'draft-1',
  codes: 1_006,
  rejected: 2,
  reasons: [
    {
      kind: 'characters',
      label: REJECT_LABEL.characters,
      count: 1,
      example: { line: 1_005, code: 'not allowed!', reason: foreignCharacters('not allowed!')! },
    },
    {
      kind: 'repeated',
      label: REJECT_LABEL.repeated,
      count: 1,
      example: { line: 1_008, code: 'SPRING-0001', reason: said('lineReasons.repeated', ['3']) },
    },
  ],
  estimate: { ms: 19_980_000, basis: 'quota', quota: 150, windowMs: 30_000 },
};
