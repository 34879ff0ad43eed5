/** Rate limiting for BigCommerce API calls: one governor per store, shared by all its jobs. */
export { parseRateHeaders, RATE_HEADERS, DEFAULT_WINDOW_MS, type RateInfo, type HeaderSource } from './headers';
export { Semaphore, type Release, type AcquireOptions } from './semaphore';
export { abortable, isAbortError, throwIfAborted, timerSleep } from './abort';
export {
  createGovernor,
  GovernorError,
  DEFAULT_CAPS,
  DEFAULT_MAX_RETRIES,
  DEFAULT_BACKOFF,
  DEFAULT_TROUBLE_BUDGET_MS,
  MAX_WAIT_MS,
  ENDPOINTS,
  defaultReserve,
  fullJitter,
  type Endpoint,
  type Governor,
  type GovernorOptions,
  type GovernorSnapshot,
  type GovernorErrorKind,
  type AttemptResult,
  type RunOptions,
  type WaitInfo,
  type WaitKind,
} from './governor';
