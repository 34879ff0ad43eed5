/**
 * Nothing lost, ever: jobs touch only codes they made, one writing job per promotion, no
 * deletion before its backup is on disk or on a stale plan, kept backups, a full disk.
 * The real engine against the sandbox store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../utils/api/errors';
import { generateSpools, type GeneratedRow } from '../../utils/jobs/generate';
import { purgeSpools } from '../../utils/jobs/purge';
import type { CouponCode } from '../../utils/api/schemas';
import type { GenerateParams } from '../../utils/jobs/types';
import { BACKUP_KEEP_MS, PLAN_FRESH_MS } from '../../utils/vocabulary';
import {
  backupSaved,
  bulk,
  closeHarnesses,
  confirm,
  harness,
  settled,
  spoolRows,
  waitFor,
  type Harness,
} from './helpers';
import { plainWords } from '@/utils/api/errors';

const params = (count: number, extra: Partial<GenerateParams> = {}): GenerateParams => ({
  count,
  maxUses: 1,
  maxUsesPerCustomer: 1,
  prefix: '',
  suffix: '',
  delimiter: '',
  codeLength: 16,
  excludeCharacters: [],
  ...extra,
});

let h: Harness | null = null;
afterEach(closeHarnesses);

const codesNow = (t: Harness) => t.sandbox.codes(t.sandbox.promotions.bulk);

async function progressAtLeast(reg: ReturnType<Harness['registry']>, id: string, n: number) {
  for (let done = 0; done < n;) {
    await new Promise((r) => setTimeout(r, 5));
    done = (await reg.list()).find((j) => j.id === id)?.progress.done ?? 0;
  }
}

describe('a job deletes only codes it can prove it made', () => {
  it('another app adds 500 codes of the same shape mid-job: none deleted, all listed apart, the file holds exactly N', async () => {
    h = await harness({ seed: { bulkCodes: 100 }, latencyMs: 3 });
    const reg = h.registry();
    const before = new Set(codesNow(h).map((c) => c.code));
    const id = await reg.start({ kind: 'generate', ...bulk(h), params: params(20_000) });
    await progressAtLeast(reg, id, 5_000);
    const theirs = h.sandbox.addCodes(h.sandbox.promotions.bulk, { count: 500, codeLength: 16 });
    expect(theirs).toHaveLength(500);
    const job = await waitFor(reg, id, ['completed', 'failed']);
    expect(job.error).toBeNull();

    const now = codesNow(h).map((c) => c.code);
    for (const c of [...before, ...theirs.map((t) => t.code)]) expect(now).toContain(c);
    expect(h.sandbox.stats().perEndpoint.deleteCodes.requests).toBe(0);
    const ledger = (await spoolRows<GeneratedRow>(h.spool, id)).map((r) => r.code);
    expect(ledger).toHaveLength(20_000);
    expect(ledger.filter((c) => theirs.some((t) => t.code === c))).toEqual([]);
    const others = await spoolRows<CouponCode>(h.spool, generateSpools(id).unattributed);
    expect(others.map((c) => c.code).sort()).toEqual(theirs.map((t) => t.code).sort());
    expect(job.generate?.unattributed).toBe(500);
    expect(h.files.find((f) => f.kind === 'unattributed')?.rows).toBe(500);
  });

  it('codes of the job that someone else deletes mid-job are made again, so the file lists N codes that exist', async () => {
    h = await harness({ seed: { bulkCodes: 0 }, latencyMs: 3 });
    const reg = h.registry();
    const id = await reg.start({ kind: 'generate', ...bulk(h), params: params(6_000) });
    await progressAtLeast(reg, id, 2_000);
    // Another person deletes 30 of the job's codes through the API while it runs.
    const victims = codesNow(h)
      .slice(0, 30)
      .map((c) => c.id);
    const res = await h.sandbox.fetch(
      `${h.sandbox.apiBase}/promotions/${h.sandbox.promotions.bulk}/codes?id:in=${victims.join(',')}`,
      {
        method: 'DELETE',
        headers: { 'X-Auth-Token': h.sandbox.tokens.modify },
      },
    );
    expect(res.status).toBe(204);
    const job = await waitFor(reg, id, ['completed', 'failed']);
    expect(job.error).toBeNull();
    const ledger = (await spoolRows<GeneratedRow>(h.spool, id)).map((r) => r.code).sort();
    expect(ledger).toHaveLength(6_000);
    expect(
      codesNow(h)
        .map((c) => c.code)
        .sort(),
    ).toEqual(ledger);
    expect(job.generate?.lost).toBe(30);
  });
});

describe('pausing loses no answer', () => {
  it('a pause lets the requests under way answer: every code the store made is in the file, none unclaimed', async () => {
    h = await harness({ seed: { bulkCodes: 0 }, latencyMs: 60 });
    const reg = h.registry();
    const id = await reg.start({ kind: 'generate', ...bulk(h), params: params(20_000) });
    await progressAtLeast(reg, id, 2_000);
    await reg.control(id, 'pause');
    await new Promise((r) => setTimeout(r, 300)); // anything still on its way lands
    const ledger = (await spoolRows<GeneratedRow>(h.spool, id)).map((r) => r.code).sort();
    expect(ledger.length).toBeGreaterThan(2_000);
    expect(ledger.length).toBeLessThan(20_000);
    expect(
      codesNow(h)
        .map((c) => c.code)
        .sort(),
    ).toEqual(ledger);
    await reg.control(id, 'resume');
    const job = await waitFor(reg, id, ['completed', 'failed']);
    expect(job.generate).toMatchObject({ unattributed: 0, cutOff: 0 });
    expect(codesNow(h)).toHaveLength(20_000);
  });

  it('a worker stopped with requests under way: the job says it was cut off, and lists what they made', async () => {
    h = await harness({ seed: { bulkCodes: 0 }, latencyMs: 60 });
    const first = h.registry();
    const id = await first.start({ kind: 'generate', ...bulk(h), params: params(8_000) });
    await progressAtLeast(first, id, 2_000);
    h!.kill(first);
    await new Promise((r) => setTimeout(r, 300));
    const second = h.registry();
    await second.recover(true);
    const job = await waitFor(second, id, ['completed', 'failed']);
    expect(job.generate!.cutOff).toBe(1);
    expect(job.generate!.unattributed).toBe(codesNow(h).length - 8_000);
    expect(job.generate!.unattributed).toBeGreaterThan(0);
  });
});

describe('a generate cancelled part-way', () => {
  it('lists what its last requests made, and holds the promotion until it has', async () => {
    h = await harness({ seed: { bulkCodes: 0 }, latencyMs: 40 });
    const reg = h.registry();
    const id = await reg.start({ kind: 'generate', ...bulk(h), params: params(20_000) });
    await progressAtLeast(reg, id, 2_000);
    const cancelling = reg.control(id, 'cancel');
    await new Promise((r) => setTimeout(r, 200));
    // Winding down: a new writing job must wait, or its codes would count as the old job's.
    await expect(reg.start({ kind: 'generate', ...bulk(h), params: params(10) })).rejects.toThrow(
      /stopping: it is checking what its last requests made/,
    );
    await cancelling;
    const job = (await reg.list()).find((j) => j.id === id)!;
    expect(job.status).toBe('cancelled');
    const ledger = (await spoolRows<GeneratedRow>(h.spool, id)).map((r) => r.code);
    const others = (await spoolRows<CouponCode>(h.spool, generateSpools(id).unattributed)).map(
      (r) => r.code,
    );
    expect([...ledger, ...others].sort()).toEqual(
      codesNow(h)
        .map((c) => c.code)
        .sort(),
    );
    expect(job.generate?.unattributed).toBe(others.length);
    expect(job.files.map((f) => f.kind)).toEqual(
      others.length ? ['generated', 'unattributed'] : ['generated'],
    );
  });
});

describe('a generate cancelled while paused', () => {
  it('another app wrote meanwhile: nothing deleted, its codes listed apart, the promotion held until the files are made', async () => {
    h = await harness({ seed: { bulkCodes: 50 }, latencyMs: 20 });
    const reg = h.registry();
    const id = await reg.start({ kind: 'generate', ...bulk(h), params: params(20_000) });
    await progressAtLeast(reg, id, 2_000);
    await reg.control(id, 'pause');
    const theirs = h.sandbox.addCodes(h.sandbox.promotions.bulk, { count: 300, codeLength: 16 });
    const cancelling = reg.control(id, 'cancel');
    await new Promise((r) => setTimeout(r, 200));
    // Winding down: a second tab's generate waits, or its codes would count as this job's.
    await expect(reg.start({ kind: 'generate', ...bulk(h), params: params(10) })).rejects.toThrow(
      /stopping: it is checking what its last requests made/,
    );
    await cancelling;
    const job = (await reg.list()).find((j) => j.id === id)!;
    expect(job.status).toBe('cancelled');
    expect(h.sandbox.stats().perEndpoint.deleteCodes.requests).toBe(0);
    const ledger = (await spoolRows<GeneratedRow>(h.spool, id)).map((r) => r.code);
    const others = (await spoolRows<CouponCode>(h.spool, generateSpools(id).unattributed)).map(
      (r) => r.code,
    );
    for (const t of theirs) expect(others).toContain(t.code);
    expect(ledger.filter((c) => others.includes(c))).toEqual([]);
    expect(codesNow(h)).toHaveLength(50 + ledger.length + others.length);
    expect(job.files.map((f) => f.kind).sort()).toEqual(['generated', 'unattributed']);
  });
});

describe('one writing job per promotion', () => {
  it('a second generate or purge is refused, naming the first and where to find it; an export runs beside it', async () => {
    h = await harness({ seed: { bulkCodes: 300 }, latencyMs: 5 });
    const reg = h.registry();
    const first = await reg.start({ kind: 'generate', ...bulk(h), params: params(3_000) });
    const refusal = reg.start({ kind: 'generate', ...bulk(h), params: params(3_000) });
    await expect(refusal).rejects.toThrow(ApiError);
    await expect(refusal).rejects.toThrow(
      /already under way on “Spring sale|already under way on promotion 1/,
    );
    await expect(reg.start({ kind: 'purge', ...bulk(h), mode: 'all' })).rejects.toThrow(
      /toolbar popup/,
    );
    const exportId = await reg.start({ kind: 'export', ...bulk(h), unusedOnly: false });
    expect((await waitFor(reg, exportId, ['completed', 'failed'])).status).toBe('completed');
    // Another promotion of the store is free.
    await expect(
      reg.start({
        kind: 'generate',
        storeHash: h.sandbox.storeHash,
        promotionId: h.sandbox.promotions.bulkEmpty,
        params: params(10),
      }),
    ).resolves.toBeTruthy();
    await waitFor(reg, first, ['completed']);
    expect(
      (await reg.list()).filter(
        (j) => j.kind === 'generate' && j.promotionId === h!.sandbox.promotions.bulk,
      ),
    ).toHaveLength(1);
  });

  it('two tabs asking at the same moment: one job starts, the other is refused', async () => {
    h = await harness({ seed: { bulkCodes: 0 }, latencyMs: 2 });
    const reg = h.registry();
    const outcomes = await Promise.allSettled(
      [0, 1].map(() => reg.start({ kind: 'generate', ...bulk(h!), params: params(3_000) })),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const id = (outcomes.find((o) => o.status === 'fulfilled') as PromiseFulfilledResult<string>)
      .value;
    await waitFor(reg, id, ['completed']);
    expect(codesNow(h)).toHaveLength(3_000);
  });

  it('a paused or interrupted job holds the promotion; resuming one is refused while another holds it', async () => {
    h = await harness({ seed: { bulkCodes: 0 }, latencyMs: 5 });
    const reg = h.registry();
    const a = await reg.start({ kind: 'generate', ...bulk(h), params: params(5_000) });
    await progressAtLeast(reg, a, 500);
    await reg.control(a, 'pause');
    await expect(reg.start({ kind: 'generate', ...bulk(h), params: params(10) })).rejects.toThrow(
      /paused/,
    );
    await reg.control(a, 'cancel');
    const b = await reg.start({ kind: 'generate', ...bulk(h), params: params(2_000) });
    // A cancelled job stays cancelled; a failed one could resume, but not beside b.
    h.records.raw.set(a, JSON.stringify({ ...(await reg.find(a)), status: 'failed' }));
    const second = h.registry();
    await second.load();
    await expect(second.control(a, 'resume')).rejects.toThrow(/already under way/);
    await waitFor(reg, b, ['completed']);
  });
});

describe('no deletion before the backup is on disk', () => {
  async function planned(t: Harness, reg: ReturnType<Harness['registry']>) {
    const id = await reg.start({ kind: 'purge', ...bulk(t), mode: 'all' });
    await waitFor(reg, id, ['awaiting-confirmation', 'failed']);
    return id;
  }

  it('a download the browser interrupts (denied, cancelled): refused with the reason; saved again, then allowed', async () => {
    h = await harness({ seed: { bulkCodes: 400 } });
    h.downloadOutcome = { state: 'interrupted', error: 'USER_CANCELED' };
    const reg = h.registry();
    const id = await planned(h, reg);
    for (let i = 0; (await reg.find(id))!.files[0]?.saved?.state !== 'failed' && i < 200; i++)
      await new Promise((r) => setTimeout(r, 5));
    const view = (await reg.list()).find((j) => j.id === id)!;
    expect(view.files[0]!.saved).toMatchObject({ state: 'failed' });
    expect(plainWords(view.files[0]!.saved!.error!)).toMatch(
      /not saved: the download was cancelled or refused/,
    );
    await expect(reg.confirmPurge(id, bulk(h))).rejects.toThrow(
      /backup file is not on disk.*Nothing was deleted/,
    );
    expect(codesNow(h)).toHaveLength(400);

    h.downloadOutcome = { state: 'complete' };
    await reg.download(id, 'purge-backup');
    await backupSaved(reg, id);
    await reg.confirmPurge(id, bulk(h));
    expect((await waitFor(reg, id, ['completed', 'failed'])).status).toBe('completed');
    expect(codesNow(h)).toHaveLength(0);
  });

  it('a download the browser refuses to start: said plainly, nothing deleted', async () => {
    h = await harness({ seed: { bulkCodes: 50 } });
    h.downloadOutcome = { state: 'refused', error: 'Download must be initiated by a user gesture' };
    const reg = h.registry();
    const id = await planned(h, reg);
    for (let i = 0; (await reg.find(id))!.files[0]?.saved?.state !== 'failed' && i < 200; i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(plainWords((await reg.find(id))!.files[0]!.saved!.error!)).toMatch(
      /refused to start the download/,
    );
    await expect(reg.confirmPurge(id, bulk(h))).rejects.toThrow(/not on disk/);
    expect(codesNow(h)).toHaveLength(50);
  });

  it('a backup that failed is not marked saved when its download id later comes up for another download (Firefox reuses ids)', async () => {
    h = await harness({ seed: { bulkCodes: 40 } });
    h.downloadOutcome = { state: 'interrupted', error: 'FILE_ACCESS_DENIED' };
    const reg = h.registry();
    const id = await planned(h, reg);
    const backup = async () => (await reg.find(id))!.files.find((f) => f.kind === 'purge-backup')!;
    for (let i = 0; i < 200 && (await backup()).saved?.state !== 'failed'; i++)
      await new Promise((r) => setTimeout(r, 5));
    const downloadId = (await backup()).saved!.downloadId!;
    expect(downloadId).not.toBeNull();
    await reg.downloadChanged(downloadId, { state: 'complete', exists: true });
    expect((await backup()).saved!.state).toBe('failed');
    await expect(reg.confirmPurge(id, bulk(h))).rejects.toThrow(/not on disk/);
    expect(codesNow(h)).toHaveLength(40);
  });

  it('while the backup is still being saved, confirming is refused', async () => {
    h = await harness({ seed: { bulkCodes: 50 } });
    // The browser's own record follows the download, as it does.
    let complete = false;
    const reg = h.registry({
      downloads: {
        save: async () => ({ downloadId: 9, bytes: 10 }),
        state: async () => ({ state: complete ? 'complete' : 'in_progress', exists: true }),
      },
    });
    const id = await planned(h, reg);
    await expect(reg.confirmPurge(id, bulk(h))).rejects.toThrow(/still being saved/);
    complete = true;
    await reg.downloadChanged(9, { state: 'complete' });
    await reg.confirmPurge(id, bulk(h));
    await waitFor(reg, id, ['completed']);
  });

  it('a backup moved or deleted from disk since it was saved: refused', async () => {
    h = await harness({ seed: { bulkCodes: 50 } });
    let exists = true;
    const reg = h.registry({
      downloads: {
        save: async () => ({ downloadId: 5, bytes: 10 }),
        state: async () => ({ state: 'complete', exists }),
      },
    });
    const id = await planned(h, reg);
    await reg.downloadChanged(5, { state: 'complete' });
    exists = false;
    await expect(reg.confirmPurge(id, bulk(h))).rejects.toThrow(/no longer where it was saved/);
    expect(codesNow(h)).toHaveLength(50);
  });
});

describe('the confirmation names what it will delete', () => {
  it('a confirmation given for another promotion is refused', async () => {
    h = await harness({ seed: { bulkCodes: 50 } });
    const reg = h.registry();
    const id = await reg.start({ kind: 'purge', ...bulk(h), mode: 'all' });
    await waitFor(reg, id, ['awaiting-confirmation']);
    await backupSaved(reg, id);
    await expect(
      reg.confirmPurge(id, { storeHash: h.sandbox.storeHash, promotionId: 2 }),
    ).rejects.toThrow(/another promotion/);
    expect(codesNow(h)).toHaveLength(50);
  });

  it('a plan older than 15 minutes is not acted on; finding the codes again makes a fresh one', async () => {
    h = await harness({ seed: { bulkCodes: 80 } });
    let clock = Date.now();
    const reg = h.registry({ now: () => clock });
    const id = await reg.start({ kind: 'purge', ...bulk(h), mode: 'unused' });
    await waitFor(reg, id, ['awaiting-confirmation']);
    await backupSaved(reg, id);
    clock += PLAN_FRESH_MS + 60_000;
    await expect(reg.confirmPurge(id, bulk(h))).rejects.toThrow(
      /found 16 minutes ago.*Nothing was deleted/,
    );
    // A code used meanwhile: the fresh plan leaves it alone.
    const unusedBefore = codesNow(h).filter((c) => c.current_uses === 0);
    await reg.control(id, 'rescan');
    await waitFor(reg, id, ['awaiting-confirmation']);
    await backupSaved(reg, id);
    expect((await reg.find(id))!.purge!.plannedAt).toBe(clock);
    await confirm(reg, id);
    await waitFor(reg, id, ['completed']);
    expect(codesNow(h).filter((c) => c.current_uses === 0)).toEqual([]);
    expect((await reg.find(id))!.purge!.deleted).toBe(unusedBefore.length);
  });
});

describe('a purge acts only on what the merchant confirmed, while it is fresh', () => {
  it('a Cancel while the backup is being checked wins: nothing deleted', async () => {
    h = await harness({ seed: { bulkCodes: 50 } });
    let release: () => void = () => undefined;
    let checking = false;
    const reg = h.registry({
      downloads: {
        save: async () => ({ downloadId: 3, bytes: 10 }),
        state: async () => {
          if (checking) await new Promise<void>((r) => (release = r));
          return { state: 'complete', exists: true };
        },
      },
    });
    const id = await reg.start({ kind: 'purge', ...bulk(h), mode: 'all' });
    await waitFor(reg, id, ['awaiting-confirmation']);
    await reg.downloadChanged(3, { state: 'complete' });
    checking = true;
    const confirming = reg.confirmPurge(id, bulk(h));
    await new Promise((r) => setTimeout(r, 20));
    await reg.control(id, 'cancel');
    release();
    await expect(confirming).rejects.toThrow(
      /changed while its backup was being checked.*Nothing was deleted/,
    );
    await new Promise((r) => setTimeout(r, 50));
    expect((await reg.find(id))!.status).toBe('cancelled');
    expect(codesNow(h)).toHaveLength(50);
    expect(h.sandbox.stats().perEndpoint.deleteCodes.requests).toBe(0);
  });

  /** A purge of 3,000 codes confirmed, paused once it has deleted some; its clock is the test's. */
  async function pausedMidDelete(mode: 'unused' | 'all') {
    h = await harness({ seed: { bulkCodes: 3000 }, latencyMs: 20 });
    const time = { now: Date.now() };
    const reg = h.registry({ now: () => time.now, workers: { delete: 1 } });
    const id = await reg.start({ kind: 'purge', ...bulk(h), mode });
    await waitFor(reg, id, ['awaiting-confirmation']);
    await confirm(reg, id);
    while (((await reg.find(id))!.purge?.deleted ?? 0) < 250)
      await new Promise((r) => setTimeout(r, 2));
    await reg.control(id, 'pause');
    return { reg, id, time };
  }

  it('a confirmed purge that stood still over 15 minutes is not resumed: its list of codes is that old', async () => {
    const { reg, id, time } = await pausedMidDelete('unused');
    const left = codesNow(h!).length;
    expect(left).toBeGreaterThan(0);
    time.now += PLAN_FRESH_MS + 60_000;
    await expect(reg.control(id, 'resume')).rejects.toThrow(
      /stopped 16 minutes ago.*Nothing more was deleted.*Cancel it/,
    );
    expect((await reg.find(id))!.status).toBe('paused');
    expect(codesNow(h!)).toHaveLength(left);
    // Cancelled, its backup is kept all the same.
    await reg.control(id, 'cancel');
    expect((await reg.remove(id)).keptUntil).not.toBeNull();
  });

  it('resumed within 15 minutes, it carries on', async () => {
    const { reg, id, time } = await pausedMidDelete('all');
    time.now += PLAN_FRESH_MS - 60_000;
    await reg.control(id, 'resume');
    await waitFor(reg, id, ['completed']);
    expect(codesNow(h!)).toHaveLength(0);
  });
});

describe('kept backups', () => {
  it('a purge backup stays 30 days after "Remove from list"; removing it sooner needs the merchant’s word; then it expires', async () => {
    h = await harness({ seed: { bulkCodes: 60 } });
    let clock = Date.now();
    const reg = h.registry({ now: () => clock });
    const id = await reg.start({ kind: 'purge', ...bulk(h), mode: 'all' });
    await waitFor(reg, id, ['awaiting-confirmation']);
    await confirm(reg, id);
    await waitFor(reg, id, ['completed']);
    const removed = await reg.remove(id);
    expect(removed.keptUntil).toBe((await reg.find(id))!.files[0]!.createdAt! + BACKUP_KEEP_MS);
    expect((await reg.list()).map((j) => j.id)).not.toContain(id);
    const kept = await reg.keptFiles();
    expect(kept).toEqual([
      expect.objectContaining({
        jobId: id,
        kind: 'purge-backup',
        rows: 60,
        listed: false,
        keepUntil: removed.keptUntil,
      }),
    ]);
    expect(await spoolRows(h.spool, purgeSpools(id).targets)).toHaveLength(60);
    await expect(reg.removeFile(id, 'purge-backup', false)).rejects.toThrow(
      /kept for 30 days. Confirm/,
    );
    // Still downloadable from the settings page.
    await reg.download(id, 'purge-backup');

    // A spool left behind by a worker stopped mid-removal goes too.
    await h.spool.putChunk('gone-123:targets', 1, [{ id: 1 }]);
    clock += BACKUP_KEEP_MS + 1;
    expect(await reg.expire()).toBe(1);
    expect(await h.spool.jobIds()).toEqual([]);
    expect(await reg.keptFiles()).toEqual([]);
    expect(await spoolRows(h.spool, purgeSpools(id).targets)).toHaveLength(0);
  });

  it('removing a store removes its job records and files', async () => {
    h = await harness({ seed: { bulkCodes: 60 } });
    const reg = h.registry();
    const a = await reg.start({ kind: 'export', ...bulk(h), unusedOnly: false });
    await waitFor(reg, a, ['completed']);
    expect(await reg.storeFootprint(h.sandbox.storeHash)).toMatchObject({
      jobs: 1,
      files: 1,
      unfinished: 0,
    });
    await reg.removeStore(h.sandbox.storeHash);
    expect(await reg.list()).toEqual([]);
    expect(await reg.keptFiles()).toEqual([]);
    expect(h.records.raw.size).toBe(0);
    expect(await h.spool.rowCount(a)).toBe(0);
  });
});

describe('a full disk', () => {
  it('stops the job with a message in plain words, never leaves it running', async () => {
    h = await harness({ seed: { bulkCodes: 0 }, latencyMs: 2 });
    const base = h.spool;
    let chunks = 0;
    h.spool = {
      ...base,
      putChunk: (ns, n, rows) => {
        if (++chunks > 4)
          return Promise.reject(
            new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
          );
        return base.putChunk(ns, n, rows);
      },
    };
    const reg = h.registry();
    const id = await reg.start({ kind: 'generate', ...bulk(h), params: params(5_000) });
    const job = await waitFor(reg, id, ['failed', 'paused', 'completed']);
    expect(job.status).toBe('failed');
    expect(plainWords(job.error ?? '')).toMatch(/out of storage space/);
    expect(JSON.parse(h.records.raw.get(id)!).status).toBe('failed');
    await settled(reg);
    expect(reg.busy()).toBe(false);
  });

  it('a progress write that fails stops the job too', async () => {
    h = await harness({ seed: { bulkCodes: 0 }, latencyMs: 2 });
    let writes = 0;
    const records = h.records;
    const reg = h.registry({
      records: {
        ...records,
        save: (r) =>
          ++writes > 6
            ? Promise.reject(new DOMException('full', 'QuotaExceededError'))
            : records.save(r),
      },
    });
    const id = await reg.start({ kind: 'generate', ...bulk(h), params: params(5_000) });
    const job = await waitFor(reg, id, ['failed', 'paused', 'completed']);
    expect(job.status).toBe('failed');
    expect(plainWords(job.error ?? '')).toMatch(/out of storage space/);
    await settled(reg);
    expect(reg.busy()).toBe(false);
  });
});
