/** Markdown tables of the bench's figures (printed to stdout and written to RESULTS.md). */
import type { BaselineResult } from './baselines';
import type { MemoryResult } from './memory';
import type { PageWeightResult } from './page-weight';
import { limitsOf, type PhaseResult, type Scenario } from './throughput';

export function table(
  head: string[],
  rows: Array<Array<string | number>>,
  align?: Array<'l' | 'r'>,
): string {
  const a = align ?? head.map((_, i) => (i === 0 ? 'l' : 'r'));
  const line = (cells: Array<string | number>) => `| ${cells.map(String).join(' | ')} |`;
  return [line(head), line(a.map((x) => (x === 'l' ? ':--' : '--:'))), ...rows.map(line)].join(
    '\n',
  );
}

export const secs = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
export const ratio = (x: number) => x.toFixed(2);
export const int = (n: number) => n.toLocaleString('en-US');
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const codesLabel = (n: number) =>
  n >= 1_000_000 && n % 1_000_000 === 0
    ? `${n / 1_000_000}M`
    : n >= 1000 && n % 1000 === 0
      ? `${n / 1000}k`
      : String(n);
export const quotaLabel = (s: Scenario) => limitsOf(s).quotaLabel;
export const plus429 = (c: { quota429: number; concurrency429: number; headerless429: number }) =>
  `${c.quota429} / ${c.concurrency429} / ${c.headerless429}`;

/** Wall time of the calibration pool for the same work as an engine phase, or null. */
export function poolMs(r: PhaseResult, baselines: BaselineResult[]): number | null {
  const find = (kind: string) =>
    baselines.find(
      (b) =>
        b.mode === 'pool' &&
        b.kind === kind &&
        b.missingCodes === 0 &&
        b.scenario.plan === r.scenario.plan &&
        b.scenario.profile === r.scenario.profile &&
        b.scenario.codes === r.scenario.codes,
    )?.wallMs ?? null;
  switch (r.phase) {
    case 'generate':
      return find('generate');
    case 'export':
    case 'purge: scan':
      return find('export');
    case 'purge: delete':
      return find('purge');
    case 'purge: total': {
      const a = find('export');
      const b = find('purge');
      return a !== null && b !== null ? a + b : null;
    }
    case 'import':
    case 'pattern':
      return null;
  }
}

export function throughputTable(rows: PhaseResult[], baselines: BaselineResult[] = []): string {
  return table(
    [
      'plan',
      'limits',
      'quota',
      'codes',
      'phase',
      'wall s',
      'requests (admitted)',
      '429 quota / conc / headerless',
      'bound s',
      'limited by',
      'efficiency',
      'bound at RTT s',
      'eff. at RTT',
      'cursor bound s',
      'vs cursor',
      'pool s',
      'vs pool',
      'exact',
    ],
    rows.map((r) => [
      r.scenario.plan,
      r.scenario.profile,
      quotaLabel(r.scenario),
      codesLabel(r.scenario.codes),
      r.phase + (r.scenario.host === 'inline' ? ' †' : ''),
      secs(r.wallMs),
      `${int(r.counts.requests)} (${int(r.counts.admitted)})`,
      plus429(r.counts),
      secs(r.bound.boundMs),
      r.bound.limitedBy,
      ratio(r.efficiency),
      r.boundAtRtt ? secs(r.boundAtRtt.boundMs) : '',
      r.efficiencyAtRtt === undefined ? '' : ratio(r.efficiencyAtRtt),
      r.cursorBoundMs === undefined ? '' : secs(r.cursorBoundMs),
      r.cursorRatio === undefined ? '' : ratio(r.cursorRatio),
      ...((p) =>
        p === null || r.scenario.host === 'inline' ? ['', ''] : [secs(p), ratio(p / r.wallMs)])(
        poolMs(r, baselines),
      ),
      r.ok ? (r.note ? `yes (${r.note})` : 'yes') : `NO: ${r.note}`,
    ]),
    ['l', 'l', 'l', 'r', 'l', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
  );
}

/** Baselines side by side with the engine's figure for the same job (purge: its delete phase). */
export function baselineTable(rows: BaselineResult[], engine: PhaseResult[]): string {
  const engineMs = (b: BaselineResult) => {
    const phase = b.kind === 'purge' ? 'purge: delete' : b.kind;
    const e = engine.find(
      (r) =>
        r.phase === phase &&
        r.scenario.host !== 'inline' &&
        r.scenario.plan === b.scenario.plan &&
        r.scenario.profile === b.scenario.profile &&
        r.scenario.codes === b.scenario.codes,
    );
    return e ? secs(e.wallMs) : '–';
  };
  return table(
    [
      'plan',
      'limits',
      'quota',
      'codes',
      'job',
      'script',
      'wall s',
      'engine wall s',
      'requests',
      '429 quota / conc / headerless',
      'failed requests',
      'codes missing',
    ],
    rows.map((b) => [
      b.scenario.plan,
      b.scenario.profile,
      quotaLabel(b.scenario),
      codesLabel(b.scenario.codes),
      b.kind === 'purge' ? 'purge (delete)' : b.kind,
      b.mode,
      secs(b.wallMs),
      engineMs(b),
      int(b.counts.requests),
      plus429(b.counts),
      int(b.failedRequests),
      int(b.missingCodes),
    ]),
    ['l', 'l', 'l', 'r', 'l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
}

export function memoryTable(rows: MemoryResult[]): string {
  return table(
    [
      'codes',
      'export wall s',
      'service worker heap peak',
      'service worker heap at start',
      'CSV document heap peak',
      'CSV file',
      'samples (worker / document)',
    ],
    rows.map((m) => [
      codesLabel(m.codes),
      secs(m.wallMs),
      mb(m.workerPeak),
      mb(m.workerStart),
      m.documentPeak === null ? 'not seen' : mb(m.documentPeak),
      m.fileBytes === null ? '–' : mb(m.fileBytes),
      `${m.workerSamples} / ${m.documentSamples}`,
    ]),
    ['r', 'r', 'r', 'r', 'r', 'r', 'r'],
  );
}

/** Runs with a full GC before every sample: live heap only. */
export function liveTable(rows: MemoryResult[]): string {
  return table(
    [
      'codes',
      'export wall s',
      'service worker live heap peak',
      'CSV document live heap peak',
      'samples (worker / document)',
      'panel said',
    ],
    rows.map((m) => [
      codesLabel(m.codes),
      secs(m.wallMs),
      mb(m.workerPeak),
      m.documentPeak === null ? 'not seen' : mb(m.documentPeak),
      `${m.workerSamples} / ${m.documentSamples}`,
      m.status,
    ]),
    ['r', 'r', 'r', 'r', 'r', 'l'],
  );
}

export function pageWeightTable(p: PageWeightResult): string {
  const lines = [
    table(
      ['file', 'raw', 'gzip (level 9)', 'target'],
      p.files.map((f) => [f.path, kb(f.raw), kb(f.gzip), f.target ?? '']),
      ['l', 'r', 'r', 'l'],
    ),
  ];
  if (p.timing) {
    const t = p.timing;
    lines.push(
      '',
      table(
        ['measure', 'median ms', 'min ms', 'max ms', 'loads'],
        t.map((m) => [m.label, m.median.toFixed(0), m.min.toFixed(0), m.max.toFixed(0), m.n]),
        ['l', 'r', 'r', 'r', 'r'],
      ),
    );
  }
  return lines.join('\n');
}
