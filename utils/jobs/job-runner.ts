/**
 * Runs jobs: one at a time per record, from its checkpoint, until it ends, pauses or waits for
 * the merchant; and settles how it stopped (paused, cancelled, failed, or the worker halting).
 * Also the live side of a job (rate, time left, why it waits) and the promotion lock, which
 * must see jobs still winding down.
 */
import { ApiError } from '../api/errors';
import type { StoreClients } from '../api/store-clients';
import type { Spool } from '../storage/spool';
import type { FileKeeper } from './file-keeper';
import { normalizeGenerate } from './generate';
import type { JobTable } from './job-table';
import { lockedMessage, writingJobOn } from './lock';
import { fileOnDisk } from './file-on-disk';
import { createMeter, type Meter } from './meter';
import { isStorageFull, messageOf, statusAfter } from './outcome';
import type { JobRecord, LiveState } from './record';
import { runKind } from './run-kind';
import { windDown } from './wind-down';
import type { WaitReason } from './types';
import { isWritingKind } from '../vocabulary';
import type { JobPhase } from '../vocabulary';

export const PAUSE = 'paused by merchant';
export const CANCEL = 'cancelled by merchant';
/** Tests: stop as a killed worker would, writing nothing more. */
const HALT = 'worker stopped';
/** The browser could not store the job's progress. */
const STORAGE_FULL = 'storage full';
/** Waits before each new try of a job's last write. */
const FINAL_WRITE_RETRIES_MS = [250, 1_000, 4_000];

interface Active {
  /** Stops the job: pause, cancel, or a halt. */
  controller: AbortController;
  /** Cuts requests already sent: only a halt (a worker stopping) does. */
  cut: AbortController;
  meter: Meter;
  done: Promise<void>;
}

export interface JobRunnerDeps {
  table: () => JobTable;
  files: () => FileKeeper;
  clients: StoreClients;
  spool: Spool;
  now(): number;
  workers: { list: number; generate: number; delete: number };
}

export type JobRunner = ReturnType<typeof createJobRunner>;

export function createJobRunner(deps: JobRunnerDeps) {
  const { now } = deps;
  const active = new Map<string, Active>();
  const storeWait = new Map<string, WaitReason | null>();
  const jobWaits = new Map<string, WaitReason | null>();
  /** Jobs' last writes being tried again: the worker stays awake for them. */
  const lastWrites = new Set<Promise<void>>();

  deps.clients.watchWaits((storeHash, w) => {
    storeWait.set(storeHash, w);
    deps.table().changed();
  });

  function progress(r: JobRecord, done: number, total: number | null, phase?: JobPhase) {
    r.done = done;
    r.total = total;
    if (phase) r.phase = phase;
    active.get(r.id)?.meter.sample(done);
    // A progress write that failed (a full disk, say) stops the job with the reason.
    deps
      .table()
      .persist(r, false)
      .catch((e: unknown) =>
        active.get(r.id)?.controller.abort(isStorageFull(e) ? STORAGE_FULL : e),
      );
  }

  /**
   * How a job ended, written; a write that fails (a disk full for a moment) is tried again a
   * few times, the worker kept awake meanwhile. Past that, the start-up rules hold.
   */
  async function persistSurely(r: JobRecord): Promise<void> {
    const write = () =>
      deps
        .table()
        .persist(r)
        .then(
          () => true,
          () => false,
        );
    if (await write()) return;
    const retries = (async () => {
      for (const waitMs of FINAL_WRITE_RETRIES_MS) {
        await new Promise((resolve) => setTimeout(resolve, waitMs));
        if (await write()) return;
      }
    })();
    lastWrites.add(retries);
    await retries;
    lastWrites.delete(retries);
  }

  const wrapUp = (r: JobRecord) =>
    windDown(r, {
      files: deps.files(),
      table: deps.table(),
      clients: deps.clients,
      spool: deps.spool,
    });

  /** Settles a job that threw: paused, cancelled, failed. True when the worker is halting. */
  async function stopped(r: JobRecord, signal: AbortSignal, e: unknown): Promise<boolean> {
    const reason: unknown = signal.aborted ? signal.reason : null;
    if (reason === HALT) {
      active.delete(r.id);
      return true;
    }
    if (reason === PAUSE) r.status = 'paused';
    else if (reason === CANCEL) {
      r.status = 'cancelled';
      r.finishedAt = now();
    } else {
      const cause =
        reason === STORAGE_FULL
          ? Object.assign(new Error('quota'), { name: 'QuotaExceededError' })
          : signal.aborted
            ? reason
            : e;
      r.status = statusAfter(cause);
      r.error = messageOf(cause);
      if (r.status === 'failed') r.finishedAt = now();
    }
    r.stoppedAt = now();
    if (r.status !== 'paused') await wrapUp(r);
    return false;
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

    isActive: (id: string) => active.has(id),

    /**
     * Cancels a job that is not running (paused, or cut off by a restart): its files are made
     * as a stopped job's are, and it holds the promotion while it winds down, as one does.
     */
    async cancelStopped(r: JobRecord): Promise<void> {
      if (active.has(r.id)) return;
      const entry: Active = {
        controller: new AbortController(),
        cut: new AbortController(),
        meter: createMeter(now),
        done: Promise.resolve(),
      };
      active.set(r.id, entry);
      r.status = 'cancelled';
      r.finishedAt = now();
      entry.done = (async () => {
        try {
          await deps.table().persist(r);
          await wrapUp(r);
          await deps.table().persist(r); // what the settling found
        } finally {
          active.delete(r.id);
          deps.table().changed();
        }
      })();
      await entry.done;
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

    /** A writing job may not start or resume beside the job holding its promotion. */
    refuseIfLocked(r: Pick<JobRecord, 'id' | 'kind' | 'storeHash' | 'promotionId'>): void {
      if (!isWritingKind(r.kind)) return;
      const jobs = deps.table().jobs;
      // A job still winding down (checking what its last requests made) holds it too.
      const winding = [...active.keys()]
        .map((id) => jobs.get(id))
        .filter((j): j is JobRecord => j !== undefined);
      const holder =
        writingJobOn(jobs.values(), r.storeHash, r.promotionId, r.id) ??
        writingJobOn(winding, r.storeHash, r.promotionId, r.id, true);
      if (holder) throw new ApiError('locked', lockedMessage(holder));
    },

    /** A generate stopped with requests possibly under way: what the store made for them cannot be tied to it. */
    noteCutOff(r: JobRecord): void {
      if (r.kind !== 'generate' || r.generate?.baselineTotal == null) return; // nothing sent yet
      r.generate = normalizeGenerate(r.generate);
      r.generate.cutOff += 1;
    },

    /** Runs (or carries on) a job from its checkpoint until it ends, pauses or waits. */
    launch(r: JobRecord): void {
      if (active.has(r.id)) return;
      const table = deps.table();
      const controller = new AbortController();
      const cut = new AbortController();
      const entry: Active = { controller, cut, meter: createMeter(now), done: Promise.resolve() };
      active.set(r.id, entry);
      r.status = 'running';
      r.error = null;
      entry.done = (async () => {
        try {
          await table.persist(r);
          await runKind(r, {
            client: await deps.clients.clientFor(r.storeHash),
            spool: deps.spool,
            signal: controller.signal,
            requestSignal: cut.signal,
            workers: deps.workers,
            now,
            save: () => table.persist(r),
            progress: (done, total, phase) => progress(r, done, total, phase),
            onWait: (w) => {
              jobWaits.set(r.id, w);
              table.changed();
            },
            spendable: () => deps.clients.governorFor(r.storeHash).snapshot().spendable,
            quotaResetAt: () => deps.clients.governorFor(r.storeHash).snapshot().resetAt,
            finishFile: async (kind) => void (await deps.files().finish(r, kind)),
            fileOnDisk: (kind) => fileOnDisk(deps.files(), r, kind, controller.signal, now),
          });
        } catch (e) {
          if (await stopped(r, controller.signal, e)) return;
        }
        active.delete(r.id);
        jobWaits.delete(r.id);
        // Not left running in this worker's table, nor, if a write goes through, in storage
        // (a disk full for a moment): a restarted worker would carry on a job that stopped.
        await persistSurely(r);
      })();
    },

    /** True while any job is running (or writing how it ended): the background keeps the worker awake. */
    busy: (): boolean => active.size > 0 || lastWrites.size > 0,

    /** Resolves when every running job has stopped and written so (tests, shutdown). */
    async idle(): Promise<void> {
      while (active.size || lastWrites.size)
        await Promise.all([...[...active.values()].map((a) => a.done), ...lastWrites]);
    },

    /** Stops every job as a killed worker would: nothing is saved beyond what already was. */
    async halt(): Promise<void> {
      for (const a of active.values()) {
        a.cut.abort(HALT);
        a.controller.abort(HALT);
      }
      await Promise.allSettled([...active.values()].map((a) => a.done));
    },
  };
}
