/**
 * Tells the store's listener why its requests are held back, once per change: the same wait
 * reported again (every queued request meets it) is not news.
 */
import type { StoreWait } from './contract';

export class WaitReport {
  private last: StoreWait | null = null;

  constructor(private readonly onWait: ((wait: StoreWait | null) => void) | undefined) {}

  report(wait: StoreWait | null): void {
    if (sameWait(this.last, wait)) return;
    this.last = wait;
    try {
      this.onWait?.(wait);
    } catch {
      // A failing progress display must not break the requests it reports on.
    }
  }
}

function sameWait(a: StoreWait | null, b: StoreWait | null): boolean {
  if (a === null || b === null) return a === b;
  return a.kind === b.kind && a.untilMs === b.untilMs && attemptOf(a) === attemptOf(b);
}

/** The retry number of a wait (retries only). */
function attemptOf(wait: StoreWait): number | undefined {
  return wait.kind === 'retrying' ? wait.attempt : undefined;
}
