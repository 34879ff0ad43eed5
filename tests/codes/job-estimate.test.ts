import { describe, expect, test } from 'vitest';
import { createEstimate } from '@/utils/codes/estimate';
import { estimateJob } from '@/utils/codes/job-estimate';
import { jobEstimateText } from '@/utils/ui/estimate-text';

const STANDARD = { quota: 150, windowMs: 30_000 };
const PRO = { quota: 450, windowMs: 30_000 };
const UNKNOWN = { quota: null, windowMs: null };

describe('estimateJob', () => {
  test('requests each kind sends', () => {
    expect(estimateJob({ kind: 'generate', count: 100_000 }, STANDARD).requests).toBe(402);
    expect(estimateJob({ kind: 'create', count: 1000 }, STANDARD).requests).toBe(1001);
    expect(estimateJob({ kind: 'export', codes: 100_000 }, STANDARD).requests).toBe(400);
    expect(estimateJob({ kind: 'export', codes: 0 }, STANDARD).requests).toBe(1);
    expect(estimateJob({ kind: 'purge', mode: 'all', codes: 100_000 }, STANDARD).requests).toBe(
      800,
    );
    // Unused: one re-read per delete, counted as if every code were unused.
    const unused = estimateJob({ kind: 'purge', mode: 'unused', codes: 100_000 }, STANDARD);
    expect([unused.requests, unused.atMost]).toEqual([1200, true]);
    expect(
      estimateJob({ kind: 'purge', mode: 'list', codes: 100_000, listed: 3 }, STANDARD).requests,
    ).toBe(401);
  });

  test('quota-bound time: every window but the last waited out', () => {
    const e = estimateJob({ kind: 'generate', count: 100_000 }, STANDARD);
    // 402 requests at 144 a window: 3 windows, 2 waited out; then the last 114: the count after
    // (one at a time) and 112 codegens, 10 at a time.
    expect(e.basis).toBe('quota');
    expect(e.ms).toBe(2 * 30_000 + 250 * 2 + 12 * 250);
    const purge = estimateJob({ kind: 'purge', mode: 'all', codes: 100_000 }, PRO);
    // 800 at 432 a window: one wait, then 368 deletes 40 at a time.
    expect(purge.ms).toBe(30_000 + 10 * 250);
  });

  test('the import dialog’s model gives the same time for the same requests', () => {
    for (const count of [1, 1000, 100_000])
      for (const pace of [STANDARD, PRO, UNKNOWN])
        expect(estimateJob({ kind: 'create', count }, pace).ms).toBeCloseTo(
          createEstimate(count + 1, pace).ms,
          -3,
        );
  });

  test('share of the hourly quota, and over an hour', () => {
    const e = estimateJob({ kind: 'export', codes: 100_000 }, STANDARD);
    expect(e.hourShare).toBeCloseTo(400 / 18_000);
    expect(e.overHour).toBe(false);
    const long = estimateJob({ kind: 'create', count: 100_000 }, STANDARD);
    expect(long.overHour).toBe(true);
    expect(long.hourShare).toBeCloseTo(144 / 150);
    expect(estimateJob({ kind: 'export', codes: 100 }, UNKNOWN).hourShare).toBeNull();
    // An unlimited plan (2^31 - 1) has no quota to share.
    expect(
      estimateJob({ kind: 'export', codes: 100 }, { quota: 2 ** 31 - 1, windowMs: 30_000 }).quota,
    ).toBeNull();
  });
});

describe('jobEstimateText', () => {
  test('time on the plan, requests, share', () => {
    expect(jobEstimateText(estimateJob({ kind: 'export', codes: 100_000 }, STANDARD))).toBe(
      "About 1 min 3 s on this store's plan; uses 400 requests (2% of the store's hourly quota, which its other apps share).",
    );
  });
  test('over an hour: the browser must stay open', () => {
    const text = jobEstimateText(estimateJob({ kind: 'create', count: 100_000 }, STANDARD));
    expect(text).toMatch(/^About 5 h 47 min on this store's plan; uses 100,001 requests, 96%/);
    expect(text).toContain('Keep the browser open until it finishes');
  });
  test('quota not known; an unused purge says "at most"', () => {
    expect(jobEstimateText(estimateJob({ kind: 'export', codes: 2500 }, UNKNOWN))).toBe(
      "About 1 s; uses 10 requests. This store's quota is not known yet: it may take longer.",
    );
    expect(
      jobEstimateText(estimateJob({ kind: 'purge', mode: 'unused', codes: 2500 }, STANDARD)),
    ).toMatch(/^At most about .* uses up to 30 requests/);
  });
});
