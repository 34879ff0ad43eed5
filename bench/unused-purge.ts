/**
 * What reading each page again costs a purge of unused codes: the same store purged of its
 * unused codes twice over, once as an "unused" purge (each page of targets read again just
 * before its DELETE) and once as a purge of those very codes from a list (no reading again: what
 * an unused purge cost before). The delete phase, with its scan's time beside it for scale;
 * figures, not assertions.
 *
 *   npx tsx bench/unused-purge.ts [--codes=100000] [--plan=unlimited|pro|standard]
 *                                 [--latency=50] [--scale=1]
 *
 * `--scale` divides the quota window and the quota (as the main bench's windowScale does).
 */
import EventEmitter from 'node:events';
import {
  backupSaved,
  instantDownloads,
  memoryRecords,
  memoryStops,
  settled,
} from '../tests/jobs/helpers';
import { createStoreClients } from '../utils/api/store-clients';
import { createRegistry, type JobRegistry } from '../utils/jobs/registry';
import type { PurgeMode } from '../utils/jobs/types';
import { createMemorySpool } from '../tests/storage/spool-memory';
import type { SandboxThread } from './sandbox-worker';
import { countsOf, diffCounts, startStore, type Plan, type Scenario } from './throughput';

EventEmitter.defaultMaxListeners = 200;

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const s: Scenario = {
  plan: arg('plan', 'unlimited') as Plan,
  profile: 'current',
  codes: Number(arg('codes', '100000')),
  windowScale: Number(arg('scale', '1')),
  latencyMs: Number(arg('latency', '50')),
  jitterMs: 0,
};

/**
 * The engine over a fetch that notes when each code was last seen in a list answer and, when a
 * DELETE leaves, how long ago that was for each of its ids: the moment no client can close.
 */
function watchedEngine(sandbox: SandboxThread) {
  const seen = new Map<number, number>();
  const gaps: number[] = [];
  const watched = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    if (init?.method === 'DELETE') {
      const t = performance.now();
      for (const id of (url.searchParams.get('id:in') ?? '').split(',').map(Number)) {
        const at = seen.get(id);
        if (at !== undefined) gaps.push(t - at);
      }
    }
    const res = await sandbox.fetch(input, init);
    if ((init?.method ?? 'GET') === 'GET' && /\/codes$/.test(url.pathname) && res.ok) {
      const t = performance.now();
      const body = (await res.clone().json()) as { data: Array<{ id: number }> };
      for (const c of body.data) seen.set(c.id, t);
    }
    return res;
  }) as typeof fetch;
  const registry: JobRegistry = createRegistry({
    records: memoryRecords(),
    stops: memoryStops(),
    spool: createMemorySpool(),
    clients: createStoreClients({
      tokenFor: async (hash) => (hash === sandbox.storeHash ? sandbox.tokens.modify : null),
      fetch: watched,
      apiOrigin: sandbox.origin,
      governor: {}, // the defaults
    }),
    downloads: instantDownloads(() => registry),
    onChange: () => undefined,
  });
  return { registry, gaps };
}

const quantile = (xs: number[], q: number) =>
  xs.length
    ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!
    : 0;

async function purge(mode: PurgeMode) {
  const sandbox = await startStore(s, s.codes);
  try {
    const { registry, gaps } = watchedEngine(sandbox);
    const promotionId = sandbox.promotions.bulk;
    const base = { storeHash: sandbox.storeHash, promotionId };
    const unused = (await sandbox.codes(promotionId)).filter((c) => c.current_uses === 0);
    const scanStart = performance.now();
    const id = await registry.start(
      mode === 'list'
        ? { ...base, kind: 'purge', mode, csvText: unused.map((c) => c.code).join('\n') }
        : { ...base, kind: 'purge', mode },
    );
    await settled(registry, { everyMs: 1, timeoutMs: 60 * 60_000 });
    const scanMs = performance.now() - scanStart;
    await backupSaved(registry, id);
    const stats = await sandbox.stats();
    const atPlan = countsOf(stats);
    const t0 = performance.now();
    await registry.confirmPurge(id, base);
    await settled(registry, { everyMs: 1, timeoutMs: 60 * 60_000 });
    const ms = performance.now() - t0;
    const after = await sandbox.stats();
    const job = (await registry.list())[0]!;
    return {
      mode,
      targets: unused.length,
      deleted: job.purge?.deleted ?? 0,
      ms,
      scanMs,
      requests: diffCounts(atPlan, countsOf(after)).admitted,
      refused: diffCounts(atPlan, countsOf(after)).concurrency429,
      // From the last list answer showing a code to its DELETE leaving (the scan's, for a list).
      gap: { median: quantile(gaps, 0.5), p99: quantile(gaps, 0.99), max: quantile(gaps, 1) },
      lists: after.perEndpoint.listCodes.requests - stats.perEndpoint.listCodes.requests,
      deletes: after.perEndpoint.deleteCodes.requests - stats.perEndpoint.deleteCodes.requests,
    };
  } finally {
    await sandbox.close();
  }
}

console.log(
  `Purge of the unused codes of ${s.codes.toLocaleString('en-US')} (plan ${s.plan}, window ÷${s.windowScale}, latency ${s.latencyMs} ms): delete phase`,
);
console.log(
  '| purge | deleted | list requests | delete requests | admitted | concurrency 429s | time |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const mode of ['unused', 'list'] as const) {
  const r = await purge(mode);
  console.log(
    `| ${mode === 'unused' ? 'unused (each page read again)' : 'the same codes from a list (no reading again)'} | ${r.deleted.toLocaleString('en-US')} of ${r.targets.toLocaleString('en-US')} | ${r.lists} | ${r.deletes} | ${r.requests} | ${r.refused} | ${(r.ms / 1000).toFixed(1)} s | ${(r.scanMs / 1000).toFixed(1)} s | ${[r.gap.median, r.gap.p99, r.gap.max].map((g) => `${Math.round(g)} ms`).join(', ')} |`,
  );
}
process.exit(0);
