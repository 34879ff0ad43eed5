/**
 * BigCommerce's two kinds of rate limiting, per store:
 *  - a request quota per fixed window, shared by every client of the store;
 *  - a cap on requests in flight per endpoint.
 * A 429 from the quota has Requests-Left 0; a 429 from a concurrency cap still
 * carries the headers with Requests-Left > 0, which is how a client can tell them apart.
 */
import type { EndpointKey, LimitsProfile, Plan } from './types';

export const PLAN_QUOTA: Record<Plan, number | null> = { standard: 150, pro: 450, unlimited: null };

/**
 * 'unlimited' still sends the headers, with this quota, so that clients always
 * find numbers (a real Enterprise store may also omit them: clients must cope).
 */
export const UNLIMITED_QUOTA = 2_147_483_647;

export function inFlightCap(endpoint: EndpointKey, limits: LimitsProfile): number {
  switch (endpoint) {
    case 'codegen':
      return 10;
    case 'listCodes':
      return limits === 'current' ? 10 : 40;
    default:
      return 40; // delete, single-code, lookup-by-code and promotion endpoints
  }
}

export function deleteBatchLimit(limits: LimitsProfile): number {
  return limits === 'current' ? 250 : 50;
}

export interface RateHeaders {
  'X-Rate-Limit-Time-Window-Ms': string;
  'X-Rate-Limit-Time-Reset-Ms': string;
  'X-Rate-Limit-Requests-Quota': string;
  'X-Rate-Limit-Requests-Left': string;
}

export class StoreLimiter {
  private windowStart = -Infinity;
  private used = 0;
  private readonly inFlight = new Map<EndpointKey, number>();

  /**
   * Fixed windows: a window opens at the first request after the previous one
   * expired and lasts windowMs; the count restarts at 0 when it opens.
   */
  private roll(now: number, windowMs: number): void {
    if (now >= this.windowStart + windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
  }

  headers(now: number, quota: number | null, windowMs: number): RateHeaders {
    this.roll(now, windowMs);
    const q = quota ?? UNLIMITED_QUOTA;
    return {
      'X-Rate-Limit-Time-Window-Ms': String(windowMs),
      'X-Rate-Limit-Time-Reset-Ms': String(
        Math.max(0, Math.ceil(this.windowStart + windowMs - now)),
      ),
      'X-Rate-Limit-Requests-Quota': String(q),
      'X-Rate-Limit-Requests-Left': String(Math.max(0, q - this.used)),
    };
  }

  quotaExhausted(now: number, quota: number | null, windowMs: number): boolean {
    this.roll(now, windowMs);
    return quota !== null && this.used >= quota;
  }

  /** Only admitted requests spend quota: no 429 does (assumed of BigCommerce). */
  consume(): void {
    this.used++;
  }

  /** Returns the new number in flight, or 0 if the cap is full. */
  tryEnter(endpoint: EndpointKey, cap: number): number {
    const n = this.inFlight.get(endpoint) ?? 0;
    if (n >= cap) return 0;
    this.inFlight.set(endpoint, n + 1);
    return n + 1;
  }

  leave(endpoint: EndpointKey): void {
    const n = this.inFlight.get(endpoint) ?? 0;
    this.inFlight.set(endpoint, Math.max(0, n - 1));
  }

  /** A new window length takes effect at once rather than at the end of the current window. */
  restartWindow(): void {
    this.windowStart = -Infinity;
    this.used = 0;
  }
}

export function unknownStoreHeaders(windowMs: number, quota: number | null): RateHeaders {
  return new StoreLimiter().headers(0, quota, windowMs);
}
