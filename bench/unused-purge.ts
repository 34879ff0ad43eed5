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
import { backupSaved } from '../tests/jobs/helpers';
import type { PurgeMode } from '../utils/jobs/types';
import { countsOf, diffCounts, engine, startStore, type Plan, type Scenario } from './throughput';

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

async function purge(mode: PurgeMode) {
  const sandbox = await startStore(s, s.codes);
  try {
    const { registry } = engine(sandbox);
    const promotionId = sandbox.promotions.bulk;
    const base = { storeHash: sandbox.storeHash, promotionId };
    const unused = (await sandbox.codes(promotionId)).filter((c) => c.current_uses === 0);
    const scanStart = performance.now();
    const id = await registry.start(
      mode === 'list'
        ? { ...base, kind: 'purge', mode, csvText: unused.map((c) => c.code).join('\n') }
        : { ...base, kind: 'purge', mode },
    );
    await registry.idle();
    const scanMs = performance.now() - scanStart;
    await backupSaved(registry, id);
    const stats = await sandbox.stats();
    const atPlan = countsOf(stats);
    const t0 = performance.now();
    await registry.confirmPurge(id, base);
    await registry.idle();
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
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const mode of ['unused', 'list'] as const) {
  const r = await purge(mode);
  console.log(
    `| ${mode === 'unused' ? 'unused (each page read again)' : 'the same codes from a list (no reading again)'} | ${r.deleted.toLocaleString('en-US')} of ${r.targets.toLocaleString('en-US')} | ${r.lists} | ${r.deletes} | ${r.requests} | ${r.refused} | ${(r.ms / 1000).toFixed(1)} s | ${(r.scanMs / 1000).toFixed(1)} s |`,
  );
}
process.exit(0);
