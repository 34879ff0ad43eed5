import { startSandbox, type AddCodesSpec, type SandboxOptions } from '../../sandbox/server';
import type { CouponCode } from '../../utils/api/schemas';
import { generateSpools, type GeneratedRow } from '../../utils/jobs/generate';
import { purgeSpools } from '../../utils/jobs/purge';
import type { JobRegistry } from '../../utils/jobs/registry';
import type { JobView } from '../../utils/jobs/types';
import type { Spool } from '../../utils/storage/spool';
import { isUnfinished } from '../../utils/vocabulary';
import { createMemorySpool } from '../storage/spool-memory';
import {
  confirm,
  instantDownloads,
  memoryRecords,
  sandboxRegistry,
  spoolRows,
  waitFor,
} from '../jobs/helpers';
import { soakUnusedPurge } from './unused-purge';
import { plainWords } from '@/utils/api/errors';

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
 * the sandbox with faults on and another app writing to the same promotion, checking every
 * invariant the product promises: the file holds exactly N codes the job made, no code a job
 * did not make is ever deleted, a second writing job is refused, the export equals the
 * server's set, each purge removes exactly its targets and its backup equals what was deleted,
 * and a purge of unused codes deletes no code in use at its DELETE while customers redeem codes.
 */
export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const log = o.log ?? (() => {});
  const faults = o.faults ?? { error500: 0.05, drop: 0.05, burst429: 0.01 };
  const sandbox = await startSandbox({
    port: 0,
    seed: { bulkCodes: 0 },
    latencyMs: o.latencyMs ?? 5,
    faults,
  });
  const spool: Spool = createMemorySpool();
  const registry: JobRegistry = sandboxRegistry(sandbox, {
    records: memoryRecords(),
    spool,
    downloads: instantDownloads(() => registry),
    tokenFor: async () => sandbox.tokens.modify,
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
    log(
      `${name}: ${job.status} in ${phases.at(-1)!.ms} ms, ${phases.at(-1)!.requests} requests, ${phases.at(-1)!.faults} faults served`,
    );
    return job;
  }
  const run = async (
    request: Parameters<typeof registry.start>[0],
    until = ['completed', 'failed', 'cancelled'],
  ) => waitFor(registry, await registry.start(request), until, 30 * 60_000);

  /**
   * Another app writing to the same promotion while the jobs run: every `everyMs` it adds a
   * few codes of the very shape the job makes. None of them may ever be deleted by a job.
   */
  const theirs: string[] = [];
  function anotherWriter(
    everyMs: number,
    count: number,
    shape: Omit<AddCodesSpec, 'count'>,
    while_: () => Promise<boolean> = async () => true,
  ) {
    const timer = setInterval(() => {
      void while_().then((now) => {
        if (now) for (const c of sandbox.addCodes(promo, { count, ...shape })) theirs.push(c.code);
      });
    }, everyMs);
    return () => clearInterval(timer);
  }
  const stillThere = () => {
    const now = new Set(sandbox.codes(promo).map((c) => c.code));
    return theirs.filter((c) => !now.has(c));
  };

  try {
    const base = { storeHash: sandbox.storeHash, promotionId: promo };
    // Generate, with another app adding codes of the same shape, and a second tab asking for
    // another generate on the same promotion (refused: one writing job per promotion).
    const shape = { prefix: 'SOAK', delimiter: '-' as const, codeLength: 12 };
    // It writes while the job is well under way (codes added after the job's last count are
    // not the job's business: it has finished).
    let genId = '';
    // Not before its first count either: codes there before it are the promotion's own, not gained.
    const midJob = async () => {
      const job = await registry.find(genId);
      return (
        job?.status === 'running' && job.generate?.baselineTotal != null && job.done < o.codes * 0.6
      );
    };
    const stopWriter = anotherWriter(50, 7, shape, midJob);
    let secondRefused = '';
    const gen = await phase('generate', async () => {
      const id = (genId = await registry.start({
        ...base,
        kind: 'generate',
        params: {
          count: o.codes,
          maxUses: 1,
          maxUsesPerCustomer: 1,
          prefix: 'SOAK',
          suffix: '',
          delimiter: '-',
          codeLength: 12,
          excludeCharacters: [],
        },
      }));
      await registry
        .start({
          ...base,
          kind: 'generate',
          params: {
            count: 10,
            maxUses: 1,
            maxUsesPerCustomer: 1,
            prefix: '',
            suffix: '',
            delimiter: '',
            codeLength: 8,
            excludeCharacters: [],
          },
        })
        .then(
          () => (secondRefused = 'started'),
          (e: Error) => (secondRefused = e.message),
        );
      return waitFor(registry, id, ['completed', 'failed', 'cancelled'], 30 * 60_000);
    });
    stopWriter();
    const server = sandbox.codes(promo);
    const generated = (await spoolRows<GeneratedRow>(spool, gen.id)).map((r) => r.code);
    const unattributed = (
      await spoolRows<CouponCode>(spool, generateSpools(gen.id).unattributed)
    ).map((r) => r.code);
    check('generate completed', gen.status === 'completed', plainWords(gen.error ?? gen.status));
    check(
      'a second writing job on the promotion was refused',
      /already under way/.test(secondRefused),
      secondRefused,
    );
    check(
      'generated file lists exactly N codes, each once',
      generated.length === o.codes && new Set(generated).size === o.codes,
      `${generated.length} rows, ${new Set(generated).size} distinct`,
    );
    const inStore = new Set(server.map((c) => c.code));
    check(
      'every code in the file exists in the store',
      generated.every((c) => inStore.has(c)),
      `${server.length} in the store`,
    );
    check(
      'the store holds the file, the other app’s codes and the unattributed ones, nothing else',
      sameSet(
        [...generated, ...unattributed],
        server.map((c) => c.code),
      ),
      `${generated.length} + ${unattributed.length} vs ${server.length}`,
    );
    const listed = new Set(unattributed);
    check('the other app wrote during the job', theirs.length > 0, `${theirs.length} codes added`);
    check(
      'every code the other app added is listed as not made by the job',
      theirs.every((c) => listed.has(c)),
      `${theirs.length} added by the other app, ${unattributed.length} listed`,
    );
    check(
      'no code the job did not make was deleted (generate)',
      stillThere().length === 0 && sandbox.stats().perEndpoint.deleteCodes.requests === 0,
      `${stillThere().length} missing`,
    );

    // Export.
    const exp = await phase('export', () => run({ ...base, kind: 'export', unusedOnly: false }));
    const exported = await spoolRows<CouponCode>(spool, exp.id);
    check('export completed', exp.status === 'completed', plainWords(exp.error ?? exp.status));
    check(
      'export equals the server set, in id order, all columns',
      JSON.stringify(exported) === JSON.stringify(sandbox.codes(promo)),
      `${exported.length} rows`,
    );

    // Purge every other code of the job's file through a list (the merchant's CSV) while the
    // other app keeps adding codes: only listed codes go.
    const half = generated.filter((_, i) => i % 2 === 0);
    const pl = await phase('purge (list, plan)', () =>
      run({ ...base, kind: 'purge', mode: 'list', csvText: `code\n${half.join('\n')}\n` }, [
        'awaiting-confirmation',
        'failed',
      ]),
    );
    check(
      'purge dry run counts the list',
      pl.purge?.targetCount === half.length && pl.purge?.notFound === 0,
      `${pl.purge?.targetCount} targets, ${pl.purge?.notFound} not found`,
    );
    check(
      'dry run deleted nothing',
      sandbox.codes(promo).length === server.length,
      `${sandbox.codes(promo).length} codes`,
    );
    const beforeList = sandbox.codes(promo);
    const stopWriter2 = anotherWriter(100, 5, shape);
    await confirm(registry, pl.id);
    const plDone = await phase('purge (list, delete)', () =>
      waitFor(registry, pl.id, ['completed', 'failed'], 30 * 60_000),
    );
    stopWriter2();
    const backup = await spoolRows<CouponCode>(spool, purgeSpools(pl.id).targets);
    const remaining = new Set(sandbox.codes(promo).map((c) => c.id));
    const deleted = beforeList.filter((c) => !remaining.has(c.id));
    check(
      'list purge completed',
      plDone.status === 'completed' && !plDone.error,
      plainWords(plDone.error ?? plDone.status),
    );
    check(
      'list purge removed exactly the listed codes',
      sameSet(
        deleted.map((c) => c.code),
        half,
      ),
      `${deleted.length} deleted of ${half.length}`,
    );
    check(
      'backup equals what was deleted',
      JSON.stringify(backup) === JSON.stringify(deleted),
      `${backup.length} backup rows`,
    );
    check(
      'no code the purge did not target was deleted',
      stillThere().length === 0,
      `${theirs.length} added by the other app, ${stillThere().length} missing`,
    );

    // Purge the unused codes of what is left while customers redeem codes.
    await soakUnusedPurge({
      sandbox,
      registry,
      spool,
      promo,
      phase,
      check,
      anotherWriter: (everyMs, count) => anotherWriter(everyMs, count, shape),
    });

    const pa = await phase('purge (all, plan)', () =>
      run({ ...base, kind: 'purge', mode: 'all' }, ['awaiting-confirmation', 'failed']),
    );
    const beforeAll = sandbox.codes(promo);
    check(
      'purge-all dry run counts what is left',
      pa.purge?.targetCount === beforeAll.length,
      `${pa.purge?.targetCount} of ${beforeAll.length}`,
    );
    await confirm(registry, pa.id);
    const paDone = await phase('purge (all, delete)', () =>
      waitFor(registry, pa.id, ['completed', 'failed'], 30 * 60_000),
    );
    const backupAll = await spoolRows<CouponCode>(spool, purgeSpools(pa.id).targets);
    check(
      'purge all completed',
      paDone.status === 'completed' && !paDone.error,
      plainWords(paDone.error ?? paDone.status),
    );
    check(
      'store is empty afterwards',
      sandbox.codes(promo).length === 0,
      `${sandbox.codes(promo).length} left`,
    );
    check(
      'purge-all backup equals what was deleted',
      JSON.stringify(backupAll) === JSON.stringify(beforeAll),
      `${backupAll.length} backup rows`,
    );
    check(
      'faults were really served',
      phases.reduce((a, p) => a + p.faults, 0) > 0,
      `${phases.reduce((a, p) => a + p.faults, 0)} faults`,
    );
    const quota429 = sandbox.stats().quota429;
    check('no quota 429s', quota429 === 0, `${quota429} quota 429s`);
  } finally {
    // Whatever still runs (a check failed part-way) stops before the store goes.
    for (const job of await registry.list())
      if (isUnfinished(job.status)) await registry.control(job.id, 'cancel').catch(() => undefined);
    await sandbox.close();
  }
  return { checks, phases };
}

function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const sa = new Set(a);
  return sa.size === a.length && b.every((x) => sa.has(x));
}
