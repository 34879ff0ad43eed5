/**
 * How long creating codes one request each will take, told before anything is sent: the
 * store's quota sets the pace where it has one (150 requests per 30 s on a standard plan, of
 * which the engine leaves 6 to the store's other apps);
 * otherwise the endpoint's 40 requests in flight, at about a round trip each.
 */
import { CREATE_CONCURRENCY, quotaReserve } from '../vocabulary';

/** What the store's answers said of its quota (the governor's snapshot); nulls when not known yet. */
export interface Pace {
  quota: number | null;
  windowMs: number | null;
}

export interface Estimate {
  ms: number;
  /** 'quota': the store's quota sets the pace; 'concurrency': requests in flight do. */
  basis: 'quota' | 'concurrency';
  quota: number | null;
  windowMs: number | null;
}

/** A quota this large is no quota (BigCommerce sends 2^31 - 1 on unlimited plans). */
export const UNLIMITED_QUOTA = 1_000_000;
/** A round trip to BigCommerce, for stores whose quota does not set the pace. */
export const ROUND_TRIP_MS = 250;

export function createEstimate(
  requests: number,
  pace: Pace,
  roundTripMs = ROUND_TRIP_MS,
): Estimate {
  const inFlight = (n: number) => Math.ceil(n / CREATE_CONCURRENCY) * roundTripMs;
  const concurrency = inFlight(requests);
  if (pace.quota !== null && pace.windowMs !== null && pace.quota < UNLIMITED_QUOTA) {
    // A window's quota, less what the governor leaves to the store's other apps, goes out at
    // once, 40 at a time; every window but the last is waited out.
    const perWindow = Math.max(1, pace.quota - quotaReserve(pace.quota));
    const waits = Math.max(0, Math.ceil(requests / perWindow) - 1);
    const quotaMs = waits * pace.windowMs + inFlight(requests - waits * perWindow);
    if (quotaMs > concurrency)
      return { ms: quotaMs, basis: 'quota', quota: pace.quota, windowMs: pace.windowMs };
  }
  return { ms: concurrency, basis: 'concurrency', quota: pace.quota, windowMs: pace.windowMs };
}
