import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { createStoreClients, type StoreClientsDeps } from '../../utils/api/store-clients';
import type { DownloadChange, Downloads } from '../../utils/jobs/file-keeper';
import {
  createRegistry,
  type JobRegistry,
  type RecordStore,
  type RegistryDeps,
} from '../../utils/jobs/registry';
import type { JobRecord } from '../../utils/jobs/record';
import type { StopMarks } from '../../utils/jobs/stop-marks';
import { createMemorySpool } from '../storage/spool-memory';
import type { Spool } from '../../utils/storage/spool';
import type { JobFile, JobView } from '../../utils/jobs/types';

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

/** Stop marks kept in memory, as session storage keeps them across a worker's restarts. */
export function memoryStops(): StopMarks & { ids: Set<string> } {
  const ids = new Set<string>();
  return {
    ids,
    add: async (id) => void ids.add(id),
    has: async (id) => ids.has(id),
    remove: async (id) => void ids.delete(id),
  };
}

/** What a test may set of a registry: its own parts, or how its store clients reach the sandbox. */
export type RegistryOptions = Partial<RegistryDeps> & Partial<StoreClientsDeps>;

export interface Harness {
  sandbox: Sandbox;
  spool: Spool;
  records: ReturnType<typeof memoryRecords>;
  /** Stop marks, shared by the harness's workers as the browser session's storage is. */
  stops: ReturnType<typeof memoryStops>;
  /** Every file made, as handed to the fake downloads. */
  files: Array<{ jobId: string; kind: string; rows: number }>;
  /** What the fake downloads do with the next files: saved, stopped by the browser, or refused outright. */
  downloadOutcome: { state: 'complete' | 'interrupted' | 'refused'; error?: string };
  /** Every file handed to the fake downloads. */
  saves: Array<{ jobId: string; kind: string; downloadId: number }>;
  /** A worker: a registry over the harness's storage, reaching the sandbox. */
  registry(extra?: RegistryOptions): JobRegistry;
  /**
   * Stops a worker as Chrome does: requests in flight are cut and nothing more of it reaches
   * storage or the store (its storage and its network fail from now on).
   */
  kill(registry: JobRegistry): void;
}

/**
 * A registry whose stores are the sandbox's (its store's token, its origin, a quick governor),
 * with the background's real parts otherwise: what tests, the soak and the bench run.
 */
export function sandboxRegistry(
  sandbox: Sandbox,
  o: RegistryOptions & Pick<RegistryDeps, 'records' | 'spool' | 'downloads'>,
): JobRegistry {
  const { tokenFor, fetch, apiOrigin, governor, ...own } = o;
  return createRegistry({
    clients: createStoreClients({
      tokenFor:
        tokenFor ?? (async (hash) => (hash === sandbox.storeHash ? sandbox.tokens.modify : null)),
      fetch: fetch ?? sandbox.fetch,
      apiOrigin: apiOrigin ?? sandbox.origin,
      governor: governor ?? { backoff: { baseMs: 20, maxMs: 200 } },
    }),
    onChange: () => undefined,
    stops: memoryStops(),
    ...own,
  });
}

/** A worker's hold on the outside world, cut when it is killed. */
interface Life {
  dead: boolean;
  cut: AbortController;
}

const WORKER_GONE = () => new Error('worker stopped');

function mortalRecords(records: RecordStore, life: Life): RecordStore {
  const alive =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A) =>
      life.dead ? Promise.reject(WORKER_GONE()) : fn(...args);
  return {
    save: alive((r: JobRecord) => records.save(r)),
    get: alive((id: string) => records.get(id)),
    list: alive(() => records.list()),
    remove: alive((id: string) => records.remove(id)),
  };
}

function mortalStops(stops: StopMarks, life: Life): StopMarks {
  const alive =
    <R>(fn: (id: string) => Promise<R>) =>
    (id: string) =>
      life.dead ? Promise.reject(WORKER_GONE()) : fn(id);
  return { add: alive(stops.add), has: alive(stops.has), remove: alive(stops.remove) };
}

function mortalSpool(spool: Spool, life: Life): Spool {
  const out = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(spool) as Array<[string, (...a: unknown[]) => unknown]>)
    out[name] =
      name === 'chunks'
        ? (ns: string) => {
            if (life.dead) throw WORKER_GONE();
            return fn.call(spool, ns);
          }
        : (...args: unknown[]) =>
            life.dead ? Promise.reject(WORKER_GONE()) : fn.apply(spool, args);
  return out as unknown as Spool;
}

function mortalFetch(base: typeof fetch, life: Life): typeof fetch {
  return (input, init) => {
    if (life.dead) return Promise.reject(new TypeError('fetch failed: worker stopped'));
    const signal = init?.signal ? AbortSignal.any([init.signal, life.cut.signal]) : life.cut.signal;
    return base(input, { ...init, signal });
  };
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
      h.files.push({ jobId: job.id, kind: file.kind, rows: file.rows });
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

/** Harnesses made and not yet closed by closeHarnesses. */
const unclosed = new Set<Harness>();

/**
 * Closes every harness made since the last call: `afterEach(closeHarnesses)`, so that a test
 * file need not keep its harness only to close it.
 */
export async function closeHarnesses(): Promise<void> {
  const all = [...unclosed];
  unclosed.clear();
  for (const h of all) await h.sandbox.close();
}

/** A job's target on the harness's bulk promotion (the one most tests work on). */
export const bulk = (t: Harness) => ({
  storeHash: t.sandbox.storeHash,
  promotionId: t.sandbox.promotions.bulk,
});

export async function harness(opts: SandboxOptions = {}): Promise<Harness> {
  const sandbox = await startSandbox({ port: 0, ...opts });
  const spool = createMemorySpool();
  const records = memoryRecords();
  const stops = memoryStops();
  const lives = new WeakMap<JobRegistry, Life>();
  const h: Harness = {
    sandbox,
    spool,
    records,
    stops,
    files: [],
    downloadOutcome: { state: 'complete' },
    saves: [],
    registry: (extra = {}) => {
      const life: Life = { dead: false, cut: new AbortController() };
      let made: JobRegistry | null = null;
      made = sandboxRegistry(sandbox, {
        downloads: fakeDownloads(h, () => (life.dead ? null : made)),
        saveEveryMs: 0,
        ...extra,
        fetch: mortalFetch(extra.fetch ?? sandbox.fetch, life),
        records: mortalRecords(extra.records ?? records, life),
        stops: mortalStops(extra.stops ?? stops, life),
        // Read at each call, so a test may wrap the spool to watch what is written.
        spool: mortalSpool(extra.spool ?? h.spool, life),
      });
      lives.set(made, life);
      return made;
    },
    kill(registry) {
      const life = lives.get(registry)!;
      life.dead = true;
      life.cut.abort(WORKER_GONE());
    },
  };
  unclosed.add(h);
  return h;
}

/** Until the worker has nothing left to do (no job running or winding down, no write tried again). */
export async function settled(
  reg: JobRegistry,
  o: { everyMs?: number; timeoutMs?: number } = {},
): Promise<void> {
  const { everyMs = 5, timeoutMs = 30_000 } = o;
  const t0 = Date.now();
  while (reg.busy()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`still busy after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
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
    const state = (await reg.find(id))?.files.find((f) => f.kind === 'purge-backup')?.saved?.state;
    if (state === 'saved') return;
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`backup of ${id} still ${state ?? 'not made'} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The merchant confirms a planned purge on its own promotion, once its backup is on disk. */
export async function confirm(reg: JobRegistry, id: string): Promise<void> {
  await backupSaved(reg, id).catch(() => undefined);
  const r = (await reg.find(id))!;
  await reg.confirmPurge(id, { storeHash: r.storeHash, promotionId: r.promotionId });
}

/**
 * Downloads that reach the disk at once (benchmarks and the soak: the file itself is not the
 * point); `onSave` hears of each file handed to them.
 */
export function instantDownloads(
  registry: () => JobRegistry | null,
  onSave?: (job: JobRecord, file: JobFile) => void,
): Downloads {
  let next = 1;
  return {
    async save(job, file) {
      onSave?.(job, file);
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
