/**
 * Trying a failed request again: how many times, for how long, how far apart (full-jitter
 * backoff), and the GovernorError a run ends with when it gives up or may not retry.
 */

export const DEFAULT_MAX_RETRIES = 5;
export const DEFAULT_BACKOFF: Readonly<{ baseMs: number; maxMs: number }> = {
  baseMs: 1_000,
  maxMs: 60_000,
};
/**
 * How long one request may keep meeting 429s, 5xx or network failures before it gives up and
 * the job pauses with a message, rather than spinning for ever against a store that never
 * lets it through.
 */
export const DEFAULT_TROUBLE_BUDGET_MS = 5 * 60_000;
/** How long a 5xx from the store explains later failures without an answer (Chrome's longest hold-back). */
export const SERVER_ERROR_MEMORY_MS = 15 * 60_000;

/** 'rate-limited': 429s went on past the trouble budget. */
export type GovernorErrorKind = 'server' | 'network' | 'rate-limited';

/**
 * A request that failed with a 429, a 5xx or a network error and will not be tried again.
 * `ambiguous`: the call was not idempotent, so it was not retried and may or may not have
 * been carried out: the caller must check the store's state before going on.
 */
export class GovernorError extends Error {
  override readonly name = 'GovernorError';
  readonly kind: GovernorErrorKind;
  /** HTTP status of the last failed try (kind 'server', or 429 for 'rate-limited'). */
  readonly status?: number;
  readonly ambiguous: boolean;
  /** Tries that failed this way (1 when not retried). */
  readonly attempts: number;

  constructor(init: {
    kind: GovernorErrorKind;
    status?: number;
    ambiguous: boolean;
    attempts: number;
    cause?: unknown;
  }) {
    const what =
      init.kind === 'server'
        ? `server error ${init.status ?? '?'}`
        : init.kind === 'rate-limited'
          ? 'refused with 429'
          : 'network error';
    const why = init.ambiguous
      ? 'not retried: the request may or may not have been processed'
      : `gave up after ${init.attempts} tries`;
    super(`${what}, ${why}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    if (init.status !== undefined) this.status = init.status;
    this.ambiguous = init.ambiguous;
    this.attempts = init.attempts;
  }
}

/** How one try failed. */
export interface Failure {
  kind: GovernorErrorKind;
  status?: number;
  cause?: unknown;
}

/**
 * The error a run ends with once it gives up. Chrome holds back an extension's requests to a
 * URL that kept answering 5xx (for up to 15 minutes): they fail at once, like a network error.
 * The store's own recent answer explains it better, in this run or a resumed one.
 */
export function givingUp(
  failure: Failure,
  attempts: number,
  lastServerError: { status: number; at: number } | null,
  now: number,
): GovernorError {
  const recent =
    lastServerError && now - lastServerError.at < SERVER_ERROR_MEMORY_MS ? lastServerError : null;
  const last =
    failure.kind === 'network' && recent
      ? { ...failure, kind: 'server' as const, status: recent.status }
      : failure;
  return new GovernorError({ ...last, ambiguous: false, attempts });
}

/**
 * Full jitter (uniform in [0, ceiling)) over an exponentially widening ceiling:
 * baseMs, 2 x baseMs, 4 x baseMs, ... capped at maxMs. `step` counts from 0.
 */
export function fullJitter(
  step: number,
  backoff: { baseMs: number; maxMs: number },
  random: () => number,
): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(step, 52));
  return Math.floor(random() * ceiling);
}
