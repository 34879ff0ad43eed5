/**
 * Runs `fn` over `items` with at most `workers` at once, in order of items. The first
 * failure aborts the rest (their signal fires) and is rethrown once all have settled,
 * so no request is left running behind the caller's back.
 */
export async function runPool<T>(
  items: Iterable<T>,
  workers: number,
  fn: (item: T, signal: AbortSignal) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const inner = new AbortController();
  const onAbort = () => inner.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) inner.abort(signal.reason);
  let failure: { error: unknown } | null = null;

  const worker = async () => {
    while (!inner.signal.aborted) {
      const next = iterator.next();
      if (next.done) return;
      try {
        await fn(next.value, inner.signal);
      } catch (error) {
        if (!failure) failure = { error };
        inner.abort(error);
        return;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, workers) }, worker));
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (failure) throw (failure as { error: unknown }).error;
  if (signal?.aborted) throw signal.reason;
}

export function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}
