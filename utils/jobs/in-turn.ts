/**
 * Requests of one job that check it, then wait (a spool cleared, the browser asked about a
 * file), then act on what they checked (find the codes again, confirm), are done one at a time
 * in the order asked: two tabs asking at once must not both act on what the other changes.
 */
export type InTurn = <T>(jobId: string, work: () => Promise<T>) => Promise<T>;

export function createInTurn(): InTurn {
  const last = new Map<string, Promise<unknown>>();
  return <T>(jobId: string, work: () => Promise<T>): Promise<T> => {
    // The one before has settled, whichever way (its outcome is its own asker's).
    const mine = (last.get(jobId) ?? Promise.resolve()).then(work);
    const settledMine = mine.catch(() => undefined);
    last.set(jobId, settledMine);
    // Forgotten once nothing waits behind it (a job's queue does not outlive its requests).
    void settledMine.then(() => {
      if (last.get(jobId) === settledMine) last.delete(jobId);
    });
    return mine;
  };
}
