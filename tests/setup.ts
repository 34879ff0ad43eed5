import { setMaxListeners } from 'node:events';
import { beforeEach } from 'vitest';
import { speak } from './i18n-double';

// A job's AbortSignal legitimately has one listener per request in flight (10 to 40);
// Node's default warning threshold of 10 would only add noise.
setMaxListeners(200);

// The browser's i18n, in English, from the built catalogue (tests find controls by their names).
await speak('en');
beforeEach(() => speak('en'));

// UI suites (happy-dom): events stand for a person's unless a test says otherwise.
if (typeof window !== 'undefined' && 'happyDOM' in window) {
  const { installTrust, trust } = await import('./ui/person');
  installTrust();
  beforeEach(() => {
    trust.person = true;
  });
}
