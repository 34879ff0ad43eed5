/**
 * Safe on a live store (issue 22): an "unused" purge never deletes a code redeemed since the
 * scan, nothing resumes on an old plan, a list names codes as the store does. The real engine
 * against the sandbox store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { jobCsvParts } from '../../utils/csv/job-csv';
import type { DownloadChange } from '../../utils/jobs/file-keeper';
import { fileSource } from '../../utils/jobs/files';
import { purgeSpools } from '../../utils/jobs/purge';
import type { JobRegistry } from '../../utils/jobs/registry';
import {
  backupSaved,
  bulk,
  closeHarnesses,
  confirm,
  harness,
  settled,
  waitFor,
  type Harness,
  type RegistryOptions,
} from './helpers';
import { sayMaybe } from '@/utils/ui/say';

let h: Harness | null = null;
afterEach(closeHarnesses);

const codesNow = (t: Harness) => t.sandbox.codes(t.sandbox.promotions.bulk).map((c) => c.code);

describe('a purge list names codes as the store matches them', () => {
  it('ASCII case only: straße10, ﬁnal-1 and ſale name no code (lines refused with their numbers); gone-1 names GONE-1', async () => {
    h = await harness({ seed: { bulkCodes: 0 } });
    h.sandbox.addCodes(h.sandbox.promotions.bulk, ['STRASSE10', 'FINAL-1', 'SALE', 'GONE-1']);
    const reg = h.registry();
    const id = await reg.start({
      kind: 'purge',
      ...bulk(h),
      mode: 'list',
      csvText: 'code\nstraße10\nﬁnal-1\nſale\ngone-1\n',
    });
    const planned = await waitFor(reg, id, ['awaiting-confirmation', 'failed']);
    expect(planned.purge?.targetCount).toBe(1);
    expect(planned.purge?.skippedLines).toBe(3);
    await confirm(reg, id);
    await waitFor(reg, id, ['completed']);
    expect(codesNow(h).sort()).toEqual(['FINAL-1', 'SALE', 'STRASSE10']);
  });
});

describe('a backup is on disk only when the browser says so', () => {
  /** A purge of all 50 codes planned, its backup saved as /dl/backup.csv; then the browser's record of it changes. */
  async function plannedWith(record: () => DownloadChange | null) {
    h = await harness({ seed: { bulkCodes: 50 } });
    let saved = false;
    const reg = h.registry({
      downloads: {
        save: async () => ({ downloadId: 7, bytes: 10 }),
        state: async () =>
          saved ? record() : { state: 'complete', exists: true, path: '/dl/backup.csv' },
      },
    });
    const id = await reg.start({ kind: 'purge', ...bulk(h), mode: 'all' });
    await waitFor(reg, id, ['awaiting-confirmation']);
    await reg.downloadChanged(7, { state: 'complete' });
    saved = true;
    return { reg, id };
  }

  it('the browser no longer knows the download (history cleared): not on disk, nothing deleted; saved again from the kept copy, it purges', async () => {
    let known: DownloadChange | null = null;
    const { reg, id } = await plannedWith(() => known);
    await expect(reg.confirmPurge(id, bulk(h!))).rejects.toThrow(
      /not on disk.*no longer in the browser’s list of downloads.*Nothing was deleted/,
    );
    expect(codesNow(h!)).toHaveLength(50);
    expect(h!.sandbox.stats().perEndpoint.deleteCodes.requests).toBe(0);
    expect((await reg.find(id))!.files[0]!.saved!.state).toBe('failed');
    // "Save the backup again": from the copy the extension keeps.
    known = { state: 'complete', exists: true, path: '/dl/backup (1).csv' };
    await reg.download(id, 'purge-backup');
    await reg.downloadChanged(7, { state: 'complete' });
    await reg.confirmPurge(id, bulk(h!));
    await waitFor(reg, id, ['completed']);
    expect(codesNow(h!)).toHaveLength(0);
  });

  it('its id now names another file (Firefox numbers downloads afresh after a restart): not on disk, nothing deleted', async () => {
    const { reg, id } = await plannedWith(() => ({
      state: 'complete',
      exists: true,
      path: '/dl/something-else.pdf',
    }));
    await expect(reg.confirmPurge(id, bulk(h!))).rejects.toThrow(/not on disk/);
    expect(codesNow(h!)).toHaveLength(50);
  });
});

/** The clock every registry of a test shares (a worker restarted reads the same time). */
const clock = () => {
  const time = { now: Date.now() };
  return { time, now: () => time.now };
};
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
const deletes = (t: Harness) => t.sandbox.stats().perEndpoint.deleteCodes.requests;

describe('old plans never act', () => {
  /** A purge of all 3,000 codes, confirmed and deleting one page at a time; the clock is the test's. */
  async function deleting() {
    h = await harness({ seed: { bulkCodes: 3000 }, latencyMs: 20 });
    const c = clock();
    const reg = h.registry({ now: c.now, workers: { delete: 1 } });
    const id = await reg.start({ kind: 'purge', ...bulk(h), mode: 'all' });
    await waitFor(reg, id, ['awaiting-confirmation']);
    await confirm(reg, id);
    while (((await reg.find(id))!.purge?.deleted ?? 0) < 250) await tick(2);
    return { reg, id, ...c };
  }

  it('a confirmed purge whose worker restarts hours later (a laptop that slept) is not relaunched: it waits for Resume, which refuses its old plan', async () => {
    const { reg, id, time, now } = await deleting();
    h!.kill(reg); // the worker dies mid-purge
    await tick(100); // a request it had under way may still land
    const before = deletes(h!);
    const left = codesNow(h!).length;
    time.now += 3 * 60 * 60_000;
    const again = h!.registry({ now, workers: { delete: 1 } });
    await again.recover(true);
    await tick(300);
    expect((await again.find(id))!.status).toBe('interrupted');
    expect(deletes(h!)).toBe(before);
    await expect(again.control(id, 'resume')).rejects.toThrow(
      /stopped 180 minutes ago.*Nothing more was deleted/,
    );
    expect(codesNow(h!)).toHaveLength(left);
  });

  it('on start-up, a job stored running whose last write is older than the watchdog allows waits for Resume; Resume (fresh enough) carries on', async () => {
    const { reg, id, time, now } = await deleting();
    h!.kill(reg);
    await tick(100);
    const before = deletes(h!);
    time.now += 3 * 60_000;
    const again = h!.registry({ now, workers: { delete: 1 } });
    await again.recover(true);
    await tick(300);
    expect((await again.find(id))!.status).toBe('interrupted');
    expect(deletes(h!)).toBe(before);
    await again.control(id, 'resume');
    await waitFor(again, id, ['completed']);
    expect(codesNow(h!)).toHaveLength(0);
  });

  it('a worker restarted within that margin carries on by itself', async () => {
    const { reg, id, time, now } = await deleting();
    h!.kill(reg);
    time.now += 60_000;
    const again = h!.registry({ now, workers: { delete: 1 } });
    await again.recover(true);
    await waitFor(again, id, ['completed']);
    expect(codesNow(h!)).toHaveLength(0);
  });

  it('a progress write that fails leaves the job failed in storage too, so a restarted worker does not carry on', async () => {
    h = await harness({ seed: { bulkCodes: 3000 }, latencyMs: 20 });
    const c = clock();
    const records = h.records;
    let failing = 0; // the next writes that fail (a disk full for a moment)
    const reg = h.registry({
      now: c.now,
      workers: { delete: 1 },
      records: {
        ...records,
        save: (r) => {
          if (failing === 0 && r.purge?.confirmed && r.purge.deleted >= 250 && !r.error)
            failing = 3;
          if (failing > 0 && failing-- > 0)
            return Promise.reject(new DOMException('full', 'QuotaExceededError'));
          return records.save(r);
        },
      },
    });
    const id = await reg.start({ kind: 'purge', ...bulk(h), mode: 'all' });
    await waitFor(reg, id, ['awaiting-confirmation']);
    await confirm(reg, id);
    await waitFor(reg, id, ['failed', 'completed'], 30_000);
    await settled(reg);
    expect(JSON.parse(records.raw.get(id)!).status).toBe('failed');
    const before = deletes(h);
    const again = h.registry({ now: c.now, workers: { delete: 1 } });
    await again.recover(true);
    await tick(300);
    expect((await again.find(id))!.status).toBe('failed');
    expect(deletes(h)).toBe(before);
  });

  it('a purge whose worker stopped between saving its plan and recording its backup file makes the file again', async () => {
    h = await harness({ seed: { bulkCodes: 50 } });
    const reg = h.registry();
    const id = await reg.start({ kind: 'purge', ...bulk(h), mode: 'all' });
    await waitFor(reg, id, ['awaiting-confirmation']);
    h!.kill(reg);
    // As stored when the worker died: the plan saved, running, no file recorded yet.
    const stored = JSON.parse(h.records.raw.get(id)!);
    h.records.raw.set(id, JSON.stringify({ ...stored, status: 'running', files: [] }));
    const again = h.registry();
    await again.recover(true);
    const job = await waitFor(again, id, ['awaiting-confirmation']);
    await backupSaved(again, id);
    expect((await again.find(id))!.files.map((f) => f.kind)).toEqual(['purge-backup']);
    expect(job.purge?.targetCount).toBe(50);
    await confirm(again, id);
    await waitFor(again, id, ['completed']);
    expect(codesNow(h)).toHaveLength(0);
  });

  it('pausing and resuming every 14 minutes does not keep a confirmed plan alive: the stops add up', async () => {
    const { reg, id, time } = await deleting();
    await reg.control(id, 'pause');
    time.now += 14 * 60_000;
    await reg.control(id, 'resume');
    const at = (await reg.find(id))!.purge!.deleted;
    while ((await reg.find(id))!.purge!.deleted === at) await tick(2);
    await reg.control(id, 'pause');
    time.now += 14 * 60_000;
    const left = codesNow(h!).length;
    await expect(reg.control(id, 'resume')).rejects.toThrow(
      /stood still 28 minutes in all.*Nothing more was deleted/,
    );
    expect(codesNow(h!)).toHaveLength(left);
  });

  /** An "unused" purge of 3,000 codes whose scan reads one page at a time; the clock is the test's. */
  async function scanning() {
    h = await harness({ seed: { bulkCodes: 3000 }, latencyMs: 30 });
    const c = clock();
    const reg = h.registry({ now: c.now, workers: { list: 1 } });
    const id = await reg.start({ kind: 'purge', ...bulk(h), mode: 'unused' });
    while (((await reg.find(id))!.done ?? 0) < 1000) await tick(2);
    await reg.control(id, 'pause');
    return { reg, id, ...c };
  }
  const unusedNow = (t: Harness) =>
    t.sandbox.codes(t.sandbox.promotions.bulk).filter((x) => x.current_uses === 0);

  it('a scan that stood still over 15 minutes in all starts again from the first page: codes redeemed meanwhile are not planned', async () => {
    const { reg, id, time } = await scanning();
    // Customers redeem codes of pages the scan had already read.
    const early = unusedNow(h!)
      .filter((x) => x.id <= 900)
      .slice(0, 20);
    h!.sandbox.redeem(
      h!.sandbox.promotions.bulk,
      early.map((x) => x.code),
    );
    time.now += 10 * 60_000;
    await reg.control(id, 'resume');
    await tick(50);
    await reg.control(id, 'pause');
    time.now += 10 * 60_000;
    await reg.control(id, 'resume');
    const job = await waitFor(reg, id, ['awaiting-confirmation']);
    expect(job.purge?.targetCount).toBe(unusedNow(h!).length);
    expect(job.purge?.plannedAt).toBe(time.now - 0); // its first page was read after the last stop
  });

  it("a plan's age counts from its first page read: a scan that stood still 10 minutes, confirmed 6 minutes after it ended, is refused", async () => {
    const { reg, id, time } = await scanning();
    time.now += 10 * 60_000;
    await reg.control(id, 'resume');
    await waitFor(reg, id, ['awaiting-confirmation']);
    await backupSaved(reg, id);
    time.now += 6 * 60_000;
    await expect(reg.confirmPurge(id, bulk(h!))).rejects.toThrow(
      /found 16 minutes ago.*Nothing was deleted/,
    );
    expect(deletes(h!)).toBe(0);
  });
});

describe('the plan is a ceiling, never a licence', () => {
  const promo = (t: Harness) => t.sandbox.promotions.bulk;
  const unusedIn = (t: Harness) => t.sandbox.codes(promo(t)).filter((x) => x.current_uses === 0);
  const usedAtDelete = (t: Harness) => t.sandbox.stats().deleted.usedAtDelete;

  /** An "unused" purge planned and its backup saved; not confirmed yet. */
  async function planned(seed: number, extra: RegistryOptions = {}) {
    h = await harness({ seed: { bulkCodes: seed }, latencyMs: 5 });
    const reg = h.registry(extra);
    const id = await reg.start({ kind: 'purge', ...bulk(h), mode: 'unused' });
    await waitFor(reg, id, ['awaiting-confirmation']);
    await backupSaved(reg, id);
    return { reg, id, targets: (await reg.find(id))!.purge!.targetCount! };
  }

  /** The purge's backup as a CSV file now (with what became of each code, once it says so). */
  async function backupText(reg: JobRegistry, id: string): Promise<string> {
    const source = fileSource((await reg.find(id))!, 'purge-backup');
    let text = '';
    for await (const part of jobCsvParts(source.kind, h!.spool.chunks(source.ns), source))
      text += part;
    return text;
  }

  it('codes redeemed between the scan and the confirmation are kept, counted and said; the backup, made again, says what became of each code', async () => {
    const { reg, id, targets } = await planned(1200);
    // A campaign: customers redeem 25 of the planned codes while the merchant reads the dialog.
    const redeemed = h!.sandbox.redeem(promo(h!), { count: 25 });
    const reads = () => h!.sandbox.stats().perEndpoint.listCodes.requests;
    const readsBefore = reads();
    await confirm(reg, id);
    const job = await waitFor(reg, id, ['completed', 'failed']);
    // One reading of each page of targets just before its DELETE, nothing more.
    expect(reads() - readsBefore).toBe(
      (await h!.spool.chunkNumbers(purgeSpools(id).targets)).length,
    );
    expect(job.status).toBe('completed');
    const left = new Set(h!.sandbox.codes(promo(h!)).map((x) => x.code));
    for (const c of redeemed) expect(left.has(c.code)).toBe(true);
    expect(unusedIn(h!)).toEqual([]);
    expect(usedAtDelete(h!)).toBe(0);
    expect(job.purge).toMatchObject({ deleted: targets - 25, kept: 25, gone: 0, failed: 0 });
    expect(sayMaybe(job.words.ended)).toBe(
      `Completed: ${(targets - 25).toLocaleString('en-US')} codes deleted. 25 codes were redeemed since the scan and were kept. The backup file, saved again, says what became of each code.`,
    );
    // The backup was made again at the end, with the outcome of each code.
    expect(h!.files.filter((f) => f.jobId === id && f.kind === 'purge-backup')).toHaveLength(2);
    const text = await backupText(reg, id);
    expect(text.split('\n')[0]).toMatch(/,outcome\r?$/);
    for (const c of redeemed)
      expect(text).toMatch(new RegExp(`${c.code},.*,kept: redeemed since the scan\\r?\\n`));
    expect(text.match(/,deleted\r?\n/g)).toHaveLength(targets - 25);
  });

  it('codes redeemed while a confirmed purge was paused are kept (10 of 10)', async () => {
    const { reg, id } = await planned(3000, { workers: { delete: 1 } });
    await confirm(reg, id);
    while (((await reg.find(id))!.purge?.deleted ?? 0) < 250) await tick(2);
    await reg.control(id, 'pause');
    const redeemed = h!.sandbox.redeem(promo(h!), { count: 10 });
    await reg.control(id, 'resume');
    const job = await waitFor(reg, id, ['completed', 'failed']);
    const left = new Set(h!.sandbox.codes(promo(h!)).map((x) => x.code));
    expect(redeemed.filter((c) => left.has(c.code))).toHaveLength(10);
    expect(usedAtDelete(h!)).toBe(0);
    expect(job.purge?.kept).toBe(10);
  });

  it('codes redeemed while the purge deletes, on pages it has not reached yet, are kept', async () => {
    let redeemed: string[] = [];
    const hurried = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await h!.sandbox.fetch(input, init);
      // Right after the first delete, customers redeem codes of the first page (done last).
      if (init?.method === 'DELETE' && redeemed.length === 0) {
        const first = unusedIn(h!).filter((x) => x.id <= 250);
        redeemed = h!.sandbox
          .redeem(
            promo(h!),
            first.slice(0, 12).map((x) => x.code),
          )
          .map((x) => x.code);
      }
      return res;
    }) as typeof fetch;
    const { reg, id } = await planned(3000, { fetch: hurried, workers: { delete: 1 } });
    await confirm(reg, id);
    const job = await waitFor(reg, id, ['completed', 'failed']);
    expect(redeemed).toHaveLength(12);
    const left = new Set(h!.sandbox.codes(promo(h!)).map((x) => x.code));
    expect(redeemed.filter((c) => left.has(c))).toHaveLength(12);
    expect(usedAtDelete(h!)).toBe(0);
    expect(job.purge?.kept).toBe(12);
  });

  it('plan codes someone else deleted meanwhile are counted as already gone, not as deleted by the purge', async () => {
    const { reg, id, targets } = await planned(1200);
    const victims = unusedIn(h!)
      .slice(100, 105)
      .map((x) => x.id);
    const res = await h!.sandbox.fetch(
      `${h!.sandbox.apiBase}/promotions/${promo(h!)}/codes?id:in=${victims.join(',')}`,
      { method: 'DELETE', headers: { 'X-Auth-Token': h!.sandbox.tokens.modify } },
    );
    expect(res.status).toBe(204);
    await confirm(reg, id);
    const job = await waitFor(reg, id, ['completed', 'failed']);
    expect(job.purge).toMatchObject({ deleted: targets - 5, gone: 5, kept: 0 });
    expect(sayMaybe(job.words.ended)).toMatch(
      /5 codes were already gone \(deleted elsewhere since the scan\)/,
    );
    expect(unusedIn(h!)).toEqual([]);
  });

  it('others deleting 300 codes at the lowest ids shift every page: each target is still found, each redeemed one kept, the counts exact', async () => {
    let shifted = false;
    let theirsUsed = 0; // used codes among those the others delete
    const others = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await h!.sandbox.fetch(input, init);
      if (init?.method === 'DELETE' && !shifted) {
        shifted = true;
        const lowest = h!.sandbox.codes(promo(h!)).slice(0, 300);
        theirsUsed = lowest.filter((x) => x.current_uses > 0).length;
        const low = lowest.map((x) => x.id);
        for (let i = 0; i < low.length; i += 250)
          await h!.sandbox.fetch(
            `${h!.sandbox.apiBase}/promotions/${promo(h!)}/codes?id:in=${low.slice(i, i + 250).join(',')}`,
            { method: 'DELETE', headers: { 'X-Auth-Token': h!.sandbox.tokens.modify } },
          );
        h!.sandbox.redeem(
          promo(h!),
          unusedIn(h!)
            .filter((x) => x.id > 1000 && x.id < 2000)
            .slice(0, 7)
            .map((x) => x.code),
        );
      }
      return res;
    }) as typeof fetch;
    const { reg, id, targets } = await planned(5000, { fetch: others, workers: { delete: 1 } });
    const reads = () => h!.sandbox.stats().perEndpoint.listCodes.requests;
    const readsBefore = reads();
    await confirm(reg, id);
    const job = await waitFor(reg, id, ['completed', 'failed']);
    // Pages that moved by a page and a fifth: each chunk spans two pages now.
    const pages = (await h!.spool.chunkNumbers(purgeSpools(id).targets)).length;
    expect(reads() - readsBefore).toBeLessThanOrEqual(2 * pages + 4);
    expect(job.status).toBe('completed');
    expect(unusedIn(h!)).toEqual([]);
    expect(theirsUsed).toBeGreaterThan(0);
    expect(usedAtDelete(h!)).toBe(theirsUsed); // theirs only
    const p = job.purge!;
    expect(p.kept).toBe(7);
    expect(p.deleted + (p.kept ?? 0) + (p.gone ?? 0)).toBe(targets);
    // What the purge deleted is exactly what it counts (the others' 300 are theirs).
    expect(h!.sandbox.stats().deleted.codes - 300).toBe(p.deleted);
    expect(p.unchecked ?? 0).toBe(0);
  });

  it('on a store whose quota holds requests back, each DELETE leaves moments after its reading, not a quota window later, and every page is dealt with', async () => {
    // The moment no client can close, measured as the client sees it: from the list answer that
    // last showed a code to the DELETE of it leaving.
    const seen = new Map<number, number>();
    const gaps: number[] = [];
    const watched = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      if (init?.method === 'DELETE')
        for (const id of (url.searchParams.get('id:in') ?? '').split(',').map(Number))
          gaps.push(performance.now() - (seen.get(id) ?? 0));
      const res = await h!.sandbox.fetch(input, init);
      if ((init?.method ?? 'GET') === 'GET' && /\/codes$/.test(url.pathname) && res.ok) {
        const at = performance.now();
        for (const c of ((await res.clone().json()) as { data: Array<{ id: number }> }).data)
          seen.set(c.id, at);
      }
      return res;
    }) as typeof fetch;
    h = await harness({
      seed: { bulkCodes: 3000 },
      plan: 'standard',
      windowMs: 2000,
      quota: 12,
      latencyMs: 20,
    });
    const reg = h.registry({ fetch: watched });
    const id = await reg.start({ kind: 'purge', ...bulk(h), mode: 'unused' });
    await waitFor(reg, id, ['awaiting-confirmation']);
    await confirm(reg, id);
    const job = await waitFor(reg, id, ['completed', 'failed'], 120_000);
    expect(unusedIn(h)).toEqual([]);
    expect(job.purge).toMatchObject({ unchecked: 0, kept: 0, gone: 0 });
    expect(gaps.length).toBe(job.purge!.deleted);
    expect(Math.max(...gaps)).toBeLessThan(1_000); // a window is 2,000 ms
  }, 120_000);

  it('a page whose reading is slow (a retried request) holds back the DELETEs of the pages after it, which would move its codes away', async () => {
    let confirmed = false;
    let held = false;
    const slow = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      // Page 10's reading again, after the confirmation, answered late.
      if (confirmed && !held && url.searchParams.get('page') === '10') {
        held = true;
        await tick(600);
      }
      return h!.sandbox.fetch(input, init);
    }) as typeof fetch;
    h = await harness({ seed: { bulkCodes: 10_000 }, latencyMs: 5 });
    // Half the codes used: the pages below page 10 keep half their codes, the list stays long.
    h.sandbox.redeem(promo(h), { count: 5_000 });
    const reg = h.registry({ fetch: slow });
    const id = await reg.start({ kind: 'purge', ...bulk(h), mode: 'unused' });
    const plan = await waitFor(reg, id, ['awaiting-confirmation']);
    confirmed = true;
    await confirm(reg, id);
    const job = await waitFor(reg, id, ['completed', 'failed']);
    expect(held).toBe(true);
    expect(job.purge).toMatchObject({
      deleted: plan.purge!.targetCount,
      unchecked: 0,
      kept: 0,
      gone: 0,
    });
    expect(unusedIn(h)).toEqual([]);
  });

  it('purging all deletes every planned code whatever its use (the merchant asked for all)', async () => {
    h = await harness({ seed: { bulkCodes: 600 } });
    const reg = h.registry();
    const id = await reg.start({ kind: 'purge', ...bulk(h), mode: 'all' });
    await waitFor(reg, id, ['awaiting-confirmation']);
    h.sandbox.redeem(promo(h), { count: 5 });
    await confirm(reg, id);
    const job = await waitFor(reg, id, ['completed']);
    expect(codesNow(h)).toEqual([]);
    // Its three pages deleted side by side, each counted.
    expect(job.purge?.deleted).toBe(600);
  });
});
