import { startSandbox, type SandboxOptions } from '../../sandbox/server';
import type { CouponCode } from '../../utils/api/schemas';
import type { GeneratedRow } from '../../utils/jobs/generate';
import { purgeSpools } from '../../utils/jobs/purge';
import { createRegistry } from '../../utils/jobs/registry';
import type { JobView } from '../../utils/jobs/types';
import { createMemorySpool, type Spool } from '../../utils/storage/spool';
import { memoryRecords, spoolRows, waitFor } from '../jobs/helpers';

export interface SoakOptions {
  codes: number;
  faults?: SandboxOptions['faults'];
  latencyMs?: number;
  log?: (line: string) => void;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface SoakResult {
  checks: Check[];
  phases: Array<{ phase: string; ms: number; requests: number; faults: number; status429: number }>;
}

/**
 * Generate, export and purge through the real engine (registry, governor, client) against
 * the sandbox with faults on, checking every invariant the product promises: exact counts,
 * the export equals the server's set, the purge backup equals what was deleted.
 */
export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const log = o.log ?? (() => {});
  const faults = o.faults ?? { error500: 0.05, drop: 0.05, burst429: 0.01 };
  const sandbox = await startSandbox({ port: 0, seed: { bulkCodes: 0 }, latencyMs: o.latencyMs ?? 5, faults });
  const spool: Spool = createMemorySpool();
  const registry = createRegistry({
    records: memoryRecords(),
    spool,
    tokenFor: async () => sandbox.tokens.modify,
    fetch: sandbox.fetch,
    apiOrigin: sandbox.origin,
    governor: { backoff: { baseMs: 50, maxMs: 1000 } },
    saveEveryMs: 250,
  });
  const promo = sandbox.promotions.bulkEmpty;
  const checks: Check[] = [];
  const phases: SoakResult['phases'] = [];
  const check = (name: string, ok: boolean, detail: string) => {
    checks.push({ name, ok, detail });
    log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
  };
  const totals = () => {
    const s = sandbox.stats();
    const eps = Object.values(s.perEndpoint);
    return {
      requests: eps.reduce((a, e) => a + e.requests, 0),
      faults: eps.reduce((a, e) => a + e.errors500 + e.dropped + e.status429NoHeaders, 0),
      status429: eps.reduce((a, e) => a + e.status429, 0),
    };
  };
  async function phase(name: string, fn: () => Promise<JobView>): Promise<JobView> {
    const before = totals();
    const t0 = performance.now();
    const job = await fn();
    const after = totals();
    phases.push({
      phase: name,
      ms: Math.round(performance.now() - t0),
      requests: after.requests - before.requests,
      faults: after.faults - before.faults,
      status429: after.status429 - before.status429,
    });
    log(`${name}: ${job.status} in ${phases.at(-1)!.ms} ms, ${phases.at(-1)!.requests} requests, ${phases.at(-1)!.faults} faults served`);
    return job;
  }
  const run = async (request: Parameters<typeof registry.start>[0], until = ['completed', 'failed', 'cancelled']) =>
    waitFor(registry, await registry.start(request), until, 30 * 60_000);

  try {
    const base = { storeHash: sandbox.storeHash, promotionId: promo };
    // Generate.
    const gen = await phase('generate', () =>
      run({ ...base, kind: 'generate', params: { count: o.codes, maxUses: 1, maxUsesPerCustomer: 1, prefix: 'SOAK', suffix: '', delimiter: '-', codeLength: 12, excludeCharacters: [] } }),
    );
    const server = sandbox.codes(promo);
    const generated = (await spoolRows<GeneratedRow>(spool, gen.id)).map((r) => r.code);
    check('generate completed', gen.status === 'completed', gen.error ?? gen.status);
    check('store holds exactly N codes', server.length === o.codes, `${server.length} of ${o.codes}`);
    check('generated file lists every code once', sameSet(generated, server.map((c) => c.code)), `${generated.length} rows, ${new Set(generated).size} distinct`);

    // Export.
    const exp = await phase('export', () => run({ ...base, kind: 'export', unusedOnly: false }));
    const exported = await spoolRows<CouponCode>(spool, exp.id);
    check('export completed', exp.status === 'completed', exp.error ?? exp.status);
    check('export equals the server set, in id order, all columns', JSON.stringify(exported) === JSON.stringify(sandbox.codes(promo)), `${exported.length} rows`);

    // Purge every other code through a list (the merchant's CSV), then the rest with "all".
    const half = server.filter((_, i) => i % 2 === 0).map((c) => c.code);
    const pl = await phase('purge (list, plan)', () => run({ ...base, kind: 'purge', mode: 'list', csvText: `code\n${half.join('\n')}\n` }, ['awaiting-confirmation', 'failed']));
    check('purge dry run counts the list', pl.purge?.targetCount === half.length && pl.purge?.notFound === 0, `${pl.purge?.targetCount} targets, ${pl.purge?.notFound} not found`);
    check('dry run deleted nothing', sandbox.codes(promo).length === o.codes, `${sandbox.codes(promo).length} codes`);
    const beforeList = sandbox.codes(promo);
    await registry.control(pl.id, 'confirm');
    const plDone = await phase('purge (list, delete)', () => waitFor(registry, pl.id, ['completed', 'failed'], 30 * 60_000));
    const backup = await spoolRows<CouponCode>(spool, purgeSpools(pl.id).targets);
    const afterList = sandbox.codes(promo);
    const remaining = new Set(afterList.map((c) => c.id));
    const deleted = beforeList.filter((c) => !remaining.has(c.id));
    check('list purge completed', plDone.status === 'completed' && !plDone.error, plDone.error ?? plDone.status);
    check('list purge removed exactly the listed codes', sameSet(deleted.map((c) => c.code), half), `${deleted.length} deleted of ${half.length}`);
    check('backup equals what was deleted', JSON.stringify(backup) === JSON.stringify(deleted), `${backup.length} backup rows`);

    const pa = await phase('purge (all, plan)', () => run({ ...base, kind: 'purge', mode: 'all' }, ['awaiting-confirmation', 'failed']));
    const beforeAll = sandbox.codes(promo);
    check('purge-all dry run counts what is left', pa.purge?.targetCount === beforeAll.length, `${pa.purge?.targetCount} of ${beforeAll.length}`);
    await registry.control(pa.id, 'confirm');
    const paDone = await phase('purge (all, delete)', () => waitFor(registry, pa.id, ['completed', 'failed'], 30 * 60_000));
    const backupAll = await spoolRows<CouponCode>(spool, purgeSpools(pa.id).targets);
    check('purge all completed', paDone.status === 'completed' && !paDone.error, paDone.error ?? paDone.status);
    check('store is empty afterwards', sandbox.codes(promo).length === 0, `${sandbox.codes(promo).length} left`);
    check('purge-all backup equals what was deleted', JSON.stringify(backupAll) === JSON.stringify(beforeAll), `${backupAll.length} backup rows`);
    check('faults were really served', phases.reduce((a, p) => a + p.faults, 0) > 0, `${phases.reduce((a, p) => a + p.faults, 0)} faults`);
    const quota429 = sandbox.stats().quota429;
    check('no quota 429s', quota429 === 0, `${quota429} quota 429s`);
  } finally {
    await registry.halt();
    await sandbox.close();
  }
  return { checks, phases };
}

function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const sa = new Set(a);
  return sa.size === a.length && b.every((x) => sa.has(x));
}
