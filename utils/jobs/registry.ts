/**
 * The job registry: the jobs' service for the rest of the background. It puts the parts
 * together in the order they depend on each other (the table of records, their files, their
 * statuses, what runs them, what the pages are sent, what the merchant asks) and answers for
 * them: start, control, confirm, recover after a restart, files, remove, housekeeping.
 */
import { ApiError } from '../api/errors';
import type { StoreClients } from '../api/store-clients';
import type { ControlAction } from '../messages/views';
import type { Spool } from '../storage/spool';
import { createFileKeeper, type DownloadChange, type Downloads } from './file-keeper';
import { createHousekeeping } from './housekeeping';
import { createImportDrafts, type ImportPreview } from './import-drafts';
import { createInTurn } from './in-turn';
import { createJobControls } from './job-controls';
import { createJobRunner } from './job-runner';
import { createJobTable, type RecordStore } from './job-table';
import { createJobViews } from './job-views';
import { isProtected, keptUntil } from './kept-files';
import { kindOf, type JobRequest } from './kinds';
import type { JobKindDef, Workers } from './kinds/define';
import { refuseIfLocked } from './lock';
import type { JobRecord } from './record';
import { canMove, createStatusKeeper, newRecord } from './status';
import type { StopMarks } from './stop-marks';
import type { FileKind, JobView } from './types';
import { isUnfinished, WORKER_GONE_MS } from '../vocabulary';
import { said } from '../vocabulary';

export type { RecordStore } from './job-table';

export interface RegistryDeps {
  records: RecordStore;
  spool: Spool;
  /** Per-store clients and governors, shared with the message handlers. */
  clients: StoreClients;
  /** The browser's downloads: files are saved through it and followed until on disk. */
  downloads: Downloads;
  /** Where jobs' stops are marked apart from their records (stop-marks.ts). */
  stops: StopMarks;
  /** Called (coalesced) whenever a job's view changes. */
  onChange(jobs: JobView[]): void;
  now?: () => number;
  newId?: () => string;
  /** Parallel requests a job keeps going; the store's governor caps them anyway. */
  workers?: Partial<Workers>;
  /** Minimum ms between persisted progress writes. */
  saveEveryMs?: number;
  /** Waits before each new try of a write that must go through (a status, how a job ended). */
  retryWritesMs?: readonly number[];
}

export type JobRegistry = ReturnType<typeof createRegistry>;

/**
 * After a worker restart within the browser session, a job that writes, cut off, carries on by
 * itself only if it stopped moments ago (the watchdog would have woken it sooner otherwise: a
 * laptop that slept, a worker that could not write) and Resume would allow it.
 */
function writerCarriesOn(r: JobRecord, kind: JobKindDef, now: number): boolean {
  if (now - (r.stoppedAt ?? r.updatedAt) > WORKER_GONE_MS) return false;
  try {
    kind.refuseResume?.(r, now);
    return true;
  } catch {
    return false;
  }
}

export function createRegistry(deps: RegistryDeps) {
  const { spool, clients } = deps;
  const now = deps.now ?? Date.now;
  const newId =
    deps.newId ?? (() => `${now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`);
  const table = createJobTable({
    records: deps.records,
    spool,
    now,
    saveEveryMs: deps.saveEveryMs ?? 1000,
    retryWritesMs: deps.retryWritesMs ?? [250, 1_000, 4_000],
  });
  const files = createFileKeeper({ table, spool, now, downloads: deps.downloads });
  const statuses = createStatusKeeper({ table, now, stops: deps.stops });
  const runner = createJobRunner({
    table,
    files,
    statuses,
    clients,
    spool,
    now,
    workers: { list: 10, generate: 10, delete: 40, ...deps.workers },
  });
  const views = createJobViews({ table, runner, onChange: deps.onChange });
  const controls = createJobControls({ table, files, statuses, runner, spool, now });
  const drafts = createImportDrafts(spool, newId, now);
  const inTurn = createInTurn();
  const { jobs, load } = table;
  /** Jobs this worker is starting (recorded, not launched yet): no restart cut them off. */
  const starting = new Set<string>();

  async function jobFor(id: string): Promise<JobRecord> {
    await load();
    const r = jobs.get(id);
    if (!r || r.hidden) throw new ApiError('not-found', said('errors.jobGone'));
    return r;
  }

  return {
    load,

    async start(request: JobRequest, promotionName: string | null = null): Promise<string> {
      await load();
      const kind = kindOf(request.kind);
      const id = kind.idFor?.(request) ?? newId();
      const intakeContext = { jobId: id, hasJob: (jobId: string) => jobs.has(jobId), drafts };
      await kind.ready?.(request, intakeContext);
      // Checked and claimed with no await in between: two tabs asking at once cannot both pass.
      refuseIfLocked(jobs.values(), { id, ...request }, runner.isActive);
      const intake = kind.intake?.(request, intakeContext) ?? { keep: request };
      const r = newRecord(id, intake.keep, promotionName, now());
      jobs.set(id, r);
      starting.add(id);
      try {
        await intake.rows?.write(spool);
        await table.persist(r);
      } catch (e) {
        jobs.delete(id);
        if (intake.rows) await spool.clear(intake.rows.ns).catch(() => undefined);
        throw e;
      } finally {
        starting.delete(id);
      }
      runner.launch(r, { type: 'begin' });
      return id;
    },

    /** Reads an import's file before anything is sent (the preview); the job then starts from it. */
    prepareImport(storeHash: string, promotionId: number, csvText: string): Promise<ImportPreview> {
      const { quota, windowMs } = clients.governorFor(storeHash).snapshot();
      return drafts.prepare(storeHash, promotionId, csvText, { quota, windowMs });
    },

    control(id: string, action: ControlAction): Promise<void> {
      const act = async () => controls.control(await jobFor(id), action);
      // A stop never waits its turn (in-turn.ts): what it overtakes checks again after its waits.
      return action === 'pause' || action === 'cancel' ? act() : inTurn(id, act);
    },

    /** The merchant typed the word (a purge: delete), for the promotion it was shown for. */
    confirmPurge: (id: string, shownFor: { storeHash: string; promotionId: number }) =>
      inTurn(id, async () => controls.confirm(await jobFor(id), shownFor)),

    /** "Download again", "Save the backup again". */
    async download(id: string, kind: FileKind): Promise<void> {
      await load();
      // Also a job taken off the lists: its kept files can still be downloaded (settings page).
      const r = jobs.get(id);
      const file = r && files.fileOf(r, kind);
      if (!r || !file) throw new ApiError('not-found', said('errors.noSuchFile'));
      await files.save(r, file);
      if (file.saved?.state === 'failed')
        throw new ApiError('invalid', file.saved.error ?? said('errors.fileNotSaved'));
    },

    /** The browser's downloads reported on a download. */
    async downloadChanged(downloadId: number, change: DownloadChange): Promise<void> {
      await load();
      await files.changed(downloadId, change);
    },

    /**
     * After the worker or the browser restarted: the jobs it cut off (stored running or
     * queued) are interrupted. None carries on whose stop was marked (stop-marks.ts: the
     * merchant's pause or cancel, an error, that storage may not have recorded). Otherwise
     * reading jobs carry on; creating and deleting ones carry on by themselves only after a
     * worker restart (`autoResume`) moments after their last write, under Resume's own rules,
     * and else wait for the merchant's Resume, whatever the reason for the stop (a browser
     * restart, a laptop that slept, a worker that could not write).
     */
    async recover(autoResume: boolean): Promise<void> {
      await load();
      for (const r of jobs.values()) {
        const cutOff = !runner.isActive(r.id) && !starting.has(r.id);
        if (!cutOff || !canMove(r.status, 'interrupt')) continue;
        const kind = kindOf(r.kind);
        kind.cutOff?.(r);
        await statuses.transition(r, { type: 'interrupt' });
        if (kind.writes && !(autoResume && writerCarriesOn(r, kind, now()))) continue;
        if (await statuses.stopMarked(r)) continue;
        // Asked again after the waits: a person's Resume or Cancel meanwhile has the last word.
        // (and a job removed from the lists meanwhile is never taken up where no one can stop it).
        if (r.status !== 'interrupted' || runner.isActive(r.id) || !table.listed(r)) continue;
        kind.takeUp?.(r, now());
        runner.launch(r, { type: 'resume' });
      }
      await files.recheck();
    },

    /**
     * "Remove from list". A job whose file must be kept leaves the lists but stays for its
     * file until then (the settings page lists it); anything else goes with its files.
     */
    remove: (id: string): Promise<{ keptUntil: number | null }> =>
      // In turn: a confirmation or a Resume never takes up a job half removed.
      inTurn(id, async () => {
        const r = await jobFor(id);
        // Only a job that is over: one that may still run (paused, interrupted, waiting) would,
        // once off the lists, be out of reach of Pause and Cancel.
        if (runner.isActive(id) || isUnfinished(r.status))
          throw new ApiError('invalid', said('errors.cancelFirst'));
        const kept = r.files.filter((f) => isProtected(r, f, now()));
        if (kept.length === 0) {
          await table.drop(r);
          return { keptUntil: null };
        }
        for (const f of r.files) if (!kept.includes(f)) await files.remove(r, f.kind, true);
        r.hidden = true;
        await table.persist(r);
        return { keptUntil: Math.max(...kept.map((f) => keptUntil(r, f) ?? 0)) };
      }),

    async list(): Promise<JobView[]> {
      await load();
      return views.views();
    },

    /** Any job, including one taken off the lists and kept for its files. */
    find: async (id: string): Promise<JobRecord | undefined> => (await load(), jobs.get(id)),

    ...createHousekeeping({ table, files, runner, spool, drafts, clients, now }),

    /** True while a job runs or winds down, or a write is tried again: the worker stays awake. */
    busy: runner.busy,
  };
}
