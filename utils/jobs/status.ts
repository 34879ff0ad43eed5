/**
 * A job's status has one owner: every change goes through `transition`, by the table of moves
 * below, together with what goes with it (its error, when it finished or stopped) and the write
 * that records it. Nothing else assigns them (scripts/check-house.ts checks).
 *
 * What holds. A job runs only once storage says it runs: a write into 'running' that never goes
 * through throws. A write out of 'running' is tried again a few times (job-table.ts) and may
 * still fail: memory keeps the move, and storage says 'running' until the job's next write. So
 * a stop is also marked apart from the record (stop-marks.ts): the merchant's pause or cancel
 * before it is acted on (`stopAsked`), every move into a stop (paused, failed, cancelled)
 * before its status is written; a move into 'running', once written, clears the mark unless a
 * stop was asked meanwhile. After a worker restart a job carries on by itself only if storage
 * says it was running and no mark says it stopped (`stopMarked`; a mark that cannot be read
 * counts as one), and, if it writes, under the registry's rules (same browser session, last
 * written moments ago, Resume would allow it). A stopped job is therefore taken up only by a
 * person's Resume, unless its mark could not be written either (session storage refusing
 * too). Marks go with the browser session: after a browser restart no job that writes carries
 * on by itself anyway.
 */
import type { JobTable } from './job-table';
import type { JobRecord, StoredRequest } from './record';
import type { StopMarks } from './stop-marks';
import type { JobStatus } from './types';
import type { ErrorWords } from '../vocabulary';

export type StatusEvent =
  /** Runs: its first run, a Resume (or a restart it carries on after), the merchant's word, a fresh plan. */
  | { type: 'begin' | 'resume' | 'confirm' | 'rescan' }
  /** Done; or its plan is ready, nothing more until the merchant's word. */
  | { type: 'complete' | 'await' }
  /** Stopped by the merchant (pause, cancel), by a restart of the worker or the browser. */
  | { type: 'pause' | 'cancel' | 'interrupt' }
  /** Stopped by an error: 'stall' when the store is busy or unreachable (not now), else 'fail'. */
  | { type: 'stall' | 'fail'; error: ErrorWords };

export type StatusEventType = StatusEvent['type'];

/** Every move there is: from which statuses an event may come, and where it leads. */
export const MOVES: {
  readonly [E in StatusEventType]: { from: readonly JobStatus[]; to: JobStatus };
} = {
  begin: { from: ['queued'], to: 'running' },
  resume: { from: ['paused', 'interrupted', 'failed'], to: 'running' },
  confirm: { from: ['awaiting-confirmation'], to: 'running' },
  rescan: { from: ['awaiting-confirmation'], to: 'running' },
  complete: { from: ['running'], to: 'completed' },
  await: { from: ['running'], to: 'awaiting-confirmation' },
  pause: { from: ['running'], to: 'paused' },
  stall: { from: ['running'], to: 'paused' },
  fail: { from: ['running'], to: 'failed' },
  cancel: {
    from: ['queued', 'running', 'paused', 'interrupted', 'awaiting-confirmation'],
    to: 'cancelled',
  },
  interrupt: { from: ['queued', 'running'], to: 'interrupted' },
};

export const canMove = (status: JobStatus, event: StatusEventType): boolean =>
  MOVES[event].from.includes(status);

/** A new job's record, queued; its kind's intake said what it keeps of the request. */
export function newRecord(
  id: string,
  request: StoredRequest,
  promotionName: string | null,
  at: number,
): JobRecord {
  return {
    id,
    kind: request.kind,
    storeHash: request.storeHash,
    promotionId: request.promotionId,
    promotionName,
    request,
    status: 'queued',
    done: 0,
    total: null,
    error: null,
    files: [],
    createdAt: at,
    updatedAt: at,
    finishedAt: null,
  };
}

export type StatusKeeper = ReturnType<typeof createStatusKeeper>;

/** Where a move leads a job that stopped: marked stopped before the status is written. */
const STOPS: readonly JobStatus[] = ['paused', 'failed', 'cancelled'];

export function createStatusKeeper(deps: { table: JobTable; now(): number; stops: StopMarks }) {
  const { stops } = deps;
  /** Stops marked by this worker, by job: one marked while a run was being written stays. */
  const marks = new Map<string, number>();
  /** Marks it stopped: best effort (the status write is then all a restart has to go by). */
  const markStopped = (job: JobRecord) => {
    marks.set(job.id, (marks.get(job.id) ?? 0) + 1);
    return stops.add(job.id).catch(() => undefined);
  };

  /** What goes with a move, besides the status. */
  function apply(job: JobRecord, event: StatusEvent, now: number): void {
    const from = job.status;
    job.status = MOVES[event.type].to;
    switch (event.type) {
      case 'begin':
      case 'resume':
      case 'confirm':
      case 'rescan':
        job.error = null;
        job.finishedAt = null;
        return;
      case 'complete':
        job.error = null;
        job.finishedAt = now;
        return;
      case 'await':
        return;
      case 'pause':
        job.stoppedAt = now;
        return;
      case 'stall':
        job.error = event.error;
        job.stoppedAt = now;
        return;
      case 'fail':
        job.error = event.error;
        job.stoppedAt = now;
        job.finishedAt = now;
        return;
      case 'cancel':
        job.finishedAt = now;
        if (from === 'running') job.stoppedAt = now;
        return;
      case 'interrupt':
        // Its last write: about when the worker or the browser stopped.
        job.stoppedAt = job.updatedAt;
        return;
    }
  }

  /** Throws unless the table has this move from where the job stands. */
  function check(job: JobRecord, event: StatusEventType): void {
    if (!canMove(job.status, event))
      throw new Error(`A job ${job.status} cannot take the move "${event}".`);
  }

  return {
    check,

    /** The merchant asked it to stop (pause, cancel): marked before the stop is acted on. */
    stopAsked: markStopped,

    /** Whether its stop was marked since it last moved into running (unreadable: yes). */
    stopMarked: (job: JobRecord): Promise<boolean> => stops.has(job.id).catch(() => true),

    /**
     * Moves the job and writes it (tried again a few times if the write fails, the worker kept
     * awake meanwhile). Into 'running', a write that never goes through throws: a job runs only
     * once storage says so. Out of it, memory keeps the move, and the next write of the job
     * (or a restart's rules) settles storage.
     */
    async transition(job: JobRecord, event: StatusEvent): Promise<void> {
      check(job, event.type);
      apply(job, event, deps.now());
      const to = MOVES[event.type].to;
      if (STOPS.includes(to)) await markStopped(job);
      const marked = marks.get(job.id);
      const written = deps.table.persistSurely(job);
      if (to !== 'running') return written.catch(() => undefined);
      await written;
      // Once storage says it runs: a mark left behind (a worker that died first, a removal
      // refused) only keeps a later restart from carrying it on, the safe side.
      if (marks.get(job.id) === marked) await stops.remove(job.id).catch(() => undefined);
    },
  };
}
