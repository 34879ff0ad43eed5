import { vi } from 'vitest';

export function rateHeaders(
  left: number,
  resetMs: number,
  quota = 150,
  windowMs = 30_000,
): Record<string, string> {
  return {
    'X-Rate-Limit-Time-Window-Ms': String(windowMs),
    'X-Rate-Limit-Time-Reset-Ms': String(resetMs),
    'X-Rate-Limit-Requests-Quota': String(quota),
    'X-Rate-Limit-Requests-Left': String(left),
  };
}

export function respond(status: number, headers?: Record<string, string>): Response {
  return new Response(null, { status, headers });
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Runs pending promise callbacks (and timers due now) under fake timers. */
export async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
}

/** A promise's state without waiting for it. */
export async function stateOf(
  promise: Promise<unknown>,
): Promise<'pending' | 'fulfilled' | 'rejected'> {
  let state: 'pending' | 'fulfilled' | 'rejected' = 'pending';
  promise.then(
    () => (state = 'fulfilled'),
    () => (state = 'rejected'),
  );
  await settle();
  return state;
}

/** Random numbers from a list, in turn (then repeating the last). */
export function randomFrom(values: readonly number[]): () => number {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)] ?? 0;
}

/** An attempt that answers from a script: one entry per call (the last repeats). Records call times. */
export function scripted(
  ...answers: Array<Response | Error | (() => Response | Promise<Response>)>
): ((signal: AbortSignal) => Promise<Response>) & { calls: number[] } {
  const calls: number[] = [];
  const fn = async () => {
    const answer = answers[Math.min(calls.length, answers.length - 1)];
    calls.push(Date.now());
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'function') return answer();
    // A Response can be read once: hand out a fresh copy each time.
    return answer!.clone();
  };
  return Object.assign(fn, { calls });
}
