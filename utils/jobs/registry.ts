/**
 * The job registry: the table of jobs (persisted records), their lifecycle (start, pause,
 * resume, cancel, confirm, recover after a restart, remove) and the rules that guard it: one
 * writing job per promotion, no deletion before the backup is on disk, no deletion on a stale
 * plan. The engines run in run-kind.ts; files in file-keeper.ts.
 */
import { ApiError } from '../api/errors';
import { createStoreClients, type StoreClients } from '../api/store-clients';
import type { GovernorOptions } from '../rate';
import type { Spool } from '../storage/spool';
import { createFileKeeper, type DownloadChange, type Downloads } from './file-keeper';
import { jobSpools } from './files';
import { expiredHidden, isProtected, keptUntil } from './kept-files';
import { lockedMessage, writingJobOn } from './lock';
import { createMeter, type Meter } from './meter';
import { isStorageFull, messageOf, statusAfter } from './outcome';
import { normalizeGenerate } from './generate';
import { emptyPurge, purgeSpools } from './purge';
import { intakePurgeList } from './purge-intake';
import { toView, type JobRecord, type LiveState } from './record';
import { runKind, settleStopped } from './run-kind';
import type { FileKind, JobFile, JobRequest, JobView, KeptFileView, WaitReason } from './types';
import { isResumable, isUnfinished, isWritingKind, PLAN_FRESH_MS } from './vocabulary';

export interface RecordStore {
  save(rec: JobRecord): Promise<void>;
  get(id: string): Promise<JobRecord | null>;
  list(): Promise<JobRecord[]>;
  remove(id: string): Promise<void>;
}

export interface RegistryDeps {
  records: RecordStore;
  spool: Spool;
  /** Per-store clients and governors, shared with the message handlers; made here from the fields below if absent. */
  clients?: StoreClients;
  tokenFor?(storeHash: string): Promise<string | null>;
  fetch?: typeof fetch;
  apiOrigin?: string;
  governor?: Omit<GovernorOptions, 'onWait'>;
  now?: () => number;
  newId?: () => string;
  /** Parallel requests a job keeps going per kind; the store's governor caps them anyway. */
  workers?: { list?: number; generate?: number; delete?: number };
  /** Called (throttled) whenever a job's view changes. */
  onChange?(jobs: JobView[]): void;
  /** The browser's downloads: files are saved through it and followed until on disk. */
  downloads?: Downloads;
  /** Tests: a job's file is complete. */
  onFileReady?(job: JobRecord, file: JobFile): void;
  /** Minimum ms between persisted progress writes. */
  saveEveryMs?: number;
}

export type ControlAction = 'pause' | 'resume' | 'cancel' | 'rescan';

const PAUSE = 'paused by merchant';
const CANCEL = 'cancelled by merchant';
/** Tests: stop as a killed worker would, writing nothing more. */
const HALT = 'worker stopped';
/** The browser could not store the job's progress. */
const STORAGE_FULL = 'storage full';

interface Active {
  /** Stops the job: pause, cancel, or a halt. */
  controller: AbortController;
  /** Cuts requests already sent: only a halt (a worker stopping) does. */
  cut: AbortController;
  meter: Meter;
  done: Promise<void>;
}

export type JobRegistry = ReturnType<typeof createRegistry>;

const invalid = (message: string) => new ApiError('invalid', message);

export function createRegistry(deps: RegistryDeps) {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => `${now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`);
  const workers = { list: 10, generate: 10, delete: 40, ...deps.workers };
  const saveEveryMs = deps.saveEveryMs ?? 1000;
  const clients =
    deps.clients ??
    createStoreClients({ tokenFor: deps.tokenFor ?? (async () => null), fetch: deps.fetch, apiOrigin: deps.apiOrigin, governor: deps.governor });

  const jobs = new Map<string, JobRecord>();
  const active = new Map<string, Active>();
  const storeWait = new Map<string, WaitReason | null>();
  const jobWaits = new Map<string, WaitReason | null>();
  const lastSaved = new Map<string, number>();
  let loaded: Promise<void> | null = null;

  clients.watchWaits((storeHash, w) => {
    storeWait.set(storeHash, w ? ({ ...w, attempt: w.attempt ?? 1 } as WaitReason) : null);
    changed();
  });

  function load() {
    loaded ??= deps.records.list().then((all) => {
      for (const r of all) if (!jobs.has(r.id)) jobs.set(r.id, r);
    });
    return loaded;
  }

  // Change notifications are coalesced: progress ticks many times a second.
  let notifyTimer: ReturnType<typeof setTimeout> | null = null;
  function changed() {
    if (!deps.onChange || notifyTimer) return;
    notifyTimer = setTimeout(() => {
      notifyTimer = null;
      deps.onChange?.(views());
    }, 100);
  }

  function live(r: JobRecord): LiveState {
    const a = active.get(r.id);
    const wait = jobWaits.get(r.id) ?? storeWait.get(r.storeHash) ?? null;
    const eta = a ? a.meter.eta(r.done, r.total) : null;
    // A known wait (quota window, 429 pause) adds to the time left at least its own length.
    const waitLeft = wait && 'untilMs' in wait ? Math.max(0, wait.untilMs - now()) : 0;
    return { ratePerSecond: a ? Math.round(a.meter.rate()) : 0, etaMs: eta === null ? null : Math.max(eta, waitLeft), wait };
  }

  function views(): JobView[] {
    return [...jobs.values()]
      .filter((r) => !r.hidden)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((r) => toView(r, live(r)));
  }

  async function persist(r: JobRecord, force = true) {
    r.updatedAt = now();
    changed();
    if (!force && now() - (lastSaved.get(r.id) ?? 0) < saveEveryMs) return;
    lastSaved.set(r.id, now());
    await deps.records.save(r);
  }

  /** A progress write that failed (a full disk, say) stops the job with the reason, never leaves it running. */
  function persistSoon(r: JobRecord) {
    persist(r, false).catch((e: unknown) => active.get(r.id)?.controller.abort(isStorageFull(e) ? STORAGE_FULL : e));
  }

  async function drop(r: JobRecord) {
    for (const ns of jobSpools(r.id)) await deps.spool.clear(ns);
    jobs.delete(r.id);
    lastSaved.delete(r.id);
    await deps.records.remove(r.id);
    changed();
  }

  const files = createFileKeeper({ spool: deps.spool, now, records: () => jobs.values(), persist: (r) => persist(r), drop, downloads: deps.downloads, onFileReady: deps.onFileReady });

  function progress(r: JobRecord, done: number, total: number | null, phase?: 'scan' | 'delete') {
    r.done = done;
    r.total = total;
    if (phase) r.phase = phase;
    active.get(r.id)?.meter.sample(done);
    persistSoon(r);
  }

  /** The job that holds this one's promotion, if any: a writing job may not start or resume beside it. */
  function refuseIfLocked(r: Pick<JobRecord, 'id' | 'kind' | 'storeHash' | 'promotionId'>) {
    if (!isWritingKind(r.kind)) return;
    // A job still winding down (checking what its last requests made) holds it too.
    const winding = [...active.keys()].map((id) => jobs.get(id)).filter((j): j is JobRecord => j !== undefined);
    const holder = writingJobOn(jobs.values(), r.storeHash, r.promotionId, r.id) ?? writingJobOn(winding, r.storeHash, r.promotionId, r.id, true);
    if (holder) throw new ApiError('locked', lockedMessage(holder));
  }

  /** Runs (or carries on) a job from its checkpoint until it ends, pauses or waits. */
  function launch(r: JobRecord) {
    if (active.has(r.id)) return;
    const controller = new AbortController();
    const cut = new AbortController();
    const entry: Active = { controller, cut, meter: createMeter(now), done: Promise.resolve() };
    active.set(r.id, entry);
    r.status = 'running';
    r.error = null;
    entry.done = (async () => {
      try {
        await persist(r);
        await runKind(r, {
          client: await clients.clientFor(r.storeHash),
          spool: deps.spool,
          signal: controller.signal,
          requestSignal: cut.signal,
          workers,
          now,
          save: () => persist(r),
          progress: (done, total, phase) => progress(r, done, total, phase),
          onWait: (w) => {
            jobWaits.set(r.id, w);
            changed();
          },
          spendable: () => clients.governorFor(r.storeHash).snapshot().spendable,
          finishFile: async (kind) => void (await files.finish(r, kind)),
        });
      } catch (e) {
        if (await stopped(r, controller.signal, e)) return;
      }
      active.delete(r.id);
      jobWaits.delete(r.id);
      // Even if this write fails, the job is not left running in this worker's table.
      await persist(r).catch(() => undefined);
    })();
  }

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
      const cause = reason === STORAGE_FULL ? Object.assign(new Error('quota'), { name: 'QuotaExceededError' }) : signal.aborted ? reason : e;
      r.status = statusAfter(cause);
      r.error = messageOf(cause);
      if (r.status === 'failed') r.finishedAt = now();
    }
    if (r.kind === 'generate' && r.status !== 'paused') {
      await persist(r).catch(() => undefined); // the merchant sees it stopped while it winds down
      // Codes already made exist in the store: the merchant gets them in a file, and what
      // requests under way at the stop may have made is listed apart.
      if ((await deps.spool.rowCount(r.id).catch(() => 0)) > 0) await files.finish(r, 'generated').catch(() => undefined);
      const client = await clients.clientFor(r.storeHash).catch(() => null);
      const listed = client ? await settleStopped(r, { client, spool: deps.spool, onWait: () => undefined }).catch(() => false) : false;
      if (listed) await files.finish(r, 'unattributed').catch(() => undefined);
    }
    return false;
  }

  /** A generate stopped with requests possibly under way: what the store made for them cannot be tied to it. */
  function noteCutOff(r: JobRecord) {
    if (r.kind !== 'generate' || r.generate?.baselineTotal == null) return; // nothing sent yet
    r.generate = normalizeGenerate(r.generate);
    r.generate.cutOff += 1;
  }

  async function jobFor(id: string): Promise<JobRecord> {
    await load();
    const r = jobs.get(id);
    if (!r || r.hidden) throw new ApiError('not-found', 'That job no longer exists.');
    return r;
  }

  return {
    load,

    async start(request: JobRequest, promotionName: string | null = null): Promise<string> {
      await load();
      const id = newId();
      const t = now();
      const { csvText, ...rest } = request as JobRequest & { csvText?: string };
      // Checked and claimed with no await in between: two tabs asking at once cannot both pass.
      refuseIfLocked({ id, kind: request.kind, storeHash: request.storeHash, promotionId: request.promotionId });
      const list = request.kind === 'purge' && request.mode === 'list' ? intakePurgeList(csvText ?? '') : null;
      const r: JobRecord = {
        id,
        kind: request.kind,
        storeHash: request.storeHash,
        promotionId: request.promotionId,
        promotionName,
        request:
          request.kind === 'purge'
            ? { ...(rest as Omit<typeof request, 'csvText'>), listSize: list?.codes.length, skippedLines: list?.skippedLines }
            : (request as JobRecord['request']),
        status: 'queued',
        done: 0,
        total: null,
        error: null,
        files: [],
        createdAt: t,
        updatedAt: t,
        finishedAt: null,
      };
      jobs.set(id, r);
      try {
        if (list) await list.write(deps.spool, purgeSpools(id).input);
        await persist(r);
      } catch (e) {
        jobs.delete(id);
        await deps.spool.clear(purgeSpools(id).input).catch(() => undefined);
        throw e;
      }
      launch(r);
      return id;
    },

    async control(id: string, action: ControlAction): Promise<void> {
      const r = await jobFor(id);
      const a = active.get(id);
      switch (action) {
        case 'pause':
          if (!a) throw invalid('Only a running job can be paused.');
          a.controller.abort(PAUSE);
          await a.done;
          return;
        case 'resume':
          if (!isResumable(r.status) || a) throw invalid('This job cannot be resumed.');
          refuseIfLocked(r);
          r.finishedAt = null;
          launch(r);
          return;
        case 'rescan':
          // A plan gone stale (or a merchant who wants a fresh count): find the codes again.
          if (r.status !== 'awaiting-confirmation' || !r.purge || r.purge.confirmed) throw invalid('Only a purge waiting for confirmation can look for its codes again.');
          for (const ns of [purgeSpools(id).scan, purgeSpools(id).targets]) await deps.spool.clear(ns);
          r.purge = emptyPurge();
          r.files = r.files.filter((f) => f.kind !== 'purge-backup');
          r.done = 0;
          r.total = null;
          launch(r);
          return;
        case 'cancel':
          if (a) {
            a.controller.abort(CANCEL);
            await a.done;
          } else if (isUnfinished(r.status)) {
            r.status = 'cancelled';
            r.finishedAt = now();
            await persist(r);
          }
          return;
      }
    },

    /**
     * The merchant typed the word: delete. Only for the promotion the confirmation was shown
     * for, on a plan made in the last PLAN_FRESH_MS, with its backup on disk.
     */
    async confirmPurge(id: string, shownFor: { storeHash: string; promotionId: number }): Promise<void> {
      const r = await jobFor(id);
      if (r.storeHash !== shownFor.storeHash || r.promotionId !== shownFor.promotionId)
        throw invalid('This confirmation was given for another promotion than the purge’s. Nothing was deleted.');
      if (r.status !== 'awaiting-confirmation' || !r.purge || !r.purge.planned) throw invalid('This purge is not waiting for confirmation.');
      const age = now() - (r.purge.plannedAt ?? 0);
      if (age > PLAN_FRESH_MS)
        throw new ApiError(
          'stale',
          `The codes to delete were found ${Math.round(age / 60_000)} minutes ago; some may have been used since. Nothing was deleted: look for them again (“Find the codes again”), then confirm.`,
        );
      if (r.purge.targetCount) {
        const backup = files.fileOf(r, 'purge-backup');
        if (!backup?.saved || backup.saved.state !== 'saved' || !(await files.stillOnDisk(r, backup)))
          throw new ApiError(
            'no-backup',
            backup?.saved?.state === 'saving'
              ? 'The backup file is still being saved. Nothing was deleted: confirm again once it is saved.'
              : `The backup file is not on disk${backup?.saved?.error ? ` (${backup.saved.error})` : ''}. Nothing was deleted: save the backup again, then confirm.`,
          );
      }
      r.purge.confirmed = true;
      launch(r);
    },

    /** "Download again", "Save the backup again". */
    async download(id: string, kind: FileKind): Promise<void> {
      await load();
      // Also a job taken off the lists: its kept files can still be downloaded (settings page).
      const r = jobs.get(id);
      const file = r && files.fileOf(r, kind);
      if (!r || !file) throw new ApiError('not-found', 'That job has no such file.');
      await files.save(r, file);
      if (file.saved?.state === 'failed') throw new ApiError('invalid', file.saved.error ?? 'The file was not saved.');
    },
    /** The browser's downloads reported on a download. */
    async downloadChanged(downloadId: number, change: DownloadChange): Promise<void> {
      await load();
      await files.changed(downloadId, change);
    },

    /**
     * After the worker or the browser restarted: carry on jobs that were running.
     * `autoResume` false leaves creating and deleting jobs for the merchant to resume
     * (a browser restart can come hours later); reading jobs always carry on.
     */
    async recover(autoResume: boolean): Promise<void> {
      await load();
      for (const r of jobs.values()) {
        if (active.has(r.id) || !['running', 'queued'].includes(r.status)) continue;
        noteCutOff(r);
        if (autoResume || r.kind === 'export') launch(r);
        else {
          r.status = 'interrupted';
          await persist(r);
        }
      }
      await files.recheck();
    },

    /**
     * "Remove from list". A purge whose backup must be kept leaves the lists but stays for its
     * file until then (the settings page lists it); anything else goes with its files.
     */
    async remove(id: string): Promise<{ keptUntil: number | null }> {
      const r = await jobFor(id);
      if (active.has(id)) throw invalid('Cancel the job before removing it.');
      const kept = r.files.filter((f) => isProtected(r, f, now()));
      if (kept.length === 0) {
        await drop(r);
        return { keptUntil: null };
      }
      for (const f of r.files) if (!kept.includes(f)) await files.remove(r, f.kind, true);
      r.hidden = true;
      await persist(r);
      changed();
      return { keptUntil: Math.max(...kept.map((f) => keptUntil(r, f) ?? 0)) };
    },

    async list(): Promise<JobView[]> {
      await load();
      return views();
    },

    /** Any job, including one taken off the lists and kept for its files. */
    get(id: string): JobRecord | undefined {
      return jobs.get(id);
    },

    async keptFiles(): Promise<KeptFileView[]> {
      await load();
      return files.list();
    },

    /** Removes a kept file; a protected backup only when the merchant confirmed it by name. */
    async removeFile(jobId: string, kind: FileKind, confirmed: boolean): Promise<void> {
      await load();
      const r = jobs.get(jobId);
      const file = r && files.fileOf(r, kind);
      if (!r || !file) throw new ApiError('not-found', 'That file is no longer kept.');
      if (active.has(jobId)) throw invalid('This file belongs to a job that is still running: wait for it to end.');
      if (isProtected(r, file, now()) && !confirmed)
        throw invalid(`${file.filename} is the backup of a purge and is kept for 30 days. Confirm that you want to remove it now.`);
      await files.remove(r, kind, true);
      changed();
    },

    /** Jobs taken off the lists whose kept files reached the end of their time: gone. */
    async expire(): Promise<number> {
      await load();
      const done = expiredHidden(jobs.values(), now());
      for (const r of done) await drop(r);
      return done.length;
    },

    /** A store removed from the extension: its jobs stop, and their records and files go. */
    async removeStore(storeHash: string): Promise<void> {
      await load();
      const mine = [...jobs.values()].filter((r) => r.storeHash === storeHash);
      for (const r of mine) active.get(r.id)?.controller.abort(CANCEL);
      await Promise.allSettled(mine.map((r) => active.get(r.id)?.done));
      for (const r of mine) await drop(r);
      clients.forget(storeHash);
    },

    /** What removing a store would remove. */
    async storeFootprint(storeHash: string): Promise<{ jobs: number; unfinished: number; files: number; bytes: number }> {
      await load();
      const mine = [...jobs.values()].filter((r) => r.storeHash === storeHash);
      const all = mine.flatMap((r) => r.files);
      return {
        jobs: mine.filter((r) => !r.hidden).length,
        unfinished: mine.filter((r) => !r.hidden && isUnfinished(r.status)).length,
        files: all.length,
        bytes: all.reduce((n, f) => n + (f.bytes ?? 0), 0),
      };
    },

    /** True while any job is running: the background keeps the worker awake for it. */
    busy(): boolean {
      return active.size > 0;
    },

    /** Resolves when every running job has stopped (tests, shutdown). */
    async idle(): Promise<void> {
      while (active.size) await Promise.all([...active.values()].map((a) => a.done));
    },

    /** Stops every job as a killed worker would: nothing is saved beyond what already was. */
    async halt(): Promise<void> {
      for (const a of active.values()) {
        a.cut.abort(HALT);
        a.controller.abort(HALT);
      }
      await Promise.allSettled([...active.values()].map((a) => a.done));
    },

    clients,
  };
}

export { messageOf };
