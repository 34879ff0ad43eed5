import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { createRegistry, type RecordStore, type RegistryDeps } from '../../utils/jobs/registry';
import type { JobRecord } from '../../utils/jobs/record';
import { createMemorySpool } from '../../utils/storage/spool';
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
  registry(extra?: Partial<RegistryDeps>): ReturnType<typeof createRegistry>;
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
    registry: (extra = {}) =>
      createRegistry({
        records,
        // Read at each call, so a test may wrap the spool to watch what is written.
        spool: h.spool,
        tokenFor: async (hash) => (hash === sandbox.storeHash ? sandbox.tokens.modify : null),
        fetch: sandbox.fetch,
        apiOrigin: sandbox.origin,
        governor: { backoff: { baseMs: 20, maxMs: 200 } },
        onFileReady: (job, file) => files.push({ jobId: job.id, kind: file.kind, rows: file.rows }),
        saveEveryMs: 0,
        ...extra,
      }),
  };
  return h;
}

export async function waitFor(reg: { list(): Promise<JobView[]> }, id: string, statuses: string[], timeoutMs = 60_000): Promise<JobView> {
  const t0 = Date.now();
  for (;;) {
    const job = (await reg.list()).find((j) => j.id === id);
    if (job && statuses.includes(job.status)) return job;
    if (Date.now() - t0 > timeoutMs) throw new Error(`job ${id} still ${job?.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function spoolRows<T>(spool: Spool, ns: string): Promise<T[]> {
  const out: T[] = [];
  for await (const { rows } of spool.chunks(ns)) out.push(...(rows as T[]));
  return out;
}
