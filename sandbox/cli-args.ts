/** Command-line and environment parsing for `npm run sandbox` (flags win over env vars). */
import { parseArgs } from 'node:util';
import { MAX_EXTRA_PROMOTIONS } from './state';
import type { LimitsProfile, Plan, SandboxOptions } from './types';

interface FlagSpec {
  flag: string;
  env: string;
  help: string;
}

const FLAGS: FlagSpec[] = [
  {
    flag: 'port',
    env: 'SANDBOX_PORT',
    help: 'TCP port on 127.0.0.1 (0 = any free port). Default 8443.',
  },
  {
    flag: 'plan',
    env: 'SANDBOX_PLAN',
    help: 'standard (150/30s) | pro (450/30s) | unlimited. Default standard.',
  },
  {
    flag: 'limits',
    env: 'SANDBOX_LIMITS',
    help: 'current (list 10 in flight, delete 250 ids) | legacy (list 40, delete 50). Default current.',
  },
  {
    flag: 'latency',
    env: 'SANDBOX_LATENCY',
    help: 'Mean added latency per API request, ms. Default 0.',
  },
  { flag: 'jitter', env: 'SANDBOX_JITTER', help: '+- uniform jitter, ms. Default latency/4.' },
  {
    flag: 'faults-500',
    env: 'SANDBOX_FAULTS_500',
    help: 'Fraction 0..1 of API requests answered 500 without doing the work.',
  },
  {
    flag: 'faults-drop',
    env: 'SANDBOX_FAULTS_DROP',
    help: 'Fraction 0..1 of API requests done, then dropped without a response.',
  },
  {
    flag: 'faults-429',
    env: 'SANDBOX_FAULTS_429',
    help: 'Fraction 0..1 of API requests starting a ~1 s burst of 429s without rate-limit headers.',
  },
  {
    flag: 'faults-redirect',
    env: 'SANDBOX_FAULTS_REDIRECT',
    help: 'Fraction 0..1 of API requests answered 307 to the sink (another host).',
  },
  { flag: 'window-ms', env: 'SANDBOX_WINDOW_MS', help: 'Quota window, ms. Default 30000.' },
  {
    flag: 'seed-codes',
    env: 'SANDBOX_SEED_CODES',
    help: 'Codes in the seeded bulk promotion. Default 1200.',
  },
  {
    flag: 'seed-promotions',
    env: 'SANDBOX_SEED_PROMOTIONS',
    help: 'Extra bulk promotions (ids 5, 6...), a few codes each. Default 0.',
  },
  {
    flag: 'quota',
    env: 'SANDBOX_QUOTA',
    help: "Requests per window, overriding the plan's quota.",
  },
  {
    flag: 'seed',
    env: 'SANDBOX_SEED',
    help: 'Seed of the PRNG (tokens, codes, faults). Default fixed.',
  },
];

export function usage(): string {
  const lines = FLAGS.map((f) => `  --${f.flag.padEnd(15)} ${f.env.padEnd(23)} ${f.help}`);
  return [
    'Usage: npm run sandbox -- [flags]',
    '',
    'A local fake of the BigCommerce Promotions API v3 and control panel over HTTPS.',
    'Every flag can also be set by the environment variable shown; flags win.',
    '',
    ...lines,
    `  --${'help'.padEnd(15)} ${''.padEnd(23)} This text.`,
  ].join('\n');
}

export type CliParse =
  { kind: 'help' } | { kind: 'run'; options: SandboxOptions } | { kind: 'error'; message: string };

function num(
  name: string,
  raw: string,
  opts: { int?: boolean; min?: number; max?: number },
): number {
  const v = raw.trim() === '' ? NaN : Number(raw);
  const bad =
    !Number.isFinite(v) ||
    (opts.int === true && !Number.isInteger(v)) ||
    (opts.min !== undefined && v < opts.min) ||
    (opts.max !== undefined && v > opts.max);
  if (bad) {
    const range = `${opts.int ? 'an integer' : 'a number'}${opts.min !== undefined ? ` >= ${opts.min}` : ''}${opts.max !== undefined ? ` and <= ${opts.max}` : ''}`;
    throw new Error(`--${name} must be ${range} (got ${JSON.stringify(raw)})`);
  }
  return v;
}

export function parseCliArgs(argv: string[], env: Record<string, string | undefined>): CliParse {
  let values: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(FLAGS.map((f) => [f.flag, { type: 'string' as const }]));
    values = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    return { kind: 'error', message: (e as Error).message };
  }
  if (values.help === true) return { kind: 'help' };
  const get = (flag: string): string | undefined => {
    const v = values[flag];
    if (typeof v === 'string') return v;
    const spec = FLAGS.find((f) => f.flag === flag)!;
    const e = env[spec.env];
    return e === undefined || e === '' ? undefined : e;
  };
  try {
    const o: SandboxOptions = { plan: 'standard', limits: 'current', port: 8443 };
    const port = get('port');
    if (port !== undefined) o.port = num('port', port, { int: true, min: 0, max: 65535 });
    const plan = get('plan');
    if (plan !== undefined) {
      if (!['standard', 'pro', 'unlimited'].includes(plan))
        throw new Error(`--plan must be standard, pro or unlimited (got ${JSON.stringify(plan)})`);
      o.plan = plan as Plan;
    }
    const limits = get('limits');
    if (limits !== undefined) {
      if (!['current', 'legacy'].includes(limits))
        throw new Error(`--limits must be current or legacy (got ${JSON.stringify(limits)})`);
      o.limits = limits as LimitsProfile;
    }
    const latency = get('latency');
    if (latency !== undefined) o.latencyMs = num('latency', latency, { min: 0 });
    const jitter = get('jitter');
    if (jitter !== undefined) o.jitterMs = num('jitter', jitter, { min: 0 });
    const faults: NonNullable<SandboxOptions['faults']> = {};
    for (const [flag, key] of [
      ['faults-500', 'error500'],
      ['faults-drop', 'drop'],
      ['faults-429', 'burst429'],
      ['faults-redirect', 'redirect'],
    ] as const) {
      const v = get(flag);
      if (v !== undefined) faults[key] = num(flag, v, { min: 0, max: 1 });
    }
    if (Object.keys(faults).length > 0) o.faults = faults;
    const windowMs = get('window-ms');
    if (windowMs !== undefined) o.windowMs = num('window-ms', windowMs, { min: 1 });
    const seedCodes = get('seed-codes');
    const seedPromotions = get('seed-promotions');
    const seed = get('seed');
    if (seedCodes !== undefined || seedPromotions !== undefined || seed !== undefined) {
      o.seed = {};
      if (seedCodes !== undefined)
        o.seed.bulkCodes = num('seed-codes', seedCodes, { int: true, min: 0, max: 10_000_000 });
      if (seedPromotions !== undefined)
        o.seed.bulkPromotions = num('seed-promotions', seedPromotions, {
          int: true,
          min: 0,
          max: MAX_EXTRA_PROMOTIONS,
        });
      if (seed !== undefined)
        o.seed.random = num('seed', seed, { int: true, min: 0, max: 4294967295 });
    }
    const quota = get('quota');
    if (quota !== undefined) o.quota = num('quota', quota, { int: true, min: 1 });
    return { kind: 'run', options: o };
  } catch (e) {
    return { kind: 'error', message: (e as Error).message };
  }
}
