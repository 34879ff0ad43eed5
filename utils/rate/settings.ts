/**
 * The governor's options made whole: defaults filled in, and figures that would make it
 * misbehave (a fractional cap, a backoff of 0) refused at once with a RangeError.
 */
import { timerSleep } from './abort';
import {
  DEFAULT_CAPS,
  ENDPOINTS,
  type Endpoint,
  type GovernorOptions,
  type StoreWait,
} from './contract';
import { DEFAULT_BACKOFF, DEFAULT_MAX_RETRIES, DEFAULT_TROUBLE_BUDGET_MS } from './retry';

export interface Settings {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  /** Left as given: QuotaWindow makes any answer sane. */
  reserve: ((quota: number) => number) | undefined;
  maxRetries: number;
  troubleBudgetMs: number;
  backoff: { baseMs: number; maxMs: number };
  caps: Record<Endpoint, number>;
  onWait: ((wait: StoreWait | null) => void) | undefined;
}

export function resolveOptions(options: GovernorOptions): Settings {
  const maxRetries = checkInteger('maxRetries', options.maxRetries ?? DEFAULT_MAX_RETRIES, 0);
  const troubleBudgetMs = checkInteger(
    'troubleBudgetMs',
    options.troubleBudgetMs ?? DEFAULT_TROUBLE_BUDGET_MS,
    0,
  );
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  if (
    !(backoff.baseMs > 0) ||
    !(backoff.maxMs >= backoff.baseMs) ||
    !Number.isFinite(backoff.maxMs)
  ) {
    throw new RangeError('backoff needs 0 < baseMs <= maxMs < Infinity');
  }
  const caps = { ...DEFAULT_CAPS };
  for (const endpoint of ENDPOINTS) {
    const cap = options.caps?.[endpoint];
    if (cap !== undefined) caps[endpoint] = checkInteger(`caps.${endpoint}`, cap, 1);
  }
  return {
    now: options.now ?? (() => Date.now()),
    sleep: options.sleep ?? timerSleep,
    random: options.random ?? Math.random,
    reserve: options.reserve,
    maxRetries,
    troubleBudgetMs,
    backoff: { baseMs: backoff.baseMs, maxMs: backoff.maxMs },
    caps,
    onWait: options.onWait,
  };
}

function checkInteger(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  return value;
}
