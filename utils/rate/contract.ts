/**
 * What callers of the governor see: the endpoints and their caps, the longest wait, the
 * options, what one run asks for, the waits it reports and the snapshot it gives. Types and
 * constants only.
 */

/** Endpoints with a cap of their own on requests in flight; 'create' is POST /codes, one code a request. */
export type Endpoint = 'generate' | 'create' | 'list' | 'delete' | 'other';
export const ENDPOINTS: readonly Endpoint[] = ['generate', 'create', 'list', 'delete', 'other'];

/** BigCommerce's current published in-flight caps. Caps only ever adapt downwards from these. */
export const DEFAULT_CAPS: Readonly<Record<Endpoint, number>> = {
  generate: 10,
  create: CREATE_CONCURRENCY,
  list: 10,
  delete: 40,
  other: 40,
};
/**
 * Longest wait any one answer can impose. A store's window is 30 s; a header naming hours (a
 * broken proxy, a hostile server) must not park every job of the store: after this the next
 * answer's figures are read again.
 */
export const MAX_WAIT_MS = 60_000;

/** Why requests are held back (the shared type, see utils/vocabulary.ts); `untilMs` is on the governor's clock. */
import { CREATE_CONCURRENCY, type StoreWait } from '../vocabulary';

export type { StoreWait };

export interface GovernorOptions {
  caps?: Partial<Record<Endpoint, number>>;
  /** Requests of each window left to the store's other apps; see defaultReserve. */
  reserve?: (quota: number) => number;
  maxRetries?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** See DEFAULT_TROUBLE_BUDGET_MS. */
  troubleBudgetMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  onWait?: (wait: StoreWait | null) => void;
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
   * true for idempotent calls (reads, deletes): after a 5xx or a network failure they are
   * sent again blindly, with backoff. false (generate): such a failure is thrown at once as an
   * ambiguous GovernorError, since the store may have carried the call out, and the caller
   * settles it. 429s are ALWAYS retried (the request was not processed).
   */
  idempotent: boolean;
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
  windowMs: number | null;
  left: number | null;
  resetAt: number | null;
  /** Requests we may still send in this window, the reserve for other apps kept (null: no figures yet). */
  spendable: number | null;
  pausedUntil: number | null;
  stats: { requests: number; status429: number; retries: number };
}

export interface Governor {
  run(
    endpoint: Endpoint,
    attempt: (signal: AbortSignal) => Promise<Response>,
    opts: RunOptions,
  ): Promise<Response>;
  snapshot(): GovernorSnapshot;
}
