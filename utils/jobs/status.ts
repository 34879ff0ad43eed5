/**
 * A job's status has one owner: every change goes through `transition`, by the table of moves
 * below, together with what goes with it (its error, when it finished or stopped) and the write
 * that records it. Nothing else assigns them (scripts/check-house.ts checks). A write that
 * fails is tried again (job-table.ts), so that memory and storage agree once it goes through:
 * a job whose progress could not be written is failed or paused in storage too, never left
 * running for a restarted worker to carry on.
 */
import type { JobTable } from './job-table';
import type { JobRecord, StoredRequest } from './record';
import type { JobStatus } from './types';
import type { ErrorWords } from '../vocabulary';

export type StatusEvent =
  /** Runs: its first run, a Resume (or a restart it carries on after), the merchant's word, a fresh plan. */
  | { type: 'begin' | 'resume' | 'confirm' | 'rescan' }
  | { type: 'complete'; error?: ErrorWords | null }
  /** Its plan is ready: nothing more until the merchant's word. */
  | { type: 'await' }
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

export function createStatusKeeper(deps: { table: JobTable; now(): number }) {
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
        job.error = event.error ?? null;
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

    /**
     * Moves the job and writes it (tried again a few times if the write fails, the worker kept
     * awake meanwhile). Into 'running', a write that never goes through throws: a job runs only
     * once storage says so. Out of it, memory keeps the move, and the next write of the job
     * (or a restart's rules) settles storage.
     */
    async transition(job: JobRecord, event: StatusEvent): Promise<void> {
      check(job, event.type);
      apply(job, event, deps.now());
      const written = deps.table.persistSurely(job);
      if (MOVES[event.type].to === 'running') await written;
      else await written.catch(() => undefined);
    },
  };
}
