import { setMaxListeners } from 'node:events';

// A job's AbortSignal legitimately has one listener per request in flight (10 to 40);
// Node's default warning threshold of 10 would only add noise.
setMaxListeners(200);
