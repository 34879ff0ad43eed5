import { describe, expect, test } from 'vitest';
import {
  ATTENTION_RED,
  badgeIdleTitle,
  badgeFor,
  FAILED_NEWS_MS,
  PROGRESS_BLUE,
} from '@/utils/ui/badge-text';
import { makeJob, NOW } from './fixtures';

const progress = (done: number, total: number | null, etaMs: number | null = null) => ({
  done,
  total,
  etaMs,
  ratePerSecond: 10,
  wait: null,
});

describe('badgeFor', () => {
  test('nothing going on: empty text, the extension’s name as title', () => {
    expect(badgeFor([], NOW)).toEqual({ text: '', color: PROGRESS_BLUE, title: badgeIdleTitle() });
    const history = [
      makeJob({ status: 'completed' }),
      makeJob({ status: 'cancelled' }),
      makeJob({ status: 'paused' }), // paused by the merchant: theirs to end
    ];
    expect(badgeFor(history, NOW).text).toBe('');
  });

  test('running: overall progress, with each job’s name and time left in the title', () => {
    const badge = badgeFor(
      [
        makeJob({ progress: progress(4_000, 10_000, 125_000) }),
        makeJob({
          id: 'job-2',
          kind: 'export',
          promotionName: null,
          promotionId: 7,
          progress: progress(200, 0),
        }),
        makeJob({ id: 'job-3', kind: 'purge', progress: progress(200, 0), status: 'queued' }),
      ],
      NOW,
    );
    expect(badge.text).toBe('40%');
    expect(badge.color).toBe(PROGRESS_BLUE);
    expect(badge.title.split('\n')).toEqual([
      'Generate codes on “Summer sale”: 40%, about 2 min 5 s left',
      'Export codes on promotion 7: starting',
      'Purge codes on “Summer sale”: starting',
    ]);
    expect(badgeFor([makeJob({ progress: progress(999, 1000) })], NOW).text).toBe('99%');
    expect(badgeFor([makeJob({ progress: progress(5, null) })], NOW).text).toBe('…');
  });

  test('"!" in red when a job needs the merchant, whatever else runs', () => {
    for (const job of [
      makeJob({ status: 'paused', error: 'The store answered 500 five times.' }),
      makeJob({ status: 'interrupted' }),
      makeJob({ status: 'failed', finishedAt: NOW - 1000 }),
      makeJob({ kind: 'purge', status: 'awaiting-confirmation' }),
    ]) {
      const badge = badgeFor([makeJob({ id: 'run', progress: progress(1, 2) }), job], NOW);
      expect([badge.text, badge.color]).toEqual(['!', ATTENTION_RED]);
      expect(badge.title.split('\n')).toHaveLength(2);
    }
    expect(badgeFor([makeJob({ kind: 'purge', status: 'awaiting-confirmation' })], NOW).title).toBe(
      'Purge codes on “Summer sale”: waiting for your confirmation',
    );
    // A failure from days ago is history.
    expect(
      badgeFor([makeJob({ status: 'failed', finishedAt: NOW - FAILED_NEWS_MS - 1 })], NOW).text,
    ).toBe('');
  });
});
