import { describe, expect, test } from 'vitest';
import type { JobFacts } from '@/utils/jobs/types';
import { changesAtReading, liveCodeCount } from '@/utils/ui/live-count';
import { PROMOTION_ID, STORE_HASH, makeJob } from './fixtures';

const progress = (done: number) => ({
  done,
  total: 5_000,
  ratePerSecond: 0,
  etaMs: null,
  wait: null,
});

/** Codes a job has changed in its promotion, as its view says (its kind's count). */
const codesChangedBy = (patch: Partial<JobFacts>) => makeJob(patch).codesChanged;

describe('the live code count', () => {
  test('what each kind of job changes', () => {
    expect(codesChangedBy({ kind: 'generate', progress: progress(3_000) })).toBe(3_000);
    expect(
      codesChangedBy({ kind: 'import', create: { created: 40, rejected: 3, clashes: 0 } }),
    ).toBe(40);
    expect(
      codesChangedBy({
        kind: 'purge',
        progress: progress(900),
        purge: {
          plannedAt: 1,
          mode: 'all',
          targetCount: 900,
          notFound: null,
          deleted: 250,
          failed: 0,
        },
      }),
    ).toBe(-250);
    expect(codesChangedBy({ kind: 'export', progress: progress(5_000) })).toBe(0);
  });

  test('the reading plus what the jobs did since: 222 read before a generate reached 3,000', () => {
    const before = [makeJob({ id: 'g', kind: 'generate', progress: progress(0) })];
    const at = changesAtReading(before, STORE_HASH, PROMOTION_ID);
    const now = [makeJob({ id: 'g', kind: 'generate', progress: progress(3_000) })];
    expect(liveCodeCount(222, at, now, STORE_HASH, PROMOTION_ID)).toBe(3_222);
    // A job of another promotion changes nothing here.
    const other = makeJob({ id: 'o', promotionId: 7, progress: progress(100) });
    expect(liveCodeCount(222, at, [...now, other], STORE_HASH, PROMOTION_ID)).toBe(3_222);
    // A job first seen after the reading counts from 0.
    expect(liveCodeCount(222, new Map(), now, STORE_HASH, PROMOTION_ID)).toBe(3_222);
  });
});
