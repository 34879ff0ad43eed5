/**
 * The "import" section of `npm run bench`: jobs that make one request a code (POST
 * /promotions/{id}/codes, 40 in flight through the governor's 'create' slot), through the real
 * engine against the sandbox, scored against createBound (bound.ts):
 *  - import, unlimited plan, 10,000 codes: bound by concurrency;
 *  - import, standard plan, 1,000 codes (250 with --quick), real 30 s windows: bound by quota;
 *  - pattern (codes in the merchant's own pattern, same engine), unlimited plan, 10,000 codes.
 * run.ts calls runImportSection and puts importTable, importText and importReading in the output.
 */
import { settled, spoolRows } from '../tests/jobs/helpers';
import { defaultReserve } from '../utils/rate/quota-window';
import type { RoundTrips } from './baselines';
import { createBound, windowsFor } from './bound';
import { medianBy } from './median';
import { codesLabel, int, plus429, quotaLabel, ratio, secs, table } from './report';
import {
  at,
  countsOf,
  engine,
  limitsOf,
  result,
  startStore,
  timed,
  type Latencies,
  type PhaseResult,
  type Scenario,
} from './throughput';

export type CreateKind = 'import' | 'pattern';

export const IMPORT_CODES = 10_000;
/**
 * Standard plan: 10,000 codes would take ~70 windows of 30 s (35 min). 1,000 take 7, and the
 * engine's 1,001 requests at 144 a window (its 4 % reserve kept) need 7 too; 250 (--quick) 2.
 */
export const standardCodes = (quick: boolean) => (quick ? 250 : 1_000);
export const PATTERN = 'BENCH-########';
const PATTERN_RE = /^BENCH-[A-Za-z0-9]{8}$/;

export function importRuns(
  quick: boolean,
  base: Omit<Scenario, 'plan' | 'codes'>,
): Array<{ s: Scenario; kind: CreateKind }> {
  return [
    { s: { ...base, plan: 'unlimited', codes: IMPORT_CODES }, kind: 'import' },
    { s: { ...base, plan: 'standard', codes: standardCodes(quick) }, kind: 'import' },
    { s: { ...base, plan: 'unlimited', codes: IMPORT_CODES }, kind: 'pattern' },
  ];
}

/** The file's codes: distinct, valid, upper case. */
export const importCodes = (n: number) =>
  Array.from({ length: n }, (_, i) => `BENCH-IMPORT-${String(i + 1).padStart(7, '0')}`);

/** The create bound at each endpoint's latency (a run saved without a create round trip has none at RTT). */
const boundAt = (s: Scenario) => (lat: Latencies) =>
  createBound(s.codes, at(s, lat.create ?? s.latencyMs));

/** One import or pattern job of `s.codes` codes into the empty bulk promotion, timed from start to idle. */
export async function runCreate(s: Scenario, kind: CreateKind): Promise<PhaseResult> {
  const sandbox = await startStore(s, 0);
  try {
    const { registry, files, spool } = engine(sandbox);
    const { storeHash } = sandbox;
    const promotionId = sandbox.promotions.bulkEmpty;
    const limits = { maxUses: 1, maxUsesPerCustomer: 1 };
    const asked = kind === 'import' ? importCodes(s.codes) : [];
    // Reading the file into a draft is local work before anything is sent: not timed.
    const draftId =
      kind === 'import'
        ? (await registry.prepareImport(storeHash, promotionId, `code\n${asked.join('\n')}\n`))
            .draftId
        : '';
    const { ms, value: id } = await timed(async () => {
      const started =
        kind === 'import'
          ? await registry.start({ kind, storeHash, promotionId, draftId, ...limits })
          : await registry.start({
              kind,
              storeHash,
              promotionId,
              params: {
                count: s.codes,
                ...limits,
                pattern: PATTERN,
                characterSet: 'letters-digits',
                ownCharacters: '',
              },
            });
      await settled(registry, { everyMs: 1, timeoutMs: 60 * 60_000 });
      return started;
    });
    const job = (await registry.list()).find((j) => j.id === id)!;
    const inStore = (await sandbox.codes(promotionId)).map((c) => c.code).sort();
    const ledger = (await spoolRows<{ code: string }>(spool, id)).map((r) => r.code).sort();
    const fileRows =
      files.find((f) => f.kind === (kind === 'import' ? 'imported' : 'generated'))?.rows ?? 0;
    const problems = exactness(
      s.codes,
      kind === 'import' ? [...asked].sort() : null,
      inStore,
      ledger,
      fileRows,
    );
    if (job.status !== 'completed')
      problems.unshift(`${job.status}${job.error ? `: ${job.error}` : ''}`);
    if (job.create && (job.create.created !== s.codes || job.create.rejected))
      problems.push(`job says ${job.create.created} created, ${job.create.rejected} rejected`);
    const clashes = job.create?.clashes ? `${job.create.clashes} pattern clashes replaced` : '';
    return result(
      s,
      kind,
      ms,
      countsOf(await sandbox.stats()),
      boundAt(s),
      problems.length === 0,
      problems.length ? problems.join('; ') : clashes,
    );
  } finally {
    await sandbox.close();
  }
}

/**
 * What is wrong with a run's codes, if anything: the promotion must hold exactly `n` codes
 * (an import: the file's; a pattern: codes of the pattern), none missing and none twice, and
 * the job's ledger (its file of made codes) must list exactly those, each once.
 */
export function exactness(
  n: number,
  askedSorted: string[] | null,
  inStore: string[],
  ledgerSorted: string[],
  fileRows: number,
): string[] {
  const out: string[] = [];
  const codes = (k: number) => `${int(k)} code${k === 1 ? '' : 's'}`;
  const twice = (xs: string[]) => xs.filter((x, i) => i > 0 && xs[i - 1] === x).length;
  if (inStore.length !== n) out.push(`the promotion holds ${codes(inStore.length)}`);
  if (askedSorted) {
    const held = new Set(inStore);
    const missing = askedSorted.filter((c) => !held.has(c)).length;
    if (missing) out.push(`${int(missing)} of the file's codes missing`);
  } else {
    const odd = inStore.filter((c) => !PATTERN_RE.test(c)).length;
    if (odd) out.push(`${codes(odd)} not of the pattern`);
  }
  if (twice(ledgerSorted)) out.push(`${codes(twice(ledgerSorted))} twice in the ledger`);
  if (ledgerSorted.length !== inStore.length || ledgerSorted.some((c, i) => inStore[i] !== c))
    out.push(`the ledger (${codes(ledgerSorted.length)}) differs from the store's codes`);
  if (fileRows !== n) out.push(`the job's file has ${int(fileRows)} rows`);
  return out;
}

/** Every run of the section; runs whose bound is set by concurrency are timed `repeats` times (median kept). */
export async function runImportSection(o: {
  quick: boolean;
  repeats: number;
  base: Omit<Scenario, 'plan' | 'codes'>;
  rtt: RoundTrips | null;
  log: (s: string) => void;
}): Promise<PhaseResult[]> {
  // The bound at RTT needs the create round trip: leave it out rather than use another endpoint's.
  const base =
    o.rtt?.create === undefined ? { ...o.base, rtt: undefined } : { ...o.base, rtt: o.rtt };
  const out: PhaseResult[] = [];
  for (const { s, kind } of importRuns(o.quick, base)) {
    const t = performance.now();
    const n = createBound(s.codes, limitsOf(s)).limitedBy === 'concurrency' ? o.repeats : 1;
    const runs: PhaseResult[] = [];
    for (let i = 0; i < n; i++) runs.push(await runCreate(s, kind));
    const r = medianBy(runs, (x) => x.wallMs);
    if (runs.length > 1)
      r.note = r.note ? `${r.note}; median of ${runs.length}` : `median of ${runs.length}`;
    out.push(r);
    o.log(
      `  ${s.plan}/${codesLabel(s.codes)} ${kind}: ${secs(r.wallMs)} s, eff ${ratio(r.efficiency)}, exact ${r.ok ? 'yes' : 'NO'} (${secs(performance.now() - t)} s)`,
    );
  }
  return out;
}

export function importTable(rows: PhaseResult[]): string {
  return table(
    [
      'plan',
      'limits',
      'quota',
      'codes',
      'job',
      'wall s',
      'requests (admitted)',
      '429 quota / conc / headerless',
      'bound s',
      'limited by',
      'efficiency',
      'bound at RTT s',
      'eff. at RTT',
      'exact',
    ],
    rows.map((r) => [
      r.scenario.plan,
      r.scenario.profile,
      quotaLabel(r.scenario),
      codesLabel(r.scenario.codes),
      r.phase,
      secs(r.wallMs),
      `${int(r.counts.requests)} (${int(r.counts.admitted)})`,
      plus429(r.counts),
      secs(r.bound.boundMs),
      r.bound.limitedBy,
      ratio(r.efficiency),
      r.boundAtRtt ? secs(r.boundAtRtt.boundMs) : '',
      r.efficiencyAtRtt === undefined ? '' : ratio(r.efficiencyAtRtt),
      r.ok ? (r.note ? `yes (${r.note})` : 'yes') : `NO: ${r.note}`,
    ]),
    ['l', 'l', 'l', 'r', 'l', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'r', 'l'],
  );
}

/** Requests the engine may spend in a window of `quota`: what its reserve for the store's other apps leaves. */
const spendable = (quota: number) => quota - defaultReserve(quota);

/** The section's Markdown: set-up, bound, sizes, then the table. */
export function importText(rows: PhaseResult[], rtt: RoundTrips | null): string[] {
  const std = rows.find((r) => r.scenario.plan === 'standard');
  const n = std?.scenario.codes ?? standardCodes(false);
  const q = (std && limitsOf(std.scenario).quota) ?? 150;
  const w = (std ? limitsOf(std.scenario).windowMs : 30_000) / 1000;
  const per = spendable(q);
  return [
    '## Import and pattern: one request a code',
    '',
    `- Import: a CSV of *N* distinct codes (a \`code\` header, then BENCH-IMPORT-0000001, …) read into a draft by \`registry.prepareImport\` (local work before anything is sent: not timed), then the job from \`start\` until the registry is idle, into the empty bulk promotion, max uses 1 and 1 per customer. Pattern: *N* codes of the pattern \`${PATTERN}\` over letters and digits, the same engine. ` +
      `Both send one POST /promotions/{id}/codes per code through the governor's 'create' slot (40 in flight), after reading the promotion's baseline (its count, and its last page when it holds codes; this one is empty: 1 request). Current limits (the store's create cap is 40 under both profiles); latency and jitter as above; one fresh sandbox and registry per run.`,
    `- **Bound** (bench/bound.ts \`createBound\`): *n* = *N* creates at *cap* = 40, the formulas above: concurrency bound *N* × *L* / 40 (= ⌈*N* / 40⌉ × *L*, as 40 divides these *N*); quota bound (⌈*N* / *Q*⌉ − 1) × *W* + *r* × *L* / 40, the full quota counted. ` +
      `The baseline read is not in *n*: like generate's counts, it is the engine's own cost and shows in the requests column. At RTT, *L* = the measured round trip of one create${rtt?.create === undefined ? ' (not measured in this run)' : ` (${rtt.create.toFixed(1)} ms)`}. Runs bound by concurrency are timed as in the throughput table (the median run kept; "median of" in the exact column).`,
    `- **Sizes**: ${int(IMPORT_CODES)} codes on the unlimited plan. On the standard plan ${int(n)} codes, in the real ${w} s windows: ${int(IMPORT_CODES)} would need ⌈${int(IMPORT_CODES + 1)} / ${per}⌉ = ${windowsFor(IMPORT_CODES + 1, per)} windows, about ${Math.round((windowsFor(IMPORT_CODES + 1, per) * w) / 60)} minutes, and a shorter window with the quota shrunk alike does not shorten a quota-bound run (the admitted rate is the same; see Set-up). ` +
      `The engine keeps ${defaultReserve(q)} of each ${q} for the store's other apps (4 %), so it spends ${per} a window: its ${int(n + 1)} requests need ⌈${int(n + 1)} / ${per}⌉ = ${windowsFor(n + 1, per)} windows, the bound's ${int(n)} at ${q} need ${windowsFor(n, q)}. ` +
      `Where the two differ (1,050 codes: ${windowsFor(1051, per)} windows against ${windowsFor(1050, q)}) the reserve costs a whole window, ${w} s.`,
    `- **Exact**: the job completed with *N* created and none rejected; the promotion holds exactly *N* codes (an import: the file's; a pattern: *N* codes of the pattern), none missing, none twice; the job's ledger (its file of made codes) lists exactly those, each once.`,
    '',
    importTable(rows),
    '',
  ];
}

export function importReading(rows: PhaseResult[]): string[] {
  if (!rows.length) return [];
  const label = (r: PhaseResult) => `${r.scenario.plan}/${codesLabel(r.scenario.codes)} ${r.phase}`;
  const sum = (k: 'quota429' | 'concurrency429' | 'headerless429') =>
    rows.reduce((s, r) => s + r.counts[k], 0);
  const out = [
    `- **Import and pattern efficiency** (one request a code, 40 in flight): ${rows
      .map(
        (r) =>
          `${label(r)} ${ratio(r.efficiency)}${r.efficiencyAtRtt === undefined ? '' : ` (at RTT ${ratio(r.efficiencyAtRtt)})`}, limited by ${r.bound.limitedBy}`,
      )
      .join('; ')}. ` +
      `429s over these runs (quota / concurrency / header-less): ${sum('quota429')} / ${sum('concurrency429')} / ${sum('headerless429')}. Every run exact: ${rows.every((r) => r.ok) ? 'yes' : 'NO'}.`,
  ];
  for (const r of rows.filter((x) => x.bound.limitedBy === 'quota')) {
    const l = limitsOf(r.scenario);
    const per = spendable(l.quota!);
    out.push(
      `  - ${label(r)}: ${int(r.counts.admitted)} requests admitted at ${per} a window (${l.quota} less the reserve) span ${windowsFor(r.counts.admitted, per)} windows; the bound's ${int(r.bound.requests)} at ${l.quota} span ${windowsFor(r.bound.requests, l.quota!)}.`,
    );
  }
  return out;
}
