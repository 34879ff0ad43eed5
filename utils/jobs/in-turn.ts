/**
 * What takes a job up or takes it away (Resume, find the codes again, confirm, remove from the
 * list) is done one request at a time per job, in the order asked: each checks the job, may
 * wait (a spool cleared, the browser asked about a file), then acts on what it checked, and two
 * tabs asking at once must not act on a job the other is changing. Pause and Cancel never wait
 * their turn; what they overtake checks again after its waits.
 */
type InTurn = <T>(jobId: string, work: () => Promise<T>) => Promise<T>;

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
