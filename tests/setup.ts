import { setMaxListeners } from 'node:events';
import { beforeEach } from 'vitest';

// A job's AbortSignal legitimately has one listener per request in flight (10 to 40);
// Node's default warning threshold of 10 would only add noise.
setMaxListeners(200);

// UI suites (happy-dom): events stand for a person's unless a test says otherwise.
if (typeof window !== 'undefined' && 'happyDOM' in window) {
  const { installTrust, trust } = await import('./ui/person');
  installTrust();
  beforeEach(() => {
    trust.person = true;
  });
}
