/**
 * The rate room's public face, for the other rooms (api, jobs): one governor per store, shared
 * by all its jobs, and what its callers need. Modules inside the room never import this file.
 */
export {
  parseRateHeaders,
  RATE_HEADERS,
  DEFAULT_WINDOW_MS,
  type RateInfo,
  type HeaderSource,
} from './headers';
export { Semaphore, type Release, type AcquireOptions } from './semaphore';
export { abortable, isAbortError, throwIfAborted, timerSleep } from './abort';
export { createGovernor } from './governor';
export {
  DEFAULT_CAPS,
  ENDPOINTS,
  MAX_WAIT_MS,
  type AttemptResult,
  type Endpoint,
  type Governor,
  type GovernorOptions,
  type GovernorSnapshot,
  type RunOptions,
  type StoreWait,
} from './contract';
export {
  GovernorError,
  DEFAULT_MAX_RETRIES,
  DEFAULT_BACKOFF,
  DEFAULT_TROUBLE_BUDGET_MS,
  fullJitter,
  type GovernorErrorKind,
} from './retry';
export { defaultReserve } from './quota-window';
