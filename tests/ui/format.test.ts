import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import type { JobView } from '@/utils/jobs/types';
import { setLocale } from '@/utils/locale/current';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatPercent,
  formatRate,
  pluralCodes,
} from '@/utils/ui/format';
import { controlsFor, etaText, progressText, waitText } from '@/utils/ui/job-text';
import { makeJob } from './fixtures';
import { sayMaybe } from '@/utils/ui/say';

describe('format', () => {
  test('counts, rates, durations', () => {
    expect(formatCount(12500)).toBe('12,500');
    expect(pluralCodes(1)).toBe('1 code');
    expect(pluralCodes(10000)).toBe('10,000 codes');
    expect(formatRate(1900.4)).toBe('1,900 codes/s');
    expect(formatRate(0.54)).toBe('0.5 codes/s');
    expect(formatRate(0)).toBe('0 codes/s');
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatDuration(25 * 60_000)).toBe('25 min');
    expect(formatDuration(65 * 60_000)).toBe('1 h 5 min');
  });

  test('counts in an English browser are written as Intl.NumberFormat en-US writes them', () => {
    const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    const same = (n: number) => expect(formatCount(n)).toBe(intl.format(Math.round(n)));
    for (const n of [
      0,
      7,
      999,
      1000,
      999_999,
      1_000_000,
      123_456_789,
      -1,
      -1234,
      1e21,
      2 ** 53,
      0.5,
      1.5,
      -1.5,
      999.6,
      NaN,
      Infinity,
      -Infinity,
    ])
      same(n);
    const numbers = fc.oneof(
      fc.integer({ min: -1e12, max: 1e12 }),
      fc.double({ min: -1e16, max: 1e16, noNaN: true }),
    );
    fc.assert(
      fc.property(numbers, (n) => {
        if (!Object.is(Math.round(n), -0)) same(n);
      }),
      { numRuns: 5_000 },
    );
    // Intl writes -0 as "-0"; a count is never negative zero to a merchant.
    expect(formatCount(-0)).toBe('0');
    expect(formatCount(-0.4)).toBe('0');
  });

  test('loading the modules makes no Intl formatter (the content script loads them before the page has); the first count makes one, kept for every count after', async () => {
    const numbers = vi.spyOn(Intl, 'NumberFormat');
    const dates = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      vi.resetModules();
      const fresh = await import('@/utils/ui/format');
      await import('@/utils/ui/check-numbers');
      await import('@/utils/ui/usage-text');
      await import('@/utils/ui/job-text');
      await import('@/utils/codes/pattern');
      expect(numbers).not.toHaveBeenCalled();
      expect(dates).not.toHaveBeenCalled();
      expect(fresh.pluralCodes(12_500)).toBe('12,500 codes');
      expect(numbers).toHaveBeenCalledTimes(1);
      expect(fresh.formatCount(3)).toBe('3');
      expect(fresh.pluralCodes(1_000_000)).toBe('1,000,000 codes');
      expect(numbers).toHaveBeenCalledTimes(1);
    } finally {
      numbers.mockRestore();
      dates.mockRestore();
    }
  });

  test("counts, rates, sizes and shares in the page's locale", () => {
    try {
      setLocale('de-DE');
      expect(formatCount(12_500)).toBe('12.500');
      expect(pluralCodes(10_000)).toBe('10.000 codes');
      expect(formatRate(0.54)).toBe('0,5 codes/s');
      expect(formatRate(1900.4)).toBe('1.900 codes/s');
      expect(formatBytes(1536)).toBe('1,5 KB');
      expect(formatPercent(0.04)).toBe('4\u00a0%');
      setLocale('fr-FR');
      expect(formatCount(12_500)).toBe('12\u202f500');
      setLocale('en-US');
      expect(formatBytes(1536)).toBe('1.5 KB');
      expect(formatPercent(0.04)).toBe('4%');
    } finally {
      setLocale(null);
    }
    // A locale given beats the page's.
    expect(formatCount(1234, 'nl')).toBe('1.234');
    expect(formatCount(1234, 'it')).toBe('1234');
    expect(formatCount(12_345, 'es')).toBe('12.345');
  });
});

describe('job text', () => {
  const now = 1_750_000_000_000;
  test('wait reasons in words', () => {
    expect(waitText({ kind: 'quota', untilMs: now + 12_000 }, now)).toBe(
      "Waiting for the store's API quota (resumes in 12 s)",
    );
    expect(waitText({ kind: 'rate-limited', untilMs: now + 3_000 }, now)).toMatch(
      /^BigCommerce asked us to slow down…/,
    );
    expect(waitText({ kind: 'platform-busy', untilMs: now + 5_000 }, now)).toMatch(/busy/);
    expect(waitText({ kind: 'retrying', untilMs: now + 1_000, attempt: 2 }, now)).toBe(
      'Connection problem, retrying (attempt 2)…',
    );
    expect(waitText({ kind: 'reconciling' }, now)).toBe(
      'Checking with the store which codes were created…',
    );
    // Never a negative countdown.
    expect(waitText({ kind: 'quota', untilMs: now - 5_000 }, now)).toMatch(/resumes in 0 s/);
  });

  test('progress, eta, completed and failed', () => {
    const job: JobView = makeJob({
      progress: { done: 12_500, total: 100_000, ratePerSecond: 1900, etaMs: 46_000, wait: null },
    });
    expect(progressText(job)).toBe('12,500 / 100,000');
    expect(etaText(job)).toBe('About 46 s left');
    expect(
      progressText(
        makeJob({
          progress: { done: 300, total: null, ratePerSecond: 0, etaMs: null, wait: null },
        }),
      ),
    ).toBe('300');
    // A job's own words come with its view (said by its kind in the background).
    expect(
      sayMaybe(
        makeJob({
          status: 'completed',
          progress: { done: 10_000, total: 10_000, ratePerSecond: 0, etaMs: null, wait: null },
        }).words.ended,
      ),
    ).toBe('Completed: 10,000 codes generated.');
    expect(
      sayMaybe(
        makeJob({ status: 'failed', error: 'The token was revoked. Connect the store again.' })
          .words.ended,
      ),
    ).toBe('Generating codes stopped: The token was revoked. Connect the store again.');
  });

  test('controls that apply', () => {
    expect(controlsFor('running')).toEqual({ pause: true, resume: false, cancel: true });
    expect(controlsFor('paused')).toEqual({ pause: false, resume: true, cancel: true });
    expect(controlsFor('interrupted')).toEqual({ pause: false, resume: true, cancel: true });
    expect(controlsFor('completed')).toEqual({ pause: false, resume: false, cancel: false });
    // Failure messages say "try Resume" / "then resume": the button is there.
    expect(controlsFor('failed')).toEqual({ pause: false, resume: true, cancel: false });
    expect(controlsFor('cancelled')).toEqual({ pause: false, resume: false, cancel: false });
  });
});
