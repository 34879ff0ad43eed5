/**
 * Did the browser restart since the last time this worker ran? Decided once per worker start,
 * and every caller (start-up, the watchdog alarm) asks this same promise, so they cannot
 * disagree: after a browser restart, jobs that create or delete codes wait for the merchant.
 */
import { storage } from '#imports';

/** Set for the browser session: its absence at start-up means the browser restarted. */
const sessionAlive = storage.defineItem<boolean>('session:alive', { fallback: false });

export function detectSession(): Promise<{ sameSession: boolean }> {
  return (async () => {
    // Where session storage is missing, assume a browser restart: the cautious reading.
    const sameSession = await sessionAlive.getValue().catch(() => false);
    await sessionAlive.setValue(true).catch(() => {});
    return { sameSession };
  })();
}
