import { afterEach, describe, expect, it } from 'vitest';
import {
  closeHarnesses,
  confirm,
  harness,
  spoolRows,
  waitFor,
  type Harness,
  type RegistryOptions,
} from './helpers';
import { generateSpools, type GeneratedRow } from '../../utils/jobs/generate';
import type { CouponCode } from '../../utils/api/schemas';
import { purgeSpools } from '../../utils/jobs/purge';
import { probeBatchFirst } from '../../utils/jobs/purge-execute';
import { usageOf } from '../../utils/codes/usage';
import type { GenerateParams } from '../../utils/jobs/types';
import { plainWords } from '@/utils/api/errors';

const params = (count: number, extra: Partial<GenerateParams> = {}): GenerateParams => ({
  count,
  maxUses: 1,
  maxUsesPerCustomer: 1,
  prefix: 'SPRING',
  suffix: '',
  delimiter: '-',
  codeLength: 10,
  excludeCharacters: [],
  ...extra,
});

let h: Harness | null = null;
afterEach(closeHarnesses);

/** The bulk promotion's codes now, to tell afterwards which ones a job made. */
const bulkCodesNow = (t: Harness) =>
  new Set(t.sandbox.codes(t.sandbox.promotions.bulk).map((c) => c.code));
/** The bulk promotion's codes not in `before`, sorted. */
const madeSince = (t: Harness, before: Set<string>) =>
  t.sandbox
    .codes(t.sandbox.promotions.bulk)
    .filter((c) => !before.has(c.code))
    .map((c) => c.code)
    .sort();

/**
 * What "exactly N" means: the job's file lists exactly N codes it made, each once, all in the
 * store; everything else the promotion gained is in the unattributed file, and nothing the job
 * did not make was deleted (every code present before is still there).
 */
async function expectExact(
  t: Harness,
  id: string,
  before: Set<string>,
  n: number,
): Promise<{ others: string[] }> {
  const now = t.sandbox.codes(t.sandbox.promotions.bulk).map((c) => c.code);
  for (const c of before) expect(now).toContain(c);
  const created = madeSince(t, before);
  const ledger = (await spoolRows<GeneratedRow>(t.spool, id)).map((r) => r.code);
  const others = (await spoolRows<CouponCode>(t.spool, generateSpools(id).unattributed)).map(
    (r) => r.code,
  );
  expect(ledger).toHaveLength(n);
  expect(new Set(ledger).size).toBe(n);
  expect([...ledger, ...others].sort()).toEqual(created);
  expect(t.sandbox.stats().perEndpoint.deleteCodes.requests).toBe(0);
  return { others };
}

/** A new worker (state only from storage and the spool) finishes the job: exactly `n` codes in the file, each in the store. */
async function resumeInNewWorker(
  t: Harness,
  id: string,
  before: Set<string>,
  n: number,
): Promise<void> {
  const second = t.registry();
  await second.recover(true);
  const job = await waitFor(second, id, ['completed', 'failed']);
  expect(job.error).toBeNull();
  const { others } = await expectExact(t, id, before, n);
  expect(job.generate?.unattributed).toBe(others.length);
}

describe('generate', () => {
  it('makes exactly N codes and every one reaches the file', async () => {
    h = await harness({ seed: { bulkCodes: 300 } });
    const reg = h.registry();
    const before = bulkCodesNow(h);
    const id = await reg.start({
      kind: 'generate',
      storeHash: h.sandbox.storeHash,
      promotionId: h.sandbox.promotions.bulk,
      params: params(1234),
    });
    const job = await waitFor(reg, id, ['completed', 'failed']);
    expect(job.error).toBeNull();
    expect(job.status).toBe('completed');
    const { others } = await expectExact(h, id, before, 1234);
    expect(others).toEqual([]);
    expect(job.generate).toEqual({ unattributed: 0, unanswered: 0, lost: 0, cutOff: 0 });
    expect(h.files).toEqual([{ jobId: id, kind: 'generated', rows: 1234 }]);
    for (const c of madeSince(h, before)) expect(c).toMatch(/^SPRING-[A-Z0-9]{10}$/);
  });

  it('stays exact when connections drop after the store made the codes: unanswered batches are listed, not claimed', async () => {
    h = await harness({
      seed: { bulkCodes: 700 },
      faults: { drop: 0.15, error500: 0.05 },
      latencyMs: 2,
    });
    const reg = h.registry();
    const before = bulkCodesNow(h);
    const id = await reg.start({
      kind: 'generate',
      storeHash: h.sandbox.storeHash,
      promotionId: h.sandbox.promotions.bulk,
      params: params(5000),
    });
    const job = await waitFor(reg, id, ['completed', 'failed']);
    expect(job.error).toBeNull();
    expect(h.sandbox.stats().perEndpoint.codegen.dropped).toBeGreaterThan(0);
    const { others } = await expectExact(h, id, before, 5000);
    // Dropped codegen answers: the store made those codes, and the job cannot prove it.
    expect(others.length).toBeGreaterThan(0);
    expect(job.generate).toMatchObject({ unattributed: others.length });
    expect(job.generate!.unanswered).toBeGreaterThan(0);
    expect(h.files.map((f) => f.kind)).toEqual(['generated', 'unattributed']);
  });

  it('a batch the browser resends by itself (Chrome on a kept-alive connection) is listed apart, never deleted', async () => {
    h = await harness({ seed: { bulkCodes: 700 }, faults: { drop: 0.15 }, latencyMs: 2 });
    // Chrome repeats a request whose reused connection closed before any answer, POSTs
    // included, and the page only sees the second answer: the first batch exists unseen.
    const sandboxFetch = h.sandbox.fetch;
    let resent = 0;
    const resending: typeof fetch = async (input, init) => {
      try {
        return await sandboxFetch(input, init);
      } catch (e) {
        if (init?.method !== 'POST') throw e;
        resent++;
        return sandboxFetch(input, init);
      }
    };
    const reg = h.registry({ fetch: resending });
    const before = bulkCodesNow(h);
    const id = await reg.start({
      kind: 'generate',
      storeHash: h.sandbox.storeHash,
      promotionId: h.sandbox.promotions.bulk,
      params: params(5000),
    });
    const job = await waitFor(reg, id, ['completed', 'failed']);
    expect(job.error).toBeNull();
    expect(job.progress.done).toBe(5000);
    expect(resent).toBeGreaterThan(0);
    const { others } = await expectExact(h, id, before, 5000);
    expect(others.length).toBeGreaterThan(0);
    expect(job.generate?.unattributed).toBe(others.length);
  });

  it('resumes after the worker is stopped mid-job with nothing lost or duplicated', async () => {
    h = await harness({ seed: { bulkCodes: 10 }, latencyMs: 5 });
    const first = h.registry();
    const before = bulkCodesNow(h);
    const id = await first.start({
      kind: 'generate',
      storeHash: h.sandbox.storeHash,
      promotionId: h.sandbox.promotions.bulk,
      params: params(6000),
    });
    // Stop once the job is well under way, with requests in flight.
    for (let done = 0; done < 1500;) {
      await new Promise((r) => setTimeout(r, 5));
      done = (await first.list()).find((j) => j.id === id)?.progress.done ?? 0;
    }
    h!.kill(first); // requests in flight are cut, as when Chrome stops the worker
    const made = h.sandbox.codes(h.sandbox.promotions.bulk).length - before.size;
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(6000);

    await resumeInNewWorker(h, id, before, 6000);
  });

  it('resumes exactly when the saved checkpoint lags behind the spool (progress saved once a second)', async () => {
    h = await harness({ seed: { bulkCodes: 10 }, latencyMs: 20 });
    // Progress (and with it the next chunk number) is written at most once a minute here, as
    // a stop can come between two writes: the spool is then ahead of the saved checkpoint.
    const first = h.registry({ saveEveryMs: 60_000 });
    const before = bulkCodesNow(h);
    // Large enough that the saved checkpoint can lag many chunks behind the spool.
    const id = await first.start({
      kind: 'generate',
      storeHash: h.sandbox.storeHash,
      promotionId: h.sandbox.promotions.bulk,
      params: params(20_000),
    });
    for (let done = 0; done < 3000;) {
      await new Promise((r) => setTimeout(r, 5));
      done = (await first.list()).find((j) => j.id === id)?.progress.done ?? 0;
    }
    h!.kill(first);
    await new Promise((r) => setTimeout(r, 100)); // requests cut off still land on the store

    await resumeInNewWorker(h, id, before, 20_000);
  });
});

describe('export', () => {
  it('a usage report reads the same, and saves no file', async () => {
    h = await harness({ seed: { bulkCodes: 700 } });
    const reg = h.registry();
    const id = await reg.start({
      kind: 'export',
      storeHash: h.sandbox.storeHash,
      promotionId: h.sandbox.promotions.bulk,
      unusedOnly: false,
      reportOnly: true,
    });
    const job = await waitFor(reg, id, ['completed', 'failed']);
    expect(job.reportOnly).toBe(true);
    expect(job.usage).toEqual(usageOf(h.sandbox.codes(h.sandbox.promotions.bulk)));
    expect(job.files).toEqual([]);
    expect(h.saves).toEqual([]);
  });

  it('a worker stopped mid-export: the resumed job tells the usage of every code, the pages read before the stop included', async () => {
    h = await harness({ seed: { bulkCodes: 6000 }, latencyMs: 10 });
    const first = h.registry();
    const id = await first.start({
      kind: 'export',
      storeHash: h.sandbox.storeHash,
      promotionId: h.sandbox.promotions.bulk,
      unusedOnly: false,
    });
    for (let done = 0; done < 1500;) {
      await new Promise((r) => setTimeout(r, 5));
      done = (await first.list()).find((j) => j.id === id)?.progress.done ?? 0;
    }
    h!.kill(first);
    const second = h.registry();
    await second.recover(false);
    const job = await waitFor(second, id, ['completed', 'failed']);
    expect(job.error).toBeNull();
    expect(job.usage).toEqual(usageOf(h.sandbox.codes(h.sandbox.promotions.bulk)));
    expect(await spoolRows<CouponCode>(h.spool, id)).toEqual(
      h.sandbox.codes(h.sandbox.promotions.bulk),
    );
  });

  it('exports exactly the server set through the parallel path', async () => {
    h = await harness({ seed: { bulkCodes: 5321 }, latencyMs: 1 });
    const reg = h.registry();
    const id = await reg.start({
      kind: 'export',
      storeHash: h.sandbox.storeHash,
      promotionId: h.sandbox.promotions.bulk,
      unusedOnly: false,
    });
    const job = await waitFor(reg, id, ['completed', 'failed']);
    expect(job.error).toBeNull();
    const rows = await spoolRows<CouponCode>(h.spool, id);
    expect(rows).toEqual(h.sandbox.codes(h.sandbox.promotions.bulk));
    expect((await reg.find(id))!.scan!.mode).toBe('pages');
    expect(job.progress.done).toBe(5321);
    // The same reading tells how the codes are used.
    expect(job.usage).toEqual(usageOf(h.sandbox.codes(h.sandbox.promotions.bulk)));
    expect(job.usage!.used).toBeGreaterThan(0);
  });

  it('stays exact with 500s, drops and 429 bursts', async () => {
    h = await harness({
      seed: { bulkCodes: 4000 },
      latencyMs: 1,
      faults: { error500: 0.05, drop: 0.05, burst429: 0.02 },
    });
    const reg = h.registry();
    const id = await reg.start({
      kind: 'export',
      storeHash: h.sandbox.storeHash,
      promotionId: h.sandbox.promotions.bulk,
      unusedOnly: true,
    });
    const job = await waitFor(reg, id, ['completed', 'failed']);
    expect(job.error).toBeNull();
    const rows = await spoolRows<CouponCode>(h.spool, id);
    expect(rows).toEqual(h.sandbox.codes(h.sandbox.promotions.bulk));
    expect(h.files[0]!.rows).toBe(rows.filter((r) => r.current_uses === 0).length);
    expect(h.files[0]!.rows).toBeLessThan(4000);
  });
});

describe('purge', () => {
  async function purge(
    h: Harness,
    mode: 'all' | 'unused' | 'list',
    codes?: string[],
    deps: RegistryOptions = {},
  ) {
    const reg = h.registry(deps);
    const csvText = codes ? `code\r\n${codes.join('\r\n')}\r\n` : undefined;
    const id = await reg.start({
      kind: 'purge',
      storeHash: h.sandbox.storeHash,
      promotionId: h.sandbox.promotions.bulk,
      mode,
      csvText,
    });
    const planned = await waitFor(reg, id, ['awaiting-confirmation', 'failed']);
    return { reg, id, planned };
  }

  it('deletes nothing before confirmation, then exactly the targets, with a complete backup', async () => {
    h = await harness({ seed: { bulkCodes: 1800 }, faults: { drop: 0.1 } });
    const all = h.sandbox.codes(h.sandbox.promotions.bulk);
    const unused = all.filter((c) => c.current_uses === 0);
    const { reg, id, planned } = await purge(h, 'unused');
    expect(planned.purge?.targetCount).toBe(unused.length);
    expect(planned.usage).toEqual(usageOf(all));
    expect(h.sandbox.codes(h.sandbox.promotions.bulk)).toHaveLength(all.length); // dry run deleted nothing
    const backup = await spoolRows<CouponCode>(h.spool, purgeSpools(id).targets);
    expect(backup).toEqual(unused);
    await confirm(reg, id);
    const done = await waitFor(reg, id, ['completed', 'failed']);
    expect(done.error).toBeNull();
    expect(done.purge?.deleted).toBe(unused.length);
    expect(h.sandbox.codes(h.sandbox.promotions.bulk)).toEqual(
      all.filter((c) => c.current_uses > 0),
    );
  });

  it('purging all writes the scan straight into the backup, complete, and deletes every code', async () => {
    h = await harness({ seed: { bulkCodes: 1600 }, faults: { drop: 0.1 } });
    const all = h.sandbox.codes(h.sandbox.promotions.bulk);
    const written: string[] = [];
    const base = h.spool;
    h.spool = {
      ...base,
      putChunk: (ns, n, rows) => (written.push(ns), base.putChunk(ns, n, rows)),
    };
    const { reg, id, planned } = await purge(h, 'all');
    expect(planned.purge?.targetCount).toBe(all.length);
    expect(await spoolRows<CouponCode>(h.spool, purgeSpools(id).targets)).toEqual(all);
    expect(written.length).toBeGreaterThanOrEqual(Math.ceil(all.length / 250));
    expect(written.every((ns) => ns === purgeSpools(id).targets)).toBe(true); // no second copy
    await confirm(reg, id);
    const done = await waitFor(reg, id, ['completed', 'failed']);
    expect(done.error).toBeNull();
    expect(done.purge?.deleted).toBe(all.length);
    expect(h.sandbox.codes(h.sandbox.promotions.bulk)).toHaveLength(0);
  });

  it('purges a list from a CSV and reports codes not found', async () => {
    h = await harness({ seed: { bulkCodes: 600 } });
    const all = h.sandbox.codes(h.sandbox.promotions.bulk);
    const chosen = all.filter((_, i) => i % 3 === 0).map((c) => c.code);
    const { reg, id, planned } = await purge(h, 'list', [...chosen, 'NOPE-NOT-A-CODE']);
    expect(planned.purge?.targetCount).toBe(chosen.length);
    expect(planned.purge?.notFound).toBe(1);
    expect(planned.purge?.fileCodes).toBe(chosen.length + 1);
    await confirm(reg, id);
    await waitFor(reg, id, ['completed']);
    const left = h.sandbox.codes(h.sandbox.promotions.bulk).map((c) => c.code);
    expect(left).toEqual(all.filter((_, i) => i % 3 !== 0).map((c) => c.code));
  });

  it('matches the codes of a list regardless of case, as the store does', async () => {
    h = await harness({ seed: { bulkCodes: 300 } });
    const all = h.sandbox.codes(h.sandbox.promotions.bulk);
    const chosen = all.filter((_, i) => i % 5 === 0).map((c) => c.code);
    const { reg, id, planned } = await purge(
      h,
      'list',
      chosen.map((c, i) => (i % 2 ? c.toLowerCase() : c)),
    );
    expect(planned.purge?.targetCount).toBe(chosen.length);
    expect(planned.purge?.notFound).toBe(0);
    await confirm(reg, id);
    await waitFor(reg, id, ['completed']);
    expect(h.sandbox.codes(h.sandbox.promotions.bulk).map((c) => c.code)).toEqual(
      all.filter((_, i) => i % 5 !== 0).map((c) => c.code),
    );
  });

  it('falls back to 50 ids a request where the store refuses 250 (older limit)', async () => {
    h = await harness({ seed: { bulkCodes: 1000 }, limits: 'legacy' });
    const { reg, id } = await purge(h, 'all');
    await confirm(reg, id);
    const done = await waitFor(reg, id, ['completed', 'failed']);
    expect(done.error).toBeNull();
    expect(h.sandbox.codes(h.sandbox.promotions.bulk)).toHaveLength(0);
    expect((await reg.find(id))!.purge!.batchSize).toBe(50);
  });

  /** Purges all codes with deletes watched: "send" and "answer <status>" in the order they happen. */
  async function purgeAllWatched(t: Harness) {
    const deletes: string[] = [];
    const watched: typeof fetch = async (input, init) => {
      const isDelete = init?.method === 'DELETE';
      if (isDelete) deletes.push('send');
      const res = await t.sandbox.fetch(input, init);
      if (isDelete) deletes.push(`answer ${res.status}`);
      return res;
    };
    const { reg, id } = await purge(t, 'all', undefined, { fetch: watched });
    await confirm(reg, id);
    const done = await waitFor(reg, id, ['completed', 'failed']);
    return { done, deletes, refused: deletes.filter((e) => e === 'answer 422').length };
  }

  it('where the quota would pace 50-id deletes, learns the batch size from one delete, not a refused wave', async () => {
    // 1,000 codes under the older limit: 20 deletes of 50, more than a window of 20 (2 kept back) holds.
    h = await harness({ seed: { bulkCodes: 1000 }, limits: 'legacy', quota: 20, windowMs: 400 });
    const { done, deletes, refused } = await purgeAllWatched(h);
    expect(done.error).toBeNull();
    expect(h.sandbox.codes(h.sandbox.promotions.bulk)).toHaveLength(0);
    expect(deletes.slice(0, 2)).toEqual(['send', 'answer 422']); // the first went alone
    expect(refused).toBe(1);
    expect(h.sandbox.stats().perEndpoint.deleteCodes.requests).toBe(21);
  });

  it('where the quota does not pace the deletes, the first wave goes out at once', async () => {
    h = await harness({ seed: { bulkCodes: 1000 }, limits: 'legacy' }); // unlimited plan
    const { done, deletes, refused } = await purgeAllWatched(h);
    expect(done.error).toBeNull();
    expect(h.sandbox.codes(h.sandbox.promotions.bulk)).toHaveLength(0);
    expect(deletes.slice(0, 4)).toEqual(['send', 'send', 'send', 'send']); // no round trip spent finding out
    expect(refused).toBe(4);
  });

  it('a store on the current limit pays one round trip, then deletes 250 ids a request', async () => {
    h = await harness({ seed: { bulkCodes: 1000 }, quota: 8, windowMs: 400 });
    const { done, deletes, refused } = await purgeAllWatched(h);
    expect(done.error).toBeNull();
    expect(h.sandbox.codes(h.sandbox.promotions.bulk)).toHaveLength(0);
    expect(deletes.slice(0, 2)).toEqual(['send', 'answer 204']);
    expect(refused).toBe(0);
    expect(h.sandbox.stats().perEndpoint.deleteCodes.requests).toBe(4);
  });

  it('probes alone only where 50-id deletes would outrun what the window still allows', () => {
    expect(probeBatchFirst(4, null)).toBe(false); // no quota figures (an unlimited store may send none)
    expect(probeBatchFirst(4, 2_147_483_000)).toBe(false);
    expect(probeBatchFirst(4, 20)).toBe(false); // 20 deletes of 50 fit
    expect(probeBatchFirst(4, 19)).toBe(true);
    expect(probeBatchFirst(400, 144)).toBe(true); // 100,000 codes on a standard store
    expect(probeBatchFirst(40, 410)).toBe(false); // 10,000 codes on a pro store
  });

  it('cancelling before confirmation deletes nothing', async () => {
    h = await harness({ seed: { bulkCodes: 300 } });
    const { reg, id } = await purge(h, 'all');
    await reg.control(id, 'cancel');
    expect((await reg.list()).find((j) => j.id === id)?.status).toBe('cancelled');
    expect(h.sandbox.codes(h.sandbox.promotions.bulk)).toHaveLength(300);
  });
});

describe('errors in plain words', () => {
  it('a revoked token fails the job with what to do', async () => {
    h = await harness();
    const reg = h.registry({ tokenFor: async () => 'wrongtoken' });
    const id = await reg.start({
      kind: 'export',
      storeHash: h.sandbox.storeHash,
      promotionId: h.sandbox.promotions.bulk,
      unusedOnly: false,
    });
    const job = await waitFor(reg, id, ['failed', 'completed']);
    expect(job.status).toBe('failed');
    expect(plainWords(job.error ?? '')).toMatch(
      /did not accept the access token.*wrong or has been revoked/,
    );
    expect(plainWords(job.error ?? '')).not.toContain('wrongtoken');
  });

  it('a read-only token cannot generate and says which scope is missing', async () => {
    h = await harness();
    const reg = h.registry({ tokenFor: async () => h!.sandbox.tokens.readOnly });
    const id = await reg.start({
      kind: 'generate',
      storeHash: h.sandbox.storeHash,
      promotionId: h.sandbox.promotions.bulk,
      params: params(10),
    });
    const job = await waitFor(reg, id, ['failed', 'completed']);
    expect(plainWords(job.error ?? '')).toMatch(/Marketing "modify" scope/);
  });

  it('a promotion that is not a bulk coupon one is named as such', async () => {
    h = await harness();
    const reg = h.registry();
    const id = await reg.start({
      kind: 'export',
      storeHash: h.sandbox.storeHash,
      promotionId: h.sandbox.promotions.single,
      unusedOnly: false,
    });
    const job = await waitFor(reg, id, ['failed', 'completed']);
    expect(plainWords(job.error ?? '')).toMatch(/not a bulk coupon promotion/);
  });
});
