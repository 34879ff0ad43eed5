/** Everything one running sandbox holds: run-time settings, stores, randomness, faults. */
import { FaultInjector } from './faults';
import { validateHostile } from './hostile';
import { PLAN_QUOTA, StoreLimiter } from './limits';
import { mulberry32, randomToken } from './rng';
import { StatsCollector } from './stats';
import { StoreData } from './store';
import type {
  ConfigurableOptions,
  CreateStoreOptions,
  Faults,
  Hostile,
  LimitsProfile,
  Plan,
} from './types';

export interface RuntimeConfig {
  plan: Plan;
  limits: LimitsProfile;
  latencyMs: number;
  /** undefined = latencyMs / 4 */
  jitterMs: number | undefined;
  faults: Faults;
  /** {} = honest answers. */
  hostile: Hostile;
  windowMs: number;
  quota: number | undefined;
  /** Codes customers redeem on each page of codes just before it is read. */
  redeemOnList?: number;
}

export interface StoreEntry {
  data: StoreData;
  limiter: StoreLimiter;
  stats: StatsCollector;
}

export const DEFAULT_STORE_HASH = 'sandbox1';
export const DEFAULT_SEED = 20260301;
const HASH_RE = /^[a-z0-9]{1,32}$/;
/** Extra bulk promotions a store may be seeded with (enough for many pages of 250). */
export const MAX_EXTRA_PROMOTIONS = 10_000;

const PLANS: readonly Plan[] = ['standard', 'pro', 'unlimited'];
const PROFILES: readonly LimitsProfile[] = ['current', 'legacy'];

/** Throws a plain Error naming the bad field; used by configure() and the CLI alike. */
export function validateConfig(partial: unknown): ConfigurableOptions {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial))
    throw new Error('configure expects an object');
  const p = partial as Record<string, unknown>;
  const out: ConfigurableOptions = {};
  const nonNeg = (k: 'latencyMs' | 'jitterMs'): void => {
    const v = p[k];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new Error(`${k} must be a number >= 0`);
    out[k] = v;
  };
  if (p.plan !== undefined) {
    if (!PLANS.includes(p.plan as Plan)) throw new Error(`plan must be one of ${PLANS.join(', ')}`);
    out.plan = p.plan as Plan;
  }
  if (p.limits !== undefined) {
    if (!PROFILES.includes(p.limits as LimitsProfile))
      throw new Error(`limits must be one of ${PROFILES.join(', ')}`);
    out.limits = p.limits as LimitsProfile;
  }
  nonNeg('latencyMs');
  // An explicit undefined / null jitter goes back to the default (latencyMs / 4).
  if ('jitterMs' in p && (p.jitterMs === undefined || p.jitterMs === null))
    out.jitterMs = undefined;
  else nonNeg('jitterMs');
  if (p.windowMs !== undefined) {
    if (typeof p.windowMs !== 'number' || !Number.isFinite(p.windowMs) || p.windowMs <= 0)
      throw new Error('windowMs must be a number > 0');
    out.windowMs = p.windowMs;
  }
  if ('quota' in p) {
    // undefined (in-process) or null (over HTTP) clears the override: back to the plan's quota.
    if (p.quota === undefined || p.quota === null) out.quota = undefined;
    else if (typeof p.quota !== 'number' || !Number.isInteger(p.quota) || p.quota < 1) {
      throw new Error('quota must be an integer >= 1 (or null to use the plan quota)');
    } else out.quota = p.quota;
  }
  if (p.faults !== undefined) {
    if (typeof p.faults !== 'object' || p.faults === null || Array.isArray(p.faults))
      throw new Error('faults must be an object');
    const f = p.faults as Record<string, unknown>;
    const faults: Faults = {};
    for (const k of ['error500', 'drop', 'burst429', 'redirect'] as const) {
      const v = f[k];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !(v >= 0 && v <= 1))
        throw new Error(`faults.${k} must be a fraction between 0 and 1`);
      faults[k] = v;
    }
    if (f.burstMs !== undefined) {
      if (typeof f.burstMs !== 'number' || !Number.isFinite(f.burstMs) || f.burstMs < 0)
        throw new Error('faults.burstMs must be a number >= 0');
      faults.burstMs = f.burstMs;
    }
    out.faults = faults;
  }
  if (p.redeemOnList !== undefined) {
    const v = p.redeemOnList;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 250)
      throw new Error('redeemOnList must be an integer between 0 and 250');
    out.redeemOnList = v;
  }
  // Like faults, a new hostile object replaces the old one whole; {} clears it.
  if (p.hostile !== undefined) out.hostile = validateHostile(p.hostile);
  return out;
}

export class SandboxState {
  readonly stores = new Map<string, StoreEntry>();
  readonly faults: FaultInjector;
  defaultHash = DEFAULT_STORE_HASH;
  /** Where the redirect fault points (set once the sink listens). */
  sinkOrigin = '';
  private storeCounter = 1;
  private readonly tokens = new Set<string>();

  constructor(
    public config: RuntimeConfig,
    readonly rng: () => number,
    private readonly seed: number,
    /** What a store is seeded with unless createStore() says otherwise. */
    private readonly defaults: { bulkCodes: number; bulkPromotions: number },
    /** Latency and faults get their own stream unless an rng was injected. */
    private readonly chaosRng: () => number = mulberry32(seed ^ 0x9e3779b9),
    /** Codes "another app" adds: a stream of their own, so they do not shift the codes codegen makes. */
    readonly otherAppRng: () => number = mulberry32(seed ^ 0x85ebca6b),
    /** Which codes customers redeem: a stream of its own too. */
    readonly customerRng: () => number = mulberry32(seed ^ 0xc2b2ae35),
  ) {
    this.faults = new FaultInjector(() => this.config.faults, this.chaosRng);
  }

  createStore(opts: CreateStoreOptions = {}): StoreEntry {
    const hash = opts.hash ?? this.nextHash();
    if (!HASH_RE.test(hash))
      throw new Error(
        `store hash must be 1-32 lowercase letters or digits: ${JSON.stringify(hash)}`,
      );
    if (this.stores.has(hash)) throw new Error(`store ${hash} already exists`);
    if (opts.plan !== undefined && !PLANS.includes(opts.plan))
      throw new Error(`plan must be one of ${PLANS.join(', ')}`);
    if (opts.limits !== undefined && !PROFILES.includes(opts.limits))
      throw new Error(`limits must be one of ${PROFILES.join(', ')}`);
    const bulkCodes = opts.bulkCodes ?? this.defaults.bulkCodes;
    if (!Number.isInteger(bulkCodes) || bulkCodes < 0)
      throw new Error('bulkCodes must be an integer >= 0');
    const bulkPromotions = opts.bulkPromotions ?? this.defaults.bulkPromotions;
    if (
      !Number.isInteger(bulkPromotions) ||
      bulkPromotions < 0 ||
      bulkPromotions > MAX_EXTRA_PROMOTIONS
    )
      throw new Error(`bulkPromotions must be an integer between 0 and ${MAX_EXTRA_PROMOTIONS}`);
    const entry: StoreEntry = {
      data: new StoreData({
        hash,
        plan: opts.plan ?? this.config.plan,
        limits: opts.limits ?? this.config.limits,
        bulkCodes,
        bulkPromotions,
        tokens: { modify: this.newToken(), readOnly: this.newToken() },
        seed: this.seed,
        name: opts.storeName,
        informationScope: opts.informationScope,
      }),
      limiter: new StoreLimiter(),
      stats: new StatsCollector(),
    };
    this.stores.set(hash, entry);
    return entry;
  }

  /** Run-time changes apply to every store (plan and limits included). */
  configure(partial: ConfigurableOptions): void {
    const c = validateConfig(partial);
    if (c.plan !== undefined) {
      this.config.plan = c.plan;
      for (const s of this.stores.values()) s.data.plan = c.plan;
    }
    if (c.limits !== undefined) {
      this.config.limits = c.limits;
      for (const s of this.stores.values()) s.data.limits = c.limits;
    }
    if (c.latencyMs !== undefined) this.config.latencyMs = c.latencyMs;
    if ('jitterMs' in c) this.config.jitterMs = c.jitterMs;
    if (c.faults !== undefined) this.config.faults = c.faults;
    if (c.hostile !== undefined) this.config.hostile = c.hostile;
    if ('quota' in c) this.config.quota = c.quota;
    if (c.redeemOnList !== undefined) this.config.redeemOnList = c.redeemOnList;
    if (c.windowMs !== undefined) this.config.windowMs = c.windowMs;
    if (c.windowMs !== undefined || 'quota' in c || c.plan !== undefined) {
      for (const s of this.stores.values()) s.limiter.restartWindow();
    }
    if (c.faults !== undefined) this.faults.reset();
  }

  quotaFor(entry: StoreEntry): number | null {
    return this.config.quota ?? PLAN_QUOTA[entry.data.plan];
  }

  /** latencyMs +- uniform jitter, never negative. */
  latency(): number {
    const { latencyMs, jitterMs } = this.config;
    if (latencyMs <= 0 && !jitterMs) return 0;
    const j = jitterMs ?? latencyMs / 4;
    return Math.max(0, latencyMs + (this.chaosRng() * 2 - 1) * j);
  }

  /** Seed data back, stats zeroed, windows restarted; tokens and created stores are kept. */
  reset(): void {
    for (const s of this.stores.values()) {
      s.data.reset();
      s.stats.reset();
      s.limiter.restartWindow();
    }
    this.faults.reset();
  }

  private nextHash(): string {
    let h: string;
    do h = `sandbox${++this.storeCounter}`;
    while (this.stores.has(h));
    return h;
  }

  /** Tokens must differ even if an injected rng is degenerate (e.g. () => 0). */
  private newToken(): string {
    let t = randomToken(this.rng);
    for (let i = 0; this.tokens.has(t); i++)
      t = (t.slice(0, 31 - String(i).length) + String(i)).slice(0, 31);
    this.tokens.add(t);
    return t;
  }
}
