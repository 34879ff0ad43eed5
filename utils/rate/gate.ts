/**
 * The wake-up gate: runs held back by a pause or a spent quota wait here for a deadline, on
 * one shared timer per deadline, and are woken early when the state that held them changes.
 * No polling: nothing runs while nothing is due.
 */
export class WakeGate {
  /** Runs waiting; woken all at once, in arrival order. */
  private readonly waiters = new Set<() => void>();
  /** Deadlines that already have a timer running. */
  private readonly armedDeadlines = new Set<number>();

  constructor(
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /**
   * Resolves when the gate may have opened: at `deadline` (a time on `now()`'s clock) or
   * earlier if `wake()` is called. Callers look again and may wait again. Rejects with the
   * signal's reason on abort, leaving nothing behind.
   */
  wait(deadline: number, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.armTimer(deadline);
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.waiters.delete(waiter);
        reject(signal?.reason);
      };
      const waiter = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
    });
  }

  /** Wakes every waiter to look again. */
  wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  private armTimer(deadline: number): void {
    if (this.armedDeadlines.has(deadline)) return;
    this.armedDeadlines.add(deadline);
    const fire = () => {
      this.armedDeadlines.delete(deadline);
      this.wake();
    };
    this.sleep(Math.max(0, deadline - this.now())).then(fire, fire);
  }
}
