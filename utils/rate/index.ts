/**
 * The rate room's public face, for the other rooms (api, jobs): one governor per store, shared
 * by all its jobs, and what its callers need. Modules inside the room never import this file.
 */
export { createGovernor } from './governor';
export type { Endpoint, Governor, GovernorOptions, StoreWait } from './contract';
export { GovernorError } from './retry';
export { abortable, timerSleep } from './abort';
