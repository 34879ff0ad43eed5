/**
 * Runs jobs: one at a time per record, from its checkpoint, as its kind's definition says,
 * until it ends, pauses or waits for the merchant; and settles how it stopped (paused,
 * cancelled, failed), winding a stopped job down as its kind says. Also the live side of a
 * job (rate, time left, why it waits), and which jobs are still under way or winding down.
 */
import type { StoreClients } from '../api/store-clients';
import type { Spool } from '../storage/spool';
import type { FileKeeper } from './file-keeper';
import { kindOf } from './kinds';
import type { RunContext, Workers } from './kinds/define';
import type { JobTable } from './job-table';
import { createMeter, type Meter } from './meter';
import { isStorageFull, messageOf, statusAfter } from './outcome';
import type { JobRecord, LiveState } from './record';
import type { StatusEvent, StatusKeeper } from './status';
import type { WaitReason } from './types';
import type { JobPhase } from '../vocabulary';

export const PAUSE = 'paused by merchant';
export const CANCEL = 'cancelled by merchant';
/** The browser could not store the job's progress. */
const STORAGE_FULL = 'storage full';
/** Answers to requests under way are awaited even when a job stops (their codes are the job's). */
const ANSWERS = new AbortController().signal;

/** How a job is taken up: its first run, a Resume, the merchant's word, a fresh plan. */
export type RunEvent = Extract<StatusEvent, { type: 'begin' | 'resume' | 'confirm' | 'rescan' }>;

interface Active {
  /** Stops the job: pause, cancel. */
  controller: AbortController;
  meter: Meter;
  done: Promise<void>;
}

export interface JobRunnerDeps {
  table: JobTable;
  files: FileKeeper;
  statuses: StatusKeeper;
  clients: StoreClients;
  spool: Spool;
  now(): number;
  workers: Workers;
}

export type JobRunner = ReturnType<typeof createJobRunner>;

export function createJobRunner(deps: JobRunnerDeps) {
  const { table, files, statuses, clients, now } = deps;
  const active = new Map<string, Active>();
  const storeWait = new Map<string, WaitReason | null>();
  const jobWaits = new Map<string, WaitReason | null>();

  clients.watchWaits((storeHash, w) => {
    storeWait.set(storeHash, w);
    table.changed();
  });

  function progress(r: JobRecord, done: number, total: number | null, phase?: JobPhase) {
    r.done = done;
    r.total = total;
    if (phase) r.phase = phase;
    active.get(r.id)?.meter.sample(done);
    // A progress write that failed (a full disk, say) stops the job with the reason.
    table
      .persist(r, false)
      .catch((e: unknown) =>
        active.get(r.id)?.controller.abort(isStorageFull(e) ? STORAGE_FULL : e),
      );
  }

  async function context(r: JobRecord, signal: AbortSignal): Promise<RunContext> {
    const governor = () => clients.governorFor(r.storeHash).snapshot();
    return {
      client: await clients.clientFor(r.storeHash),
      spool: deps.spool,
      signal,
      requestSignal: ANSWERS,
      workers: deps.workers,
      now,
      save: () => table.persist(r),
      progress: (done, total, phase) => progress(r, done, total, phase),
      onWait: (w) => {
        jobWaits.set(r.id, w);
        table.changed();
      },
      spendable: () => governor().spendable,
      quotaResetAt: () => governor().resetAt,
      finishFile: async (kind) => void (await files.finish(r, kind)),
      fileOnDisk: (kind) => files.onDisk(r, kind, signal),
    };
  }

  /** A job cancelled or failed part-way: what it made goes in files, as its kind says. */
  async function windDown(r: JobRecord): Promise<void> {
    const windDown = kindOf(r.kind).windDown;
    if (!windDown) return;
    await windDown(r, {
      client: await clients.clientFor(r.storeHash).catch(() => null),
      spool: deps.spool,
      finishFile: async (kind) => void (await files.finish(r, kind)),
    });
    await table.persistSurely(r).catch(() => undefined); // what the settling found
  }

  /** Settles a job that threw: paused, cancelled, failed (or paused by a store that is not answering). */
  async function stopped(r: JobRecord, signal: AbortSignal, e: unknown): Promise<void> {
    const reason: unknown = signal.aborted ? signal.reason : null;
    if (reason === PAUSE) return statuses.transition(r, { type: 'pause' });
    if (reason === CANCEL) {
      await statuses.transition(r, { type: 'cancel' });
      return windDown(r);
    }
    const cause =
      reason === STORAGE_FULL
        ? Object.assign(new Error('quota'), { name: 'QuotaExceededError' })
        : signal.aborted
          ? reason
          : e;
    const error = messageOf(cause);
    if (statusAfter(cause) === 'paused') return statuses.transition(r, { type: 'stall', error });
    await statuses.transition(r, { type: 'fail', error });
    await windDown(r);
  }

  /** Holds the job as under way while `work` runs (the lock and the worker's wakefulness see it). */
  function hold(r: JobRecord, work: (entry: Active) => Promise<void>): Active {
    const entry: Active = {
      controller: new AbortController(),
      meter: createMeter(now),
      done: Promise.resolve(),
    };
    active.set(r.id, entry);
    entry.done = work(entry).finally(() => {
      active.delete(r.id);
      jobWaits.delete(r.id);
      table.changed();
    });
    return entry;
  }

  return {
    live(r: JobRecord): LiveState {
      const a = active.get(r.id);
      const wait = jobWaits.get(r.id) ?? storeWait.get(r.storeHash) ?? null;
      const eta = a ? a.meter.eta(r.done, r.total) : null;
      // A known wait (quota window, 429 pause) adds to the time left at least its own length.
      const waitLeft = wait && 'untilMs' in wait ? Math.max(0, wait.untilMs - now()) : 0;
      return {
        ratePerSecond: a ? Math.round(a.meter.rate()) : 0,
        etaMs: eta === null ? null : Math.max(eta, waitLeft),
        wait,
      };
    },

    /** Running, or winding down (checking what its last requests made): it holds its promotion. */
    isActive: (id: string) => active.has(id),

    /**
     * Cancels a job that is not running (paused, cut off by a restart, waiting): its files are
     * made as a stopped job's are, and it holds the promotion while it winds down, as one does.
     */
    async cancelStopped(r: JobRecord): Promise<void> {
      if (active.has(r.id)) return;
      statuses.check(r, 'cancel');
      await hold(r, async () => {
        await statuses.transition(r, { type: 'cancel' });
        await windDown(r);
      }).done;
    },

    /** Stops a running job (pause or cancel) and waits until it has; false if it was not running. */
    async stop(id: string, reason: typeof PAUSE | typeof CANCEL): Promise<boolean> {
      const a = active.get(id);
      if (!a) return false;
      a.controller.abort(reason);
      await a.done;
      return true;
    },

    /** Aborts a job's run with a reason (a store removed), without waiting. */
    abort(id: string, reason: unknown): Promise<void> | undefined {
      const a = active.get(id);
      a?.controller.abort(reason);
      return a?.done;
    },

    /**
     * Runs (or carries on) a job from its checkpoint until it ends, pauses or waits. The move
     * is checked now: one the job cannot take throws here, before anything runs.
     */
    launch(r: JobRecord, event: RunEvent): void {
      if (active.has(r.id)) return;
      statuses.check(r, event.type);
      hold(r, async ({ controller }) => {
        try {
          await statuses.transition(r, event);
          const end = await kindOf(r.kind).run(r, await context(r, controller.signal));
          await statuses.transition(r, { type: end.awaits ? 'await' : 'complete' });
        } catch (e) {
          await stopped(r, controller.signal, e);
        }
      });
    },

    /** True while any job is running or winding down, or a write is tried again: the worker stays awake. */
    busy: (): boolean => active.size > 0 || table.busy(),
  };
}
