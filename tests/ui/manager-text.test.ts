/** The manager list's words on plain inputs: status, code count, last job, what the list holds. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  codeCountText,
  lastJobs,
  lastJobText,
  listSummary,
  readAtText,
  statusText,
} from '@/components/manager/list-text';
import type { JobStatus } from '@/utils/jobs/types';
import type { PromotionPage } from '@/utils/messages';
import { setLocale } from '@/utils/locale/current';
import { speak } from '../i18n-double';
import { NOW, makeJob } from './fixtures';

describe('status and counts', () => {
  it('the store’s words as a merchant reads them', () => {
    expect(['ENABLED', 'DISABLED', 'INVALID', 'SOME_NEW_STATE', null, ''].map(statusText)).toEqual([
      'Enabled',
      'Disabled',
      'Invalid',
      'Some new state',
      'Status unknown',
      'Status unknown',
    ]);
  });
  it('0 codes is a count; null is said to be unknown for now', () => {
    expect([0, 1, 12_345, null].map(codeCountText)).toEqual([
      '0 codes',
      '1 code',
      '12,345 codes',
      'code count not available just now',
    ]);
  });
});

describe('last job', () => {
  it('the newest job of each promotion of one store', () => {
    const jobs = [
      makeJob({ id: 'a', promotionId: 1, createdAt: 10 }),
      makeJob({ id: 'b', promotionId: 1, createdAt: 30 }),
      makeJob({ id: 'c', promotionId: 1, createdAt: 20 }),
      makeJob({ id: 'd', promotionId: 2, storeHash: 'other', createdAt: 99 }),
    ];
    const last = lastJobs(jobs, 'abc123');
    expect([...last.entries()].map(([id, j]) => [id, j.id])).toEqual([[1, 'b']]);
  });

  it('unfinished with progress, finished with when', () => {
    const at = (minutesAgo: number) => NOW - minutesAgo * 60_000;
    expect(
      lastJobText(
        makeJob({
          kind: 'generate',
          status: 'running',
          progress: { done: 999, total: 1_000, ratePerSecond: 1, etaMs: 1, wait: null },
        }),
        NOW,
      ),
    ).toBe('Generate codes, running, 99%');
    expect(
      lastJobText(
        makeJob({
          kind: 'export',
          status: 'running',
          progress: { done: 0, total: null, ratePerSecond: 0, etaMs: null, wait: null },
        }),
        NOW,
      ),
    ).toBe('Export codes, running');
    expect(lastJobText(makeJob({ kind: 'purge', status: 'awaiting-confirmation' }), NOW)).toBe(
      'Purge codes, waiting for your confirmation',
    );
    expect(
      lastJobText(makeJob({ kind: 'export', status: 'completed', finishedAt: NOW - 20_000 }), NOW),
    ).toBe('Export codes, completed less than a minute ago');
    expect(
      lastJobText(makeJob({ kind: 'export', status: 'failed', finishedAt: at(45) }), NOW),
    ).toBe('Export codes, failed 45 min ago');
    expect(
      lastJobText(makeJob({ kind: 'import', status: 'cancelled', finishedAt: at(185) }), NOW),
    ).toBe('Import codes, cancelled 3 h ago');
    expect(
      lastJobText(
        makeJob({ kind: 'generate', status: 'completed', finishedAt: at(3 * 24 * 60) }),
        NOW,
      ),
    ).toMatch(/^Generate codes, completed on [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    expect(lastJobText(undefined, NOW)).toBe('no jobs yet');
  });
});

describe('last job, in German', () => {
  afterEach(() => setLocale(null));

  it('each status in the sentence as German writes it: its nouns keep their capital', async () => {
    await speak('de');
    setLocale('de');
    const job = (status: JobStatus) =>
      lastJobText(makeJob({ kind: 'purge', status, finishedAt: NOW - 20_000 }), NOW);
    expect(job('awaiting-confirmation')).toBe('Codes löschen, wartet auf Ihre Bestätigung');
    expect(job('interrupted')).toBe('Codes löschen, vom Browser angehalten');
    expect(job('completed')).toMatch(/^Codes löschen, abgeschlossen /);
  });
});

describe('what the list holds', () => {
  const page = (patch: Partial<PromotionPage>): PromotionPage => ({
    storeHash: 's',
    promotions: [],
    page: 1,
    pages: 1,
    pageSize: 25,
    filter: '',
    matching: 0,
    total: 0,
    loadedAt: NOW,
    ...patch,
  });
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `P${i}`, status: null, codeCount: 0 }));

  it('counts, the slice shown on many pages, and the filter the page matched', () => {
    expect(listSummary(page({ promotions: rows(1), total: 1, matching: 1 }))).toBe(
      '1 bulk coupon promotion.',
    );
    expect(
      listSummary(
        page({ promotions: rows(25), total: 1_062, matching: 1_062, page: 2, pages: 43 }),
      ),
    ).toBe('1,062 bulk coupon promotions, showing 26–50.');
    expect(
      listSummary(page({ promotions: rows(12), total: 62, matching: 62, page: 3, pages: 3 })),
    ).toBe('62 bulk coupon promotions, showing 51–62.');
    expect(
      listSummary(page({ promotions: rows(3), total: 62, matching: 3, filter: 'friday' })),
    ).toBe('3 of 62 bulk coupon promotions match “friday”.');
  });

  it('when the list was read', () => {
    expect(readAtText(NOW - 5_000, NOW)).toBe('List read from the store just now.');
    expect(readAtText(NOW + 5_000, NOW)).toBe('List read from the store just now.');
    expect(readAtText(NOW - 90_000, NOW)).toBe('List read from the store 2 min ago.');
  });
});
