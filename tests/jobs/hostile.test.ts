/**
 * Odd or hostile servers cannot hurt: a redirect never carries the token anywhere, a huge body
 * is refused, endless 429s pause the job instead of spinning, nonsense counts and cursors stop
 * cleanly or fall back to the exact walk. The real engine against the sandbox's hostile modes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CouponCode } from '../../utils/api/schemas';
import type { GenerateParams } from '../../utils/jobs/types';
import { bulk, closeHarnesses, harness, spoolRows, waitFor, type Harness } from './helpers';
import { plainWords } from '@/utils/api/errors';

const params = (count: number): GenerateParams => ({
  count,
  maxUses: 1,
  maxUsesPerCustomer: 1,
  prefix: 'H',
  suffix: '',
  delimiter: '-',
  codeLength: 10,
  excludeCharacters: [],
});

let h: Harness | null = null;
afterEach(closeHarnesses);

describe('a redirect', () => {
  it('is never followed: the other host receives nothing, the job fails in plain words', async () => {
    h = await harness({ seed: { bulkCodes: 300 } });
    h.sandbox.configure({ faults: { redirect: 1 } });
    const reg = h.registry();
    const id = await reg.start({ kind: 'export', ...bulk(h), unusedOnly: false });
    const job = await waitFor(reg, id, ['failed', 'completed', 'paused']);
    expect(job.status).toBe('failed');
    expect(plainWords(job.error ?? '')).toMatch(
      /answered with a redirect to 127\.0\.0\.1:\d+\. The extension never sends your access token anywhere but api\.bigcommerce\.com/,
    );
    expect(h.sandbox.sink.requests()).toEqual([]);
    expect(h.sandbox.stats().perEndpoint.listCodes.redirected).toBeGreaterThan(0);
  });
});

describe('a huge body', () => {
  for (const chunked of [false, true]) {
    it(`is refused, not read (${chunked ? 'no Content-Length' : 'with Content-Length'})`, async () => {
      h = await harness({ seed: { bulkCodes: 300 } });
      h.sandbox.configure({
        hostile: { hugeBodyBytes: 17 * 1024 * 1024, hugeBodyChunked: chunked },
      });
      const reg = h.registry();
      const id = await reg.start({ kind: 'export', ...bulk(h), unusedOnly: false });
      const job = await waitFor(reg, id, ['failed', 'completed', 'paused']);
      expect(job.status).toBe('failed');
      expect(plainWords(job.error ?? '')).toMatch(/could not read \(larger than 16 MB\)/);
    });
  }
});

describe('429s that never end', () => {
  it('pause the job with a message once the time budget is spent, instead of spinning', async () => {
    h = await harness({ seed: { bulkCodes: 300 } });
    h.sandbox.configure({
      hostile: { always429: true, rateHeaders: { resetMs: '50', windowMs: '1000' } },
    });
    const reg = h.registry({
      governor: { backoff: { baseMs: 20, maxMs: 200 }, troubleBudgetMs: 400 },
    });
    const id = await reg.start({ kind: 'export', ...bulk(h), unusedOnly: false });
    const job = await waitFor(reg, id, ['failed', 'completed', 'paused'], 20_000);
    expect(job.status).toBe('paused');
    expect(plainWords(job.error ?? '')).toMatch(
      /kept refusing requests \(429 Too Many Requests\).*press Resume later/,
    );
    expect(reg.busy()).toBe(false);
    // Once the store lets requests through again, Resume finishes the job exactly.
    h.sandbox.configure({ hostile: {} });
    await reg.control(id, 'resume');
    const done = await waitFor(reg, id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    expect(await spoolRows<CouponCode>(h.spool, id)).toEqual(
      h.sandbox.codes(h.sandbox.promotions.bulk),
    );
  });
});

describe('a count that makes no sense (10^12 codes)', () => {
  it('an export falls back to the cursor walk and is still exact', async () => {
    h = await harness({ seed: { bulkCodes: 1_234 } });
    h.sandbox.configure({ hostile: { total: 1e12 } });
    const reg = h.registry();
    const id = await reg.start({ kind: 'export', ...bulk(h), unusedOnly: false });
    const job = await waitFor(reg, id, ['failed', 'completed', 'paused']);
    expect(job.error).toBeNull();
    expect((await reg.find(id))!.scan!.mode).toBe('cursor');
    expect(await spoolRows<CouponCode>(h.spool, id)).toEqual(
      h.sandbox.codes(h.sandbox.promotions.bulk),
    );
  });

  it('a generate stops cleanly before making anything: exactness cannot be kept without a count', async () => {
    h = await harness({ seed: { bulkCodes: 100 } });
    h.sandbox.configure({ hostile: { total: 1e12 } });
    const reg = h.registry();
    const id = await reg.start({ kind: 'generate', ...bulk(h), params: params(500) });
    const job = await waitFor(reg, id, ['failed', 'completed', 'paused']);
    expect(job.status).toBe('failed');
    expect(plainWords(job.error ?? '')).toMatch(/could not read.*no total/);
    expect(h.sandbox.codes(h.sandbox.promotions.bulk)).toHaveLength(100);
  });
});

describe('cursors that lead nowhere', () => {
  it('a cursor handed back again stops the walk with a message', async () => {
    h = await harness({ seed: { bulkCodes: 900 } });
    h.sandbox.configure({ hostile: { total: 1e12, repeatCursor: true } });
    const reg = h.registry();
    const id = await reg.start({ kind: 'export', ...bulk(h), unusedOnly: false });
    const job = await waitFor(reg, id, ['failed', 'completed', 'paused']);
    expect(job.status).toBe('failed');
    expect(plainWords(job.error ?? '')).toMatch(/same page cursor twice/);
  });

  it('fresh cursors for ever stop after the count’s pages plus a margin', async () => {
    h = await harness({ seed: { bulkCodes: 700 } });
    // The count is believable (600: 3 pages) but wrong (700 codes), so the offset reads fall
    // back to the cursor walk, whose pages never end.
    h.sandbox.configure({ hostile: { endlessCursor: true, total: 600 } });
    const reg = h.registry();
    const id = await reg.start({ kind: 'export', ...bulk(h), unusedOnly: false });
    const job = await waitFor(reg, id, ['failed', 'completed', 'paused'], 30_000);
    expect(job.status).toBe('failed');
    expect(plainWords(job.error ?? '')).toMatch(
      /kept offering more pages of codes than the promotion holds/,
    );
    expect(h.sandbox.stats().perEndpoint.listCodes.requests).toBeLessThan(40);
  });
});
