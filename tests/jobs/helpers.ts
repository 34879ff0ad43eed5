import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import type { DownloadChange, Downloads } from '../../utils/jobs/file-keeper';
import {
  createRegistry,
  type JobRegistry,
  type RecordStore,
  type RegistryDeps,
} from '../../utils/jobs/registry';
import type { JobRecord } from '../../utils/jobs/record';
import { createMemorySpool } from '../storage/spool-memory';
import type { Spool } from '../../utils/storage/spool';
import type { JobView } from '../../utils/jobs/types';

/** Job records kept as JSON, as browser storage would keep them (no shared references). */
export function memoryRecords(): RecordStore & { raw: Map<string, string> } {
  const raw = new Map<string, string>();
  return {
    raw,
    async save(r) {
      raw.set(r.id, JSON.stringify(r));
    },
    async get(id) {
      const s = raw.get(id);
      return s ? (JSON.parse(s) as JobRecord) : null;
    },
    async list() {
      return [...raw.values()].map((s) => JSON.parse(s) as JobRecord);
    },
    async remove(id) {
      raw.delete(id);
    },
  };
}

export interface Harness {
  sandbox: Sandbox;
  spool: Spool;
  records: ReturnType<typeof memoryRecords>;
  files: Array<{ jobId: string; kind: string; rows: number }>;
  /** What the fake downloads do with the next files: saved, stopped by the browser, or refused outright. */
  downloadOutcome: { state: 'complete' | 'interrupted' | 'refused'; error?: string };
  /** Every file handed to the fake downloads. */
  saves: Array<{ jobId: string; kind: string; downloadId: number }>;
  registry(extra?: Partial<RegistryDeps>): ReturnType<typeof createRegistry>;
}

/**
 * The browser's downloads, faked: each save gets an id, then (a moment later, as the browser
 * does) completes or is interrupted as `h.downloadOutcome` says.
 */
function fakeDownloads(h: Harness, registry: () => JobRegistry | null): Downloads {
  let next = 1;
  const states = new Map<number, DownloadChange>();
  return {
    async save(job, file) {
      const outcome = { ...h.downloadOutcome };
      if (outcome.state === 'refused') throw new Error(outcome.error ?? 'Download refused');
      const downloadId = next++;
      h.saves.push({ jobId: job.id, kind: file.kind, downloadId });
      const change: DownloadChange = { state: outcome.state, error: outcome.error, exists: true };
      states.set(downloadId, change);
      setTimeout(() => void registry()?.downloadChanged(downloadId, change), 1);
      return { downloadId, bytes: file.rows * 40 };
    },
    async state(downloadId) {
      return states.get(downloadId) ?? null;
    },
  };
}

export async function harness(opts: SandboxOptions = {}): Promise<Harness> {
  const sandbox = await startSandbox({ port: 0, ...opts });
  const spool = createMemorySpool();
  const records = memoryRecords();
  const files: Harness['files'] = [];
  const h: Harness = {
    sandbox,
    spool,
    records,
    files,
    downloadOutcome: { state: 'complete' },
    saves: [],
    registry: (extra = {}) => {
      let made: JobRegistry | null = null;
      made = createRegistry({
        records,
        // Read at each call, so a test may wrap the spool to watch what is written.
        spool: h.spool,
        tokenFor: async (hash) => (hash === sandbox.storeHash ? sandbox.tokens.modify : null),
        fetch: sandbox.fetch,
        apiOrigin: sandbox.origin,
        governor: { backoff: { baseMs: 20, maxMs: 200 } },
        downloads: fakeDownloads(h, () => made),
        onFileReady: (job, file) => files.push({ jobId: job.id, kind: file.kind, rows: file.rows }),
        saveEveryMs: 0,
        ...extra,
      });
      return made;
    },
  };
  return h;
}

export async function waitFor(
  reg: { list(): Promise<JobView[]> },
  id: string,
  statuses: string[],
  timeoutMs = 60_000,
): Promise<JobView> {
  const t0 = Date.now();
  for (;;) {
    const job = (await reg.list()).find((j) => j.id === id);
    if (job && statuses.includes(job.status)) return job;
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`job ${id} still ${job?.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function spoolRows<T>(spool: Spool, ns: string): Promise<T[]> {
  const out: T[] = [];
  for await (const { rows } of spool.chunks(ns)) out.push(...(rows as T[]));
  return out;
}

/** Waits until a purge's backup is on disk (the fake downloads save it a moment after it is made). */
export async function backupSaved(reg: JobRegistry, id: string, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const state = reg.get(id)?.files.find((f) => f.kind === 'purge-backup')?.saved?.state;
    if (state === 'saved') return;
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`backup of ${id} still ${state ?? 'not made'} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The merchant confirms a planned purge on its own promotion, once its backup is on disk. */
export async function confirm(reg: JobRegistry, id: string): Promise<void> {
  await backupSaved(reg, id).catch(() => undefined);
  const r = reg.get(id)!;
  await reg.confirmPurge(id, { storeHash: r.storeHash, promotionId: r.promotionId });
}

/** Downloads that reach the disk at once (benchmarks and the soak: the file itself is not the point). */
export function instantDownloads(registry: () => JobRegistry | null): Downloads {
  let next = 1;
  return {
    async save() {
      const downloadId = next++;
      setTimeout(
        () => void registry()?.downloadChanged(downloadId, { state: 'complete', exists: true }),
        0,
      );
      return { downloadId, bytes: null };
    },
    async state() {
      return { state: 'complete', exists: true };
    },
  };
}
