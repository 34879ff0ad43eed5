/**
 * The forms' estimates (utils/codes/job-estimate.ts, the model the merchant reads before a
 * start) against the measured time of the same jobs, for the runs whose time the store's quota
 * sets (standard and pro plans). The estimate takes the product's own round trip (250 ms, a
 * real store's); the sandbox answers in 80 ms, which only the last window's requests feel.
 */
import { estimateJob, type PlannedJob } from '../utils/codes/job-estimate';
import { runCreate } from './imports';
import { PLAN_QUOTA, runScenario, type PhaseResult, type Scenario } from './throughput';

const WINDOW_MS = 30_000;

export interface EstimateRow {
  job: string;
  plan: string;
  profile: string;
  codes: number;
  estimatedRequests: number;
  measuredRequests: number;
  estimateMs: number;
  measuredMs: number;
  /** estimate / measured: within 0.85–1.15 is the target. */
  ratio: number;
}

function plannedOf(r: PhaseResult): PlannedJob | null {
  const codes = r.scenario.codes;
  switch (r.phase) {
    case 'generate':
      return { kind: 'generate', count: codes };
    case 'export':
      return { kind: 'export', codes };
    case 'purge: total':
      return { kind: 'purge', mode: 'all', codes };
    case 'import':
    case 'pattern':
      return { kind: 'create', count: codes };
    default:
      return null;
  }
}

/** Estimate vs measured for every whole-job row whose run the quota bounds. */
export function estimateRows(rows: readonly PhaseResult[]): EstimateRow[] {
  return rows.flatMap((r) => {
    const quota = PLAN_QUOTA[r.scenario.plan];
    const planned = plannedOf(r);
    if (!planned || quota === null || r.bound.limitedBy !== 'quota') return [];
    const windowMs = WINDOW_MS / r.scenario.windowScale;
    const e = estimateJob(planned, { quota: quota / r.scenario.windowScale, windowMs });
    return [
      {
        job: r.phase === 'purge: total' ? 'purge (all)' : r.phase,
        plan: r.scenario.plan,
        profile: r.scenario.profile,
        codes: r.scenario.codes,
        estimatedRequests: e.requests,
        measuredRequests: r.counts.admitted,
        estimateMs: e.ms,
        measuredMs: r.wallMs,
        ratio: e.ms / r.wallMs,
      },
    ];
  });
}

export function estimateTable(rows: readonly EstimateRow[]): string {
  const head =
    '| job | plan | limits | codes | requests est. / sent | estimate s | measured s | est. / measured |\n' +
    '| :-- | :-- | :-- | --: | --: | --: | --: | --: |';
  const body = rows.map(
    (r) =>
      `| ${r.job} | ${r.plan} | ${r.profile} | ${r.codes.toLocaleString('en-US')} | ${r.estimatedRequests.toLocaleString('en-US')} / ${r.measuredRequests.toLocaleString('en-US')} | ${(r.estimateMs / 1000).toFixed(1)} | ${(r.measuredMs / 1000).toFixed(1)} | ${r.ratio.toFixed(2)} |`,
  );
  return [head, ...body].join('\n');
}

/**
 * `--only=estimates`: just the quota-bound runs (current limits), each once: the standard
 * plan's generate, export and purge, the pro plan's purge, and a standard import.
 */
export async function runEstimateSection(o: {
  quick: boolean;
  base: Pick<Scenario, 'latencyMs' | 'jitterMs'>;
  log: (s: string) => void;
}): Promise<EstimateRow[]> {
  const size = o.quick ? 50_000 : 100_000;
  const scenario = (plan: Scenario['plan'], codes: number): Scenario => ({
    plan,
    profile: 'current',
    codes,
    windowScale: 1,
    ...o.base,
  });
  const rows: PhaseResult[] = [];
  const run = async (label: string, get: () => Promise<PhaseResult[]>) => {
    const t = performance.now();
    const got = await get();
    rows.push(...got);
    o.log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  await run(`standard ${size} generate`, () =>
    runScenario(scenario('standard', size), ['generate']),
  );
  await run(`standard ${size} export`, () => runScenario(scenario('standard', size), ['export']));
  await run(`standard ${size} purge`, () => runScenario(scenario('standard', size), ['purge']));
  await run(`pro ${size} purge`, () => runScenario(scenario('pro', size), ['purge']));
  const importCodes = o.quick ? 500 : 1000;
  await run(`standard ${importCodes} import`, async () => [
    await runCreate(scenario('standard', importCodes), 'import'),
  ]);
  return estimateRows(rows);
}
