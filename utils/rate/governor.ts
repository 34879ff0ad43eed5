/**
 * The request governor: ONE per store, shared by every job on that store, because everything
 * BigCommerce limits is per store (the quota is even shared with the store's other apps).
 *
 * A request goes out only when all of these allow it, checked in this order:
 *   1. no store-wide pause (after a 429) is running;
 *   2. a slot is free under its endpoint's cap on requests in flight (FIFO per endpoint);
 *   3. the local estimate of the quota left in this window (QuotaWindow) is above the reserve
 *      kept for other apps; otherwise every request waits for the window to refresh.
 * Conditions 1 and 3 are checked again, with no `await` in between, right before the request
 * is counted and sent: concurrent runs can never over-spend what one check saw.
 *
 * Waiting costs nothing while nothing is limited: no timers, no polling. Holds wait at the
 * WakeGate, woken by one shared timer per deadline (a pause, a window refresh); only a retry
 * after a 500 or a network error sleeps on a timer of its own.
 *
 * Pure TypeScript: time, sleep and randomness are injected (defaults: Date.now, setTimeout,
 * Math.random), so tests run on fake clocks.
 */
import { abortable, eitherSignal, isAbortError, throwIfAborted } from './abort';
import {
  ENDPOINTS,
  type AttemptResult,
  type Endpoint,
  type Governor,
  type GovernorOptions,
  type GovernorSnapshot,
  type RunOptions,
  type StoreWait,
} from './contract';
import { discardBody } from './discard';
import { WakeGate } from './gate';
import { parseRateHeaders, type RateInfo } from './headers';
import { StorePause } from './pause';
import { QuotaWindow } from './quota-window';
import { fullJitter, givingUp, GovernorError, type Failure } from './retry';
import type { Release } from './semaphore';
import { resolveOptions, type Settings } from './settings';
import { EndpointSlots } from './slots';
import { WaitReport } from './wait-report';

export function createGovernor(options: GovernorOptions = {}): Governor {
  return new StoreGovernor(options);
}

type Outcome = AttemptResult;

class StoreGovernor implements Governor {
  private readonly settings: Settings;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  private readonly stats = { requests: 0, status429: 0, retries: 0 };
  /** The store's last 5xx answer (see SERVER_ERROR_MEMORY_MS). */
  private lastServerError: { status: number; at: number } | null = null;

  /** Requests sent so far; each request's number orders it against windows and backoffs. */
  private seq = 0;
  /** The governor's three conditions: store-wide pause, slots per endpoint, quota left. */
  private readonly pause: StorePause;
  private readonly slots: EndpointSlots;
  private readonly quota: QuotaWindow;

  /** Where runs wait for a pause or a window refresh to end. */
  private readonly gate: WakeGate;

  private activeRuns = 0;
  private readonly waits: WaitReport;

  constructor(options: GovernorOptions) {
    const settings = resolveOptions(options);
    this.settings = settings;
    this.now = settings.now;
    this.sleep = settings.sleep;
    this.pause = new StorePause(settings.backoff, settings.random);
    this.slots = new EndpointSlots(settings.caps);
    this.quota = new QuotaWindow(settings.reserve);
    this.gate = new WakeGate(this.now, (ms) => this.sleep(ms));
    this.waits = new WaitReport(settings.onWait);
  }

  // ---------------------------------------------------------------- run

  async run(
    endpoint: Endpoint,
    attempt: (signal: AbortSignal) => Promise<Response>,
    opts: RunOptions,
  ): Promise<Response> {
    if (!ENDPOINTS.includes(endpoint)) throw new TypeError(`unknown endpoint ${String(endpoint)}`);
    throwIfAborted(opts.signal);
    throwIfAborted(opts.stopSignal);
    this.activeRuns++;
    try {
      return await this.runUntilAnswered(endpoint, attempt, opts);
    } finally {
      this.activeRuns--;
      // Nobody is waiting any more (all done, or the waiting ones cancelled): nothing is held back.
      if (this.activeRuns === 0) this.report(null);
    }
  }

  private async runUntilAnswered(
    endpoint: Endpoint,
    attempt: (signal: AbortSignal) => Promise<Response>,
    { signal, idempotent, stopSignal }: RunOptions,
  ): Promise<Response> {
    // What may end a wait; only `signal` may cut a request already sent.
    const waits = eitherSignal(signal, stopSignal);
    let failures = 0;
    // A request sent back (429, retry) already waited its turn: it re-queues at the front.
    let requeued = false;
    // When this request first met a 429, 5xx or network failure: see DEFAULT_TROUBLE_BUDGET_MS.
    let troubleSince: number | null = null;
    const overBudget = () => {
      troubleSince ??= this.now();
      return this.now() - troubleSince > this.settings.troubleBudgetMs;
    };
    for (;;) {
      await this.waitWhilePaused(waits);
      const release = await this.slots.acquire(endpoint, { signal: waits, front: requeued });
      const { response, error } = await this.sendWhenAllowed(
        endpoint,
        attempt,
        waits,
        signal,
        release,
      );
      requeued = true;

      let failure: Failure;
      if (response) {
        if (response.status === 429) {
          // Not processed, so always safe to send again; settle() has already paused the
          // store (or lowered the cap) so the next try waits its turn. Not for ever, though.
          discardBody(response);
          if (overBudget())
            throw new GovernorError({
              kind: 'rate-limited',
              status: 429,
              ambiguous: false,
              attempts: failures + 1,
            });
          continue;
        }
        if (response.status < 500) return response;
        discardBody(response);
        failure = { kind: 'server', status: response.status };
        this.lastServerError = { status: response.status, at: this.now() };
      } else {
        // Not ours (ours rejected above with the signal's reason): the caller's own abort.
        if (isAbortError(error)) throw error;
        failure = { kind: 'network', cause: error };
      }

      failures++;
      if (!idempotent) throw new GovernorError({ ...failure, ambiguous: true, attempts: failures });
      if (failures > this.settings.maxRetries || overBudget()) {
        throw givingUp(failure, failures, this.lastServerError, this.now());
      }
      await this.waitBeforeRetry(failures, waits);
    }
  }

  /** Step 1: do not even queue for a slot while the store is paused. */
  private async waitWhilePaused(signal: AbortSignal | undefined): Promise<void> {
    for (let pause = this.pause.at(this.now()); pause; pause = this.pause.at(this.now())) {
      this.report(pause);
      await this.gate.wait(pause.untilMs, signal);
    }
  }

  /**
   * Steps 1 and 3 again, holding the slot (so the request keeps its turn), then the send.
   * The last check and the send run in one synchronous stretch. The slot is released when the
   * attempt settles (even after a cancel: until then the store still counts it in flight),
   * or here if the run is cancelled before sending.
   */
  private async sendWhenAllowed(
    endpoint: Endpoint,
    attempt: (signal: AbortSignal) => Promise<Response>,
    waits: AbortSignal | undefined,
    signal: AbortSignal | undefined,
    release: Release,
  ): Promise<Outcome> {
    try {
      for (let hold = this.holdReason(); hold; hold = this.holdReason()) {
        this.report(hold);
        await this.gate.wait(hold.untilMs, waits);
      }
      throwIfAborted(waits);
    } catch (e) {
      release();
      throw e;
    }
    return abortable(this.send(endpoint, attempt, signal, release), signal);
  }

  /** Why a request may not be sent right now, or null. Opens a new window if the old one is over. */
  private holdReason(): StoreWait | null {
    const t = this.now();
    const pause = this.pause.at(t);
    if (pause) return pause;
    const refresh = this.quota.holdBeforeSend(t);
    return refresh === null ? null : { kind: 'quota', untilMs: refresh };
  }

  /** Counts the request (quota, in flight), calls the attempt, and settles the store's state when it ends. */
  private send(
    endpoint: Endpoint,
    attempt: (signal: AbortSignal) => Promise<Response>,
    signal: AbortSignal | undefined,
    release: Release,
  ): Promise<Outcome> {
    const seq = ++this.seq;
    this.quota.spend(seq);
    this.slots.sent(endpoint);
    this.stats.requests++;
    this.report(null); // requests are flowing

    // The attempt gets a signal of its own so that only this request's fetch is aborted.
    const controller = new AbortController();
    const forwardAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', forwardAbort, { once: true });

    return new Promise<Response>((resolve) => resolve(attempt(controller.signal)))
      .then(
        (response): Outcome => ({ response }),
        (error: unknown): Outcome => ({ error }),
      )
      .then((outcome) => {
        signal?.removeEventListener('abort', forwardAbort);
        try {
          this.settle(endpoint, seq, outcome);
        } finally {
          release(); // whatever happens, the slot comes back
        }
        return outcome;
      });
  }

  /** Learns from one answer: quota figures, pauses, caps. Runs whether or not the caller still waits for it. */
  private settle(endpoint: Endpoint, seq: number, { response }: Outcome): void {
    const t = this.now();
    const heldUntilBefore = this.heldUntil(t);
    if (response) {
      const info = response.headers ? parseRateHeaders(response.headers) : null;
      if (info) this.quota.absorb(info, seq, t);
      if (response.status === 429) this.onTooManyRequests(endpoint, seq, info, t);
      else if (response.status < 500) this.pause.answered(seq);
    }
    this.slots.settled(endpoint);
    // Waiters sleep until the deadline they saw; if it moved earlier (or the hold lifted), wake them to look again.
    if (this.heldUntil(t) < heldUntilBefore) this.gate.wake();
  }

  private onTooManyRequests(
    endpoint: Endpoint,
    seq: number,
    info: RateInfo | null,
    t: number,
  ): void {
    this.stats.status429++;
    if (!info) {
      this.pause.platformBusy(seq, t, this.seq);
      return;
    }
    this.pause.rateLimited(t, info.resetMs);
    // Quota not spent, yet refused: too many requests in flight on this endpoint.
    if (info.left > 0) this.slots.lowerCap(endpoint);
  }

  private async waitBeforeRetry(failures: number, signal: AbortSignal | undefined): Promise<void> {
    this.stats.retries++;
    const ms = fullJitter(failures - 1, this.settings.backoff, this.settings.random);
    this.report({ kind: 'retrying', untilMs: this.now() + ms, attempt: failures });
    await abortable(this.sleep(ms, signal), signal);
  }

  /** Until when sends are held at time t (pause or spent quota); -Infinity if they are not. Pure. */
  private heldUntil(t: number): number {
    return Math.max(this.pause.heldUntil(t), this.quota.heldUntil(t));
  }

  private report(wait: StoreWait | null): void {
    this.waits.report(wait);
  }

  snapshot(): GovernorSnapshot {
    const t = this.now();
    return {
      ...this.slots.snapshot(),
      ...this.quota.snapshot(t),
      pausedUntil: this.pause.at(t)?.untilMs ?? null,
      stats: { ...this.stats },
    };
  }
}
