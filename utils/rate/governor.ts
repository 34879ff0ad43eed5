/**
 * The request governor: ONE per store, shared by every job on that store, because everything
 * BigCommerce limits is per store (the quota is even shared with the store's other apps).
 *
 * A request goes out only when all of these allow it, checked in this order:
 *   1. no store-wide pause (after a 429) is running;
 *   2. a slot is free under its endpoint's cap on requests in flight (FIFO per endpoint);
 *   3. the local estimate of the quota left in this window is above the reserve kept for
 *      other apps; otherwise every request waits for the window to refresh.
 * Conditions 1 and 3 are checked again, with no `await` in between, right before the request
 * is counted and sent: concurrent runs can never over-spend what one check saw.
 *
 * Waiting costs nothing while nothing is limited: no timers, no polling. Holds are promises
 * woken by one shared timer per deadline (a pause, a window refresh); only a retry after a 500
 * or a network error sleeps on a timer of its own.
 *
 * Pure TypeScript: time, sleep and randomness are injected (defaults: Date.now, setTimeout,
 * Math.random), so tests run on fake clocks.
 */
import { abortable, isAbortError, throwIfAborted, timerSleep } from './abort';
import { parseRateHeaders, type RateInfo } from './headers';
import { Semaphore, type Release } from './semaphore';

export type Endpoint = 'generate' | 'list' | 'delete' | 'other';
export const ENDPOINTS: readonly Endpoint[] = ['generate', 'list', 'delete', 'other'];

/** BigCommerce's current published in-flight caps. Caps only ever adapt downwards from these. */
export const DEFAULT_CAPS: Readonly<Record<Endpoint, number>> = { generate: 10, list: 10, delete: 40, other: 40 };
export const DEFAULT_MAX_RETRIES = 5;
/** How long a 5xx from the store explains later failures without an answer (Chrome's longest hold-back). */
export const SERVER_ERROR_MEMORY_MS = 15 * 60_000;
export const DEFAULT_BACKOFF: Readonly<{ baseMs: number; maxMs: number }> = { baseMs: 1_000, maxMs: 60_000 };
/**
 * Longest wait any one answer can impose. A store's window is 30 s; a header naming hours (a
 * broken proxy, a hostile server) must not park every job of the store: after this the next
 * answer's figures are read again.
 */
export const MAX_WAIT_MS = 60_000;
/**
 * How long one request may keep meeting 429s, 5xx or network failures before it gives up and
 * the job pauses with a message, rather than spinning for ever against a store that never
 * lets it through.
 */
export const DEFAULT_TROUBLE_BUDGET_MS = 5 * 60_000;

/** Requests of each window left to the store's other apps (4 %, at least 2). */
export function defaultReserve(quota: number): number {
  return Math.max(2, Math.ceil(quota * 0.04));
}

export type WaitKind = 'quota' | 'rate-limited' | 'platform-busy' | 'retrying';
/** Why requests are held back. `untilMs` is a time on the governor's clock (`now()`), not a duration. */
export interface WaitInfo {
  kind: WaitKind;
  untilMs: number;
  attempt?: number;
}

export interface GovernorOptions {
  caps?: Partial<Record<Endpoint, number>>;
  reserve?: (quota: number) => number;
  maxRetries?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** See DEFAULT_TROUBLE_BUDGET_MS. */
  troubleBudgetMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  onWait?: (wait: WaitInfo | null) => void;
}

/** What one try produced. */
export interface AttemptResult {
  response?: Response;
  error?: unknown;
}

export interface RunOptions {
  /** Cancel: rejects waits at once and is passed to the attempt so the fetch in flight aborts. */
  signal?: AbortSignal;
  /**
   * May a 500 / network failure be retried blindly? false for non-idempotent calls (generate):
   * then such a failure is thrown at once as an ambiguous GovernorError and the caller
   * reconciles. 429s are ALWAYS retried (the request was not processed).
   */
  retryUnsafe: boolean;
  /**
   * Stops the run only while it is not on the wire: a wait (pause, quota, slot, retry) ends
   * with its reason, but a request already sent runs to its answer. For calls whose answer
   * must not be lost (generate: codes it lists are provably the job's), so that pausing does
   * not cut answers off.
   */
  stopSignal?: AbortSignal;
}

export interface GovernorSnapshot {
  caps: Record<Endpoint, number>;
  inFlight: Record<Endpoint, number>;
  quota: number | null;
  left: number | null;
  resetAt: number | null;
  /** Requests we may still send in this window, the reserve for other apps kept (null: no figures yet). */
  spendable: number | null;
  pausedUntil: number | null;
  stats: { requests: number; status429: number; retries: number };
}

export interface Governor {
  run(endpoint: Endpoint, attempt: (signal: AbortSignal) => Promise<Response>, opts: RunOptions): Promise<Response>;
  snapshot(): GovernorSnapshot;
}

/** 'rate-limited': 429s went on past the trouble budget. */
export type GovernorErrorKind = 'server' | 'network' | 'rate-limited';

/**
 * A request that failed with a 5xx or a network error and will not be retried (any more).
 * `ambiguous`: the request may or may not have been carried out (it was not retryUnsafe),
 * so the caller must check the store's state before going on.
 */
export class GovernorError extends Error {
  override readonly name = 'GovernorError';
  readonly kind: GovernorErrorKind;
  /** HTTP status of the last failed try (kind 'server'). */
  readonly status?: number;
  readonly ambiguous: boolean;
  /** Tries that failed this way (1 when not retried). */
  readonly attempts: number;

  constructor(init: { kind: GovernorErrorKind; status?: number; ambiguous: boolean; attempts: number; cause?: unknown }) {
    const what = init.kind === 'server' ? `server error ${init.status ?? '?'}` : init.kind === 'rate-limited' ? 'refused with 429' : 'network error';
    const why = init.ambiguous ? 'not retried: the request may or may not have been processed' : `gave up after ${init.attempts} tries`;
    super(`${what}, ${why}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    if (init.status !== undefined) this.status = init.status;
    this.ambiguous = init.ambiguous;
    this.attempts = init.attempts;
  }
}

/**
 * Full jitter (uniform in [0, ceiling)) over an exponentially widening ceiling:
 * baseMs, 2 x baseMs, 4 x baseMs, ... capped at maxMs. `step` counts from 0.
 */
export function fullJitter(step: number, backoff: { baseMs: number; maxMs: number }, random: () => number): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(step, 52));
  return Math.floor(random() * ceiling);
}

export function createGovernor(options: GovernorOptions = {}): Governor {
  return new StoreGovernor(options);
}

/** Our running estimate of the store's current quota window. */
interface QuotaWindow {
  quota: number;
  windowMs: number;
  /** Requests left; decremented for every request we send, lowered (never raised) by headers. */
  left: number;
  /** When the window refreshes, on our clock. Always at or after the store's real reset (see absorb). */
  resetAt: number;
  /** The request whose header set resetAt (0: a guess made when the window opened). */
  resetSeq: number;
}

type Outcome = AttemptResult;

class StoreGovernor implements Governor {
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly reserve: (quota: number) => number;
  private readonly maxRetries: number;
  private readonly troubleBudgetMs: number;
  private readonly backoff: { baseMs: number; maxMs: number };
  private readonly onWait: ((wait: WaitInfo | null) => void) | undefined;

  private readonly caps: Record<Endpoint, number>;
  private readonly slots: Record<Endpoint, Semaphore>;
  private readonly inFlight: Record<Endpoint, number> = { generate: 0, list: 0, delete: 0, other: 0 };
  private readonly stats = { requests: 0, status429: 0, retries: 0 };
  /** The store's last 5xx answer (see SERVER_ERROR_MEMORY_MS). */
  private lastServerError: { status: number; at: number } | null = null;

  /** Requests sent so far; each request's number orders it against windows and backoffs. */
  private seq = 0;
  private window: QuotaWindow | null = null;
  /** Requests numbered up to this were sent before the current window began: their headers describe an older one. */
  private windowStartSeq = 0;

  /** Store-wide pause after a 429. */
  private pausedUntil = -Infinity;
  private pauseKind: 'rate-limited' | 'platform-busy' = 'rate-limited';
  /** Headerless 429s in a row, each from a request sent after the previous backoff began. */
  private busyStreak = 0;
  /** Requests numbered up to this were already sent when the current backoff began. */
  private busySinceSeq = 0;

  /** Runs waiting for a pause or a window refresh; woken all at once, in arrival order. */
  private readonly gateWaiters = new Set<() => void>();
  /** Deadlines that already have a timer running. */
  private readonly armedDeadlines = new Set<number>();

  private activeRuns = 0;
  private lastWait: WaitInfo | null = null;

  constructor(options: GovernorOptions) {
    this.now = options.now ?? (() => Date.now());
    this.sleep = options.sleep ?? timerSleep;
    this.random = options.random ?? Math.random;
    this.reserve = options.reserve ?? defaultReserve;
    this.maxRetries = checkInteger('maxRetries', options.maxRetries ?? DEFAULT_MAX_RETRIES, 0);
    this.troubleBudgetMs = checkInteger('troubleBudgetMs', options.troubleBudgetMs ?? DEFAULT_TROUBLE_BUDGET_MS, 0);
    const backoff = options.backoff ?? DEFAULT_BACKOFF;
    if (!(backoff.baseMs > 0) || !(backoff.maxMs >= backoff.baseMs) || !Number.isFinite(backoff.maxMs)) {
      throw new RangeError('backoff needs 0 < baseMs <= maxMs < Infinity');
    }
    this.backoff = { baseMs: backoff.baseMs, maxMs: backoff.maxMs };
    this.onWait = options.onWait;

    const caps = { ...DEFAULT_CAPS };
    for (const endpoint of ENDPOINTS) {
      const cap = options.caps?.[endpoint];
      if (cap !== undefined) caps[endpoint] = checkInteger(`caps.${endpoint}`, cap, 1);
    }
    this.caps = caps;
    this.slots = {
      generate: new Semaphore(caps.generate),
      list: new Semaphore(caps.list),
      delete: new Semaphore(caps.delete),
      other: new Semaphore(caps.other),
    };
  }

  // ---------------------------------------------------------------- run

  async run(endpoint: Endpoint, attempt: (signal: AbortSignal) => Promise<Response>, opts: RunOptions): Promise<Response> {
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
    { signal, retryUnsafe, stopSignal }: RunOptions,
  ): Promise<Response> {
    // What may end a wait; only `signal` may cut a request already sent.
    const waits = stopSignal ? AbortSignal.any(signal ? [signal, stopSignal] : [stopSignal]) : signal;
    let failures = 0;
    // A request sent back (429, retry) already waited its turn: it re-queues at the front.
    let requeued = false;
    // When this request first met a 429, 5xx or network failure: see DEFAULT_TROUBLE_BUDGET_MS.
    let troubleSince: number | null = null;
    const overBudget = () => {
      troubleSince ??= this.now();
      return this.now() - troubleSince > this.troubleBudgetMs;
    };
    for (;;) {
      await this.waitWhilePaused(waits);
      const release = await this.slots[endpoint].acquire({ signal: waits, front: requeued });
      const { response, error } = await this.sendWhenAllowed(endpoint, attempt, waits, signal, release);
      requeued = true;

      let failure: { kind: GovernorErrorKind; status?: number; cause?: unknown };
      if (response) {
        if (response.status === 429) {
          // Not processed, so always safe to send again; settle() has already paused the
          // store (or lowered the cap) so the next try waits its turn. Not for ever, though.
          discardBody(response);
          if (overBudget()) throw new GovernorError({ kind: 'rate-limited', status: 429, ambiguous: false, attempts: failures + 1 });
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
      if (!retryUnsafe) throw new GovernorError({ ...failure, ambiguous: true, attempts: failures });
      if (failures > this.maxRetries || overBudget()) {
        // Chrome holds back an extension's requests to a URL that kept answering 5xx (for up
        // to 15 minutes): they fail at once, like a network error. The store's own recent
        // answer explains it better, in this run or a resumed one.
        const recent = this.lastServerError && this.now() - this.lastServerError.at < SERVER_ERROR_MEMORY_MS ? this.lastServerError : null;
        const last = failure.kind === 'network' && recent ? { ...failure, kind: 'server' as const, status: recent.status } : failure;
        throw new GovernorError({ ...last, ambiguous: false, attempts: failures });
      }
      await this.waitBeforeRetry(failures, waits);
    }
  }

  /** Step 1: do not even queue for a slot while the store is paused. */
  private async waitWhilePaused(signal: AbortSignal | undefined): Promise<void> {
    while (this.pausedUntil > this.now()) {
      this.report({ kind: this.pauseKind, untilMs: this.pausedUntil });
      await this.waitForGate(this.pausedUntil, signal);
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
        await this.waitForGate(hold.untilMs, waits);
      }
      throwIfAborted(waits);
    } catch (e) {
      release();
      throw e;
    }
    return abortable(this.send(endpoint, attempt, signal, release), signal);
  }

  /** Why a request may not be sent right now, or null. Opens a new window if the old one is over. */
  private holdReason(): WaitInfo | null {
    const t = this.now();
    if (this.pausedUntil > t) return { kind: this.pauseKind, untilMs: this.pausedUntil };
    const window = this.currentWindow(t);
    if (window && window.left <= this.reserveFor(window.quota)) return { kind: 'quota', untilMs: window.resetAt };
    return null;
  }

  /** Counts the request (quota, in flight), calls the attempt, and settles the store's state when it ends. */
  private send(
    endpoint: Endpoint,
    attempt: (signal: AbortSignal) => Promise<Response>,
    signal: AbortSignal | undefined,
    release: Release,
  ): Promise<Outcome> {
    const seq = ++this.seq;
    if (this.window) this.window.left = Math.max(0, this.window.left - 1);
    this.inFlight[endpoint]++;
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
      if (info) this.absorb(info, seq, t);
      if (response.status === 429) this.onTooManyRequests(endpoint, seq, info, t);
      else if (response.status < 500 && seq > this.busySinceSeq) {
        // The platform answered normally a request sent after the last backoff began: it has recovered.
        this.busyStreak = 0;
      }
    }
    this.inFlight[endpoint]--;
    // Waiters sleep until the deadline they saw; if it moved earlier (or the hold lifted), wake them to look again.
    if (this.heldUntil(t) < heldUntilBefore) this.wakeGate();
  }

  private onTooManyRequests(endpoint: Endpoint, seq: number, info: RateInfo | null, t: number): void {
    this.stats.status429++;
    if (!info) {
      this.platformBusy(seq, t);
      return;
    }
    // BigCommerce says how long: the whole store waits, whichever limit was hit (at most MAX_WAIT_MS).
    this.pauseUntil(t + Math.min(info.resetMs, MAX_WAIT_MS), 'rate-limited');
    // Quota not spent, yet refused: too many requests in flight on this endpoint.
    if (info.left > 0) this.lowerCap(endpoint);
  }

  /** The cap becomes one less than what was in flight when refused (this request included); never below 1. */
  private lowerCap(endpoint: Endpoint): void {
    const cap = Math.max(1, this.inFlight[endpoint] - 1);
    if (cap >= this.caps[endpoint]) return;
    this.caps[endpoint] = cap;
    this.slots[endpoint].setCapacity(cap);
  }

  /**
   * A 429 without headers: platform load. Back off store-wide, widening the (fully jittered)
   * wait each time it happens again. Requests that were already in flight when this backoff
   * began belong to the same episode: their 429s neither widen nor extend it.
   */
  private platformBusy(seq: number, t: number): void {
    if (seq <= this.busySinceSeq) return;
    const wait = fullJitter(this.busyStreak, this.backoff, this.random);
    this.busyStreak++;
    this.busySinceSeq = this.seq;
    this.pauseUntil(t + wait, 'platform-busy');
  }

  private pauseUntil(until: number, kind: 'rate-limited' | 'platform-busy'): void {
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.pauseKind = kind;
  }

  private async waitBeforeRetry(failures: number, signal: AbortSignal | undefined): Promise<void> {
    this.stats.retries++;
    const ms = fullJitter(failures - 1, this.backoff, this.random);
    this.report({ kind: 'retrying', untilMs: this.now() + ms, attempt: failures });
    await abortable(this.sleep(ms, signal), signal);
  }

  // ---------------------------------------------------------------- quota estimate

  /**
   * The window requests are sent in now. When ours is over, a new one opens with the full
   * quota. Called only right before a send, so the guessed end (a full window from this, its
   * first request) is never earlier than the store's, whether the store's windows are fixed
   * or open at the first request; the first header from this window then replaces the guess.
   */
  private currentWindow(t: number): QuotaWindow | null {
    const window = this.window;
    if (window && t >= window.resetAt) {
      this.window = { ...window, left: window.quota, resetAt: t + window.windowMs, resetSeq: 0 };
      this.windowStartSeq = this.seq;
    }
    return this.window;
  }

  /**
   * Merges the figures of the response to request `seq`, received at `t`.
   * - Within a window the estimate only goes down: a header can be staler than our count
   *   (requests sent since may not be in it), so it never raises it; a lower one means other
   *   apps (or requests we could not count) spent quota.
   * - The reset time follows the latest-sent request that reported one: requests are
   *   processed in about the order they are sent, so it speaks for the window we are in.
   * - The first figures we get, or figures showing the store is already a window further on,
   *   start a fresh estimate. A store may take `left` when it admits the request, so requests
   *   we sent just after are not in it: the estimate is also capped at the quota less our own
   *   requests that may be in this window (all sent so far for a first estimate; this one and
   *   later ones for a later window). Answers to requests sent before this one are ignored
   *   from then on: they may describe the older window.
   * - Answers to requests sent in an earlier window, or arriving after our window ended,
   *   describe a window that is over: ignored.
   */
  private absorb(info: RateInfo, seq: number, t: number): void {
    if (seq <= this.windowStartSeq) return;
    const window = this.window;
    if (window && t >= window.resetAt) return;

    // Figures beyond MAX_WAIT_MS are not believed: the next answer is read again by then.
    const resetAt = t + Math.min(info.resetMs, MAX_WAIT_MS);
    const windowMs = Math.min(info.windowMs, MAX_WAIT_MS);
    if (!window || (seq > window.resetSeq && resetAt > window.resetAt + window.windowMs / 2)) {
      const oursInWindow = window ? this.seq - seq + 1 : this.seq;
      this.window = {
        quota: info.quota,
        windowMs,
        left: Math.max(0, Math.min(info.left, info.quota - oursInWindow)),
        resetAt,
        resetSeq: seq,
      };
      this.windowStartSeq = seq - 1;
      return;
    }
    window.quota = info.quota;
    window.windowMs = windowMs;
    window.left = Math.min(window.left, info.left);
    if (seq > window.resetSeq) {
      window.resetAt = resetAt;
      window.resetSeq = seq;
    }
  }

  /** The reserve, made sane: a whole number, and at least one request per window is always allowed. */
  private reserveFor(quota: number): number {
    const wanted = this.reserve(quota);
    const reserve = Number.isFinite(wanted) ? Math.max(0, Math.ceil(wanted)) : defaultReserve(quota);
    return Math.min(reserve, quota - 1);
  }

  /** Until when sends are held at time t (pause or spent quota); -Infinity if they are not. Pure. */
  private heldUntil(t: number): number {
    let until = this.pausedUntil > t ? this.pausedUntil : -Infinity;
    const window = this.window;
    if (window && t < window.resetAt && window.left <= this.reserveFor(window.quota)) until = Math.max(until, window.resetAt);
    return until;
  }

  // ---------------------------------------------------------------- waking up

  /**
   * Resolves when the gate may have opened: at `deadline` (one shared timer per deadline) or
   * earlier if the state changes. Callers look again and may wait again. Rejects with the
   * signal's reason on abort, leaving nothing behind.
   */
  private waitForGate(deadline: number, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.armTimer(deadline);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.gateWaiters.delete(waiter);
        reject(signal?.reason);
      };
      const waiter = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.gateWaiters.add(waiter);
    });
  }

  private armTimer(deadline: number): void {
    if (this.armedDeadlines.has(deadline)) return;
    this.armedDeadlines.add(deadline);
    const fire = () => {
      this.armedDeadlines.delete(deadline);
      this.wakeGate();
    };
    this.sleep(Math.max(0, deadline - this.now())).then(fire, fire);
  }

  private wakeGate(): void {
    const waiters = [...this.gateWaiters];
    this.gateWaiters.clear();
    for (const wake of waiters) wake();
  }

  // ---------------------------------------------------------------- reporting

  private report(wait: WaitInfo | null): void {
    const last = this.lastWait;
    const same =
      wait === null
        ? last === null
        : last !== null && last.kind === wait.kind && last.untilMs === wait.untilMs && last.attempt === wait.attempt;
    if (same) return;
    this.lastWait = wait;
    try {
      this.onWait?.(wait);
    } catch {
      // A failing progress display must not break the requests it reports on.
    }
  }

  snapshot(): GovernorSnapshot {
    const t = this.now();
    const window = this.window;
    const live = window !== null && t < window.resetAt;
    const left = window ? (live ? window.left : window.quota) : null;
    return {
      caps: { ...this.caps },
      inFlight: { ...this.inFlight },
      quota: window ? window.quota : null,
      // A window that is over has (as far as we know) its full quota again.
      left,
      resetAt: live ? window.resetAt : null,
      spendable: window && left !== null ? Math.max(0, left - this.reserveFor(window.quota)) : null,
      pausedUntil: this.pausedUntil > t ? this.pausedUntil : null,
      stats: { ...this.stats },
    };
  }
}

function checkInteger(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  return value;
}

/** A response we will not hand back: free its connection instead of leaving the body unread. */
function discardBody(response: Response): void {
  try {
    response.body?.cancel().catch(() => undefined);
  } catch {
    // already used or locked: nothing to free
  }
}
