/**
 * Theoretical lower bounds on the wall time of a bulk job, used to score the engine.
 * Pure functions, no I/O.
 *
 * A phase needs `n` requests to one endpoint (the minimum any client must send: one
 * codegen per 250 codes, one page per 250 codes, one delete per batch of ids). The store
 * limits it two ways, and the bound is the larger of the two:
 *
 *   concurrency bound  = n x L / cap
 *     At most `cap` requests in flight on that endpoint, each taking the mean latency L:
 *     a pool that keeps every slot busy finishes n requests in n x L / cap.
 *
 *   quota bound        = (ceil(n / Q) - 1) x W  +  r x L / cap,   r = n - (ceil(n / Q) - 1) x Q
 *     At most Q admitted requests per fixed window of W ms (the store's full quota, no
 *     reserve for other apps): n requests need ceil(n / Q) windows, every window but the
 *     last is waited out in full, and the last window's r requests still take r x L / cap.
 *     With no quota (unlimited plan) this is 0.
 *
 *   bound = max(concurrency bound, quota bound);   efficiency = bound / measured time.
 *
 * Export also gets the sequential cursor bound: the cursor walk cannot be parallelised
 * (each page names the next), so its best is pages x L, or the quota bound with cap 1 if
 * that is larger. The engine's export is scored against it too (ratio > 1 = faster than
 * the best possible cursor walk).
 */

export interface Limits {
  /** Mean latency per request, ms. */
  latencyMs: number;
  /** Requests admitted per window; null = unlimited. */
  quota: number | null;
  windowMs: number;
}

export interface PhaseBound {
  requests: number;
  cap: number;
  concurrencyMs: number;
  quotaMs: number;
  boundMs: number;
  /** Which limit sets the bound. */
  limitedBy: 'concurrency' | 'quota';
}

export function concurrencyBoundMs(n: number, cap: number, latencyMs: number): number {
  if (n <= 0) return 0;
  return (n * latencyMs) / cap;
}

export function quotaBoundMs(n: number, cap: number, l: Limits): number {
  if (n <= 0 || l.quota === null) return 0;
  const windows = Math.ceil(n / l.quota);
  const lastWindow = n - (windows - 1) * l.quota;
  return (windows - 1) * l.windowMs + (lastWindow * l.latencyMs) / cap;
}

/** A bound from its two parts: the larger one sets it. */
export function boundOf(
  requests: number,
  cap: number,
  concurrencyMs: number,
  quotaMs: number,
): PhaseBound {
  return {
    requests,
    cap,
    concurrencyMs,
    quotaMs,
    boundMs: Math.max(concurrencyMs, quotaMs),
    limitedBy: quotaMs > concurrencyMs ? 'quota' : 'concurrency',
  };
}

export function phaseBound(n: number, cap: number, l: Limits): PhaseBound {
  return boundOf(n, cap, concurrencyBoundMs(n, cap, l.latencyMs), quotaBoundMs(n, cap, l));
}

/**
 * Several phases that must run one after the other (purge: the backup is complete before
 * anything is deleted) but share one quota: the concurrency bounds add up; the quota bound
 * counts all requests together, and its last window's tail is the concurrency time of the
 * last r requests, each at its own phase's cap.
 */
export function sequentialPhasesBound(
  phases: Array<{ n: number; cap: number; latencyMs?: number }>,
  l: Limits,
): PhaseBound {
  // A phase may give its own latency (its endpoint's measured round trip); else the limits'.
  const latencyOf = (p: { latencyMs?: number }) => p.latencyMs ?? l.latencyMs;
  const n = phases.reduce((s, p) => s + p.n, 0);
  const concurrencyMs = phases.reduce(
    (s, p) => s + concurrencyBoundMs(p.n, p.cap, latencyOf(p)),
    0,
  );
  let quotaMs = 0;
  if (n > 0 && l.quota !== null) {
    const windows = Math.ceil(n / l.quota);
    let tail = n - (windows - 1) * l.quota;
    let tailMs = 0;
    for (let i = phases.length - 1; i >= 0 && tail > 0; i--) {
      const take = Math.min(tail, phases[i]!.n);
      tailMs += concurrencyBoundMs(take, phases[i]!.cap, latencyOf(phases[i]!));
      tail -= take;
    }
    quotaMs = (windows - 1) * l.windowMs + tailMs;
  }
  return boundOf(n, Math.min(...phases.map((p) => p.cap)), concurrencyMs, quotaMs);
}

/** The best a sequential cursor walk over `pages` pages could do. */
export function cursorBoundMs(pages: number, l: Limits): number {
  return Math.max(pages * l.latencyMs, quotaBoundMs(pages, 1, l));
}

/** Minimum requests of each job (250 codes a codegen / a page; `deleteBatch` ids a delete). */
export const PAGE = 250;
export function pagesFor(codes: number): number {
  return Math.ceil(codes / PAGE);
}
export function deletesFor(codes: number, deleteBatch: number): number {
  return Math.ceil(codes / deleteBatch);
}

/**
 * The store's real per-endpoint in-flight caps for a limits profile (BigCommerce's published
 * figures); `create` is POST /codes, one code a request, 40 under both profiles.
 */
export function storeCaps(profile: 'current' | 'legacy'): {
  generate: number;
  list: number;
  delete: number;
  create: number;
} {
  return { generate: 10, list: profile === 'current' ? 10 : 40, delete: 40, create: 40 };
}

/**
 * Import and pattern jobs: one create per code, so n = codes at the create cap. Concurrency
 * bound codes x L / 40 (= ceil(codes / 40) x L when 40 divides codes); quota bound as above.
 * The promotion's baseline read before the creates is the engine's own cost, as generate's
 * counts are.
 */
export function createBound(codes: number, l: Limits): PhaseBound {
  return phaseBound(codes, storeCaps('current').create, l);
}

/** Quota windows that `n` admitted requests span at `perWindow` a window (0 for none). */
export function windowsFor(n: number, perWindow: number): number {
  return n <= 0 ? 0 : Math.ceil(n / perWindow);
}
export function deleteBatchFor(profile: 'current' | 'legacy'): number {
  return profile === 'current' ? 250 : 50;
}
