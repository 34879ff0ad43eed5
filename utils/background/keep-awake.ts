/**
 * Chrome stops an idle worker after ~30 s, and long chains of fetches can be cut. While jobs
 * run, an extension API call every 20 s keeps it alive, and an alarm restarts it (and with it
 * the jobs, from their checkpoints) if it was stopped anyway.
 */
import { browser } from '#imports';

export const WATCHDOG = 'jobs-watchdog';

export function createKeepAwake(busy: () => boolean) {
  let timer: ReturnType<typeof setInterval> | null = null;
  return function keepAwake(): void {
    if (busy() && !timer) {
      timer = setInterval(() => void browser.runtime.getPlatformInfo(), 20_000);
      void browser.alarms.create(WATCHDOG, { periodInMinutes: 0.5 });
    } else if (!busy() && timer) {
      clearInterval(timer);
      timer = null;
      void browser.alarms.clear(WATCHDOG);
    }
  };
}
