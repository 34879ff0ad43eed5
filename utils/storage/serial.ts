/**
 * Runs read-modify-write steps one at a time. storage.local has no transactions, so two
 * overlapping "read list, change it, write it back" calls would lose one change.
 */
export function createSerialQueue(): <T>(step: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(step: () => Promise<T>): Promise<T> => {
    const run = tail.then(() => step());
    // The queue goes on after a failed step; the caller still sees the failure.
    tail = run.catch(() => undefined);
    return run;
  };
}
