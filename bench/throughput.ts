/**
 * Throughput of the real engine (registry + governor + client, in-memory spool and job
 * records) against the in-process sandbox store. One fresh sandbox (so fresh quota windows,
 * stats and data) and one fresh registry (so a fresh per-store governor) per job.
 */
import type { SandboxOptions, SandboxStats } from '../sandbox/server';
import type { RoundTrips } from './baselines';
import { startSandboxInline, startSandboxThread, type SandboxThread } from './sandbox-worker';
import { createStoreClients } from '../utils/api/store-clients';
import { createRegistry, type JobRegistry } from '../utils/jobs/registry';
import {
  backupSaved,
  instantDownloads,
  memoryRecords,
  memoryStops,
  settled,
} from '../tests/jobs/helpers';
import type { GenerateParams } from '../utils/jobs/types';
import { createMemorySpool } from '../tests/storage/spool-memory';
import {
  boundOf,
  concurrencyBoundMs,
  cursorBoundMs,
  deleteBatchFor,
  deletesFor,
  pagesFor,
  phaseBound,
  sequentialPhasesBound,
  storeCaps,
  type Limits,
  type PhaseBound,
} from './bound';

export type Plan = 'unlimited' | 'pro' | 'standard';
export type Profile = 'current' | 'legacy';
export const PLAN_QUOTA: Record<Plan, number | null> = { unlimited: null, pro: 450, standard: 150 };
export const REAL_WINDOW_MS = 30_000;

export interface Scenario {
  plan: Plan;
  profile: Profile;
  codes: number;
  /** Quota window and quota divided by this factor (1 = the real 30 s windows). */
  windowScale: number;
  latencyMs: number;
  jitterMs: number;
  /** Where the sandbox runs: a worker thread (default) or the bench's own event loop. */
  host?: 'thread' | 'inline';
  /** Measured round trips (baselines.ts measureRoundTrips): a second bound uses them as the latency. */
  rtt?: RoundTrips;
}

export type Latencies = RoundTrips;
/** Every endpoint at the scenario's injected latency. */
export const injected = (s: Scenario): Latencies => ({
  generate: s.latencyMs,
  list: s.latencyMs,
  delete: s.latencyMs,
  create: s.latencyMs,
});

export function startStore(s: Scenario, bulkCodes: number): Promise<SandboxThread> {
  const opts = sandboxOptions(s, bulkCodes);
  return s.host === 'inline' ? startSandboxInline(opts) : startSandboxThread(opts);
}

export type JobKind = 'generate' | 'export' | 'purge';
/** import, pattern: the jobs of imports.ts (one request a code). */
export type Phase =
  'generate' | 'export' | 'purge: scan' | 'purge: delete' | 'purge: total' | 'import' | 'pattern';

export interface RequestCounts {
  requests: number;
  quota429: number;
  concurrency429: number;
  headerless429: number;
  /** Requests the store admitted (spent quota): all minus 429s. */
  admitted: number;
}

export interface PhaseResult {
  scenario: Scenario;
  phase: Phase;
  wallMs: number;
  counts: RequestCounts;
  bound: PhaseBound;
  efficiency: number;
  /** The same bound with the measured round trips as the latency (when measured). */
  boundAtRtt?: PhaseBound;
  efficiencyAtRtt?: number;
  /** Export only: best sequential cursor walk, and bound / measured. */
  cursorBoundMs?: number;
  cursorRatio?: number;
  /** Did the job do exactly what it should (codes made / exported / deleted)? */
  ok: boolean;
  note: string;
}

export function limitsOf(s: Scenario): Limits & { quotaLabel: string } {
  const q = PLAN_QUOTA[s.plan];
  if (q === null)
    return { latencyMs: s.latencyMs, quota: null, windowMs: REAL_WINDOW_MS, quotaLabel: 'none' };
  const quota = q / s.windowScale;
  const windowMs = REAL_WINDOW_MS / s.windowScale;
  return {
    latencyMs: s.latencyMs,
    quota,
    windowMs,
    quotaLabel: `${quota}/${windowMs / 1000} s${s.windowScale > 1 ? ` (÷${s.windowScale})` : ''}`,
  };
}

export function sandboxOptions(s: Scenario, bulkCodes: number): SandboxOptions {
  const l = limitsOf(s);
  return {
    port: 0,
    plan: s.plan,
    limits: s.profile,
    latencyMs: s.latencyMs,
    jitterMs: s.jitterMs,
    windowMs: l.windowMs,
    ...(s.windowScale > 1 && l.quota !== null ? { quota: l.quota } : {}),
    seed: { bulkCodes },
  };
}

export function countsOf(stats: SandboxStats): RequestCounts {
  let requests = 0;
  let headerless429 = 0;
  let all429 = 0;
  for (const e of Object.values(stats.perEndpoint)) {
    requests += e.requests;
    headerless429 += e.status429NoHeaders;
    all429 += e.status429;
  }
  return {
    requests,
    quota429: stats.quota429,
    concurrency429: stats.concurrency429,
    headerless429,
    admitted: requests - all429,
  };
}

export function diffCounts(a: RequestCounts, b: RequestCounts): RequestCounts {
  return {
    requests: b.requests - a.requests,
    quota429: b.quota429 - a.quota429,
    concurrency429: b.concurrency429 - a.concurrency429,
    headerless429: b.headerless429 - a.headerless429,
    admitted: b.admitted - a.admitted,
  };
}

/** Until the registry is idle, looked at every millisecond (the runs are timed). */
const IDLE = { everyMs: 1, timeoutMs: 60 * 60_000 };

/** The product's registry with its own defaults (governor, workers, save interval). */
export function engine(sandbox: SandboxThread) {
  const files: Array<{ kind: string; rows: number }> = [];
  const spool = createMemorySpool();
  const registry: JobRegistry = createRegistry({
    records: memoryRecords(),
    stops: memoryStops(),
    spool,
    clients: createStoreClients({
      tokenFor: async (hash) => (hash === sandbox.storeHash ? sandbox.tokens.modify : null),
      fetch: sandbox.fetch,
      apiOrigin: sandbox.origin,
      governor: {}, // the defaults
    }),
    downloads: instantDownloads(
      () => registry,
      (_job, file) => files.push({ kind: file.kind, rows: file.rows }),
    ),
    onChange: () => undefined,
  });
  return { registry, files, spool };
}

export const GENERATE_PARAMS = (count: number): GenerateParams => ({
  count,
  maxUses: 1,
  maxUsesPerCustomer: 1,
  prefix: 'BENCH',
  suffix: '',
  delimiter: '-',
  codeLength: 12,
  excludeCharacters: [],
});

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export function result(
  scenario: Scenario,
  phase: Phase,
  wallMs: number,
  counts: RequestCounts,
  boundAt: (l: Latencies) => PhaseBound,
  ok: boolean,
  note: string,
  extra: Partial<PhaseResult> = {},
): PhaseResult {
  const bound = boundAt(injected(scenario));
  const r: PhaseResult = {
    scenario,
    phase,
    wallMs,
    counts,
    bound,
    efficiency: bound.boundMs / wallMs,
    ok,
    note,
    ...extra,
  };
  if (scenario.rtt) {
    r.boundAtRtt = boundAt(scenario.rtt);
    r.efficiencyAtRtt = r.boundAtRtt.boundMs / wallMs;
  }
  return r;
}

/** The scenario's limits with one endpoint's latency. */
export const at = (s: Scenario, latencyMs: number): Limits => ({ ...limitsOf(s), latencyMs });

export async function runGenerate(s: Scenario): Promise<PhaseResult[]> {
  const sandbox = await startStore(s, 0);
  try {
    const { registry } = engine(sandbox);
    const promotionId = sandbox.promotions.bulkEmpty;
    const { ms } = await timed(async () => {
      await registry.start({
        kind: 'generate',
        storeHash: sandbox.storeHash,
        promotionId,
        params: GENERATE_PARAMS(s.codes),
      });
      await settled(registry, IDLE);
    });
    const job = (await registry.list())[0]!;
    const made = await sandbox.codeCount(promotionId);
    const ok = job.status === 'completed' && made === s.codes;
    const bound = (l: Latencies) =>
      phaseBound(pagesFor(s.codes), storeCaps(s.profile).generate, at(s, l.generate));
    return [
      result(
        s,
        'generate',
        ms,
        countsOf(await sandbox.stats()),
        bound,
        ok,
        ok ? '' : `${job.status}; ${made} codes made; ${job.error ?? ''}`,
      ),
    ];
  } finally {
    await sandbox.close();
  }
}

export async function runExport(s: Scenario): Promise<PhaseResult[]> {
  const sandbox = await startStore(s, s.codes);
  try {
    const { registry, files } = engine(sandbox);
    const { ms } = await timed(async () => {
      await registry.start({
        kind: 'export',
        storeHash: sandbox.storeHash,
        promotionId: sandbox.promotions.bulk,
        unusedOnly: false,
      });
      await settled(registry, IDLE);
    });
    const job = (await registry.list())[0]!;
    const rows = files.find((f) => f.kind === 'export')?.rows ?? 0;
    const ok = job.status === 'completed' && rows === s.codes;
    const l = limitsOf(s);
    const pages = pagesFor(s.codes);
    const bound = (lat: Latencies) => phaseBound(pages, storeCaps(s.profile).list, at(s, lat.list));
    const cursor = cursorBoundMs(pages, l);
    return [
      result(
        s,
        'export',
        ms,
        countsOf(await sandbox.stats()),
        bound,
        ok,
        ok ? '' : `${job.status}; ${rows} rows; ${job.error ?? ''}`,
        {
          cursorBoundMs: cursor,
          cursorRatio: cursor / ms,
        },
      ),
    ];
  } finally {
    await sandbox.close();
  }
}

export async function runPurge(s: Scenario): Promise<PhaseResult[]> {
  const sandbox = await startStore(s, s.codes);
  try {
    const { registry } = engine(sandbox);
    const promotionId = sandbox.promotions.bulk;
    const t0 = performance.now();
    const id = await registry.start({
      kind: 'purge',
      storeHash: sandbox.storeHash,
      promotionId,
      mode: 'all',
    });
    await settled(registry, IDLE);
    const scanMs = performance.now() - t0;
    const atPlan = countsOf(await sandbox.stats());
    const planned = (await registry.list())[0]!;
    await backupSaved(registry, id);
    const t1 = performance.now();
    await registry.confirmPurge(id, { storeHash: sandbox.storeHash, promotionId });
    await settled(registry, IDLE);
    const t2 = performance.now();
    const all = countsOf(await sandbox.stats());
    const job = (await registry.list())[0]!;
    const left = await sandbox.codeCount(promotionId);
    const ok =
      planned.status === 'awaiting-confirmation' &&
      job.status === 'completed' &&
      left === 0 &&
      job.purge?.deleted === s.codes;
    const note = ok ? '' : `${job.status}; ${left} codes left; ${job.error ?? ''}`;

    const caps = storeCaps(s.profile);
    const pages = pagesFor(s.codes);
    const deletes = deletesFor(s.codes, deleteBatchFor(s.profile));
    const total = (lat: Latencies) => purgeBound(s, pages, deletes, lat);
    const scan = (lat: Latencies) => phaseBound(pages, caps.list, at(s, lat.list));
    // The delete phase's bound counts from confirmation: its own requests at the cap, or under a
    // quota the job's quota bound less the time already spent (the windows run from the job's
    // start), whichever is longer. It stays a lower bound however long the scan really took.
    const del = (lat: Latencies): PhaseBound =>
      boundOf(
        deletes,
        caps.delete,
        concurrencyBoundMs(deletes, caps.delete, lat.delete),
        Math.max(0, total(lat).quotaMs - (t1 - t0)),
      );
    return [
      result(
        s,
        'purge: scan',
        scanMs,
        atPlan,
        scan,
        planned.status === 'awaiting-confirmation',
        '',
      ),
      result(s, 'purge: delete', t2 - t1, diffCounts(atPlan, all), del, ok, note),
      result(s, 'purge: total', scanMs + (t2 - t1), all, total, ok, note),
    ];
  } finally {
    await sandbox.close();
  }
}

/** Scan then delete, one after the other, sharing the quota; each at its endpoint's latency. */
export function purgeBound(
  s: Scenario,
  pages: number,
  deletes: number,
  lat: Latencies,
): PhaseBound {
  const caps = storeCaps(s.profile);
  return sequentialPhasesBound(
    [
      { n: pages, cap: caps.list, latencyMs: lat.list },
      { n: deletes, cap: caps.delete, latencyMs: lat.delete },
    ],
    limitsOf(s),
  );
}

export async function runScenario(
  s: Scenario,
  kinds: JobKind[] = ['generate', 'export', 'purge'],
): Promise<PhaseResult[]> {
  const out: PhaseResult[] = [];
  for (const k of kinds) {
    if (k === 'generate') out.push(...(await runGenerate(s)));
    else if (k === 'export') out.push(...(await runExport(s)));
    else out.push(...(await runPurge(s)));
  }
  return out;
}
