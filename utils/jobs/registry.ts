/**
 * The job registry: the table of jobs (persisted records), their lifecycle (start, pause,
 * resume, cancel, confirm, recover after a restart, remove) and the rules that guard it: one
 * writing job per promotion, no deletion before the backup is on disk, no deletion on a stale
 * plan. It puts together the table of records (job-table.ts), what runs them (job-runner.ts,
 * run-kind.ts) and their files (file-keeper.ts).
 */
import { ApiError } from '../api/errors';
import { createStoreClients, type StoreClients } from '../api/store-clients';
import type { ControlAction } from '../messages/views';
import type { GovernorOptions } from '../rate';
import type { Spool } from '../storage/spool';
import { createFileKeeper, type DownloadChange, type Downloads } from './file-keeper';
import { createJobRunner, CANCEL, PAUSE, type JobRunner } from './job-runner';
import { createJobTable, type RecordStore } from './job-table';
import { isProtected, keptUntil } from './kept-files';
import { emptyPurge, purgeSpools } from './purge';
import { createHousekeeping } from './housekeeping';
import { createImportDrafts } from './import-drafts';
import { intakeRequest } from './intake';
import { newRecord, type JobRecord } from './record';
import type { FileKind, JobFile, JobRequest, JobView } from './types';
import { carriesOnByItself, refuseStalePlan, refuseStaleResume, takeUp } from './purge-guards';
import { isResumable, isUnfinished } from '../vocabulary';

export type { RecordStore } from './job-table';

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

export type JobRegistry = ReturnType<typeof createRegistry>;

const invalid = (message: string) => new ApiError('invalid', message);

export function createRegistry(deps: RegistryDeps) {
  const now = deps.now ?? Date.now;
  const newId =
    deps.newId ?? (() => `${now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`);
  const clients =
    deps.clients ??
    createStoreClients({
      tokenFor: deps.tokenFor ?? (async () => null),
      fetch: deps.fetch,
      apiOrigin: deps.apiOrigin,
      governor: deps.governor,
    });
  const runner: JobRunner = createJobRunner({
    table: () => table,
    files: () => files,
    clients,
    spool: deps.spool,
    now,
    workers: { list: 10, generate: 10, delete: 40, ...deps.workers },
  });
  const table = createJobTable({
    records: deps.records,
    spool: deps.spool,
    now,
    saveEveryMs: deps.saveEveryMs ?? 1000,
    onChange: deps.onChange,
    live: (r) => runner.live(r),
  });
  const { jobs, load, persist, changed, drop } = table;
  const files = createFileKeeper({
    spool: deps.spool,
    now,
    records: () => jobs.values(),
    persist: (r) => persist(r),
    drop,
    downloads: deps.downloads,
    onFileReady: deps.onFileReady,
  });
  const { launch, refuseIfLocked } = runner;
  const drafts = createImportDrafts(deps.spool, newId, now);

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
      // An import's codes already wait in the spool under its draft's id: the job takes that id.
      const id = request.kind === 'import' ? request.draftId : newId();
      if (request.kind === 'import') await drafts.recall(id);
      // Checked and claimed with no await in between: two tabs asking at once cannot both pass.
      refuseIfLocked({
        id,
        kind: request.kind,
        storeHash: request.storeHash,
        promotionId: request.promotionId,
      });
      const { list, extra } = intakeRequest(request, {
        hasJob: (jobId) => jobs.has(jobId),
        drafts,
      });
      const r = newRecord(id, request, promotionName, now(), extra);
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
      const running = runner.isActive(id);
      switch (action) {
        case 'pause':
          if (!(await runner.stop(id, PAUSE))) throw invalid('Only a running job can be paused.');
          return;
        case 'resume':
          if (!isResumable(r.status) || running) throw invalid('This job cannot be resumed.');
          refuseIfLocked(r);
          refuseStaleResume(r, now());
          takeUp(r, now());
          r.finishedAt = null;
          launch(r);
          return;
        case 'rescan':
          // A plan gone stale (or a merchant who wants a fresh count): find the codes again.
          if (r.status !== 'awaiting-confirmation' || !r.purge || r.purge.confirmed)
            throw invalid('Only a purge waiting for confirmation can look for its codes again.');
          for (const ns of [purgeSpools(id).scan, purgeSpools(id).targets])
            await deps.spool.clear(ns);
          r.purge = emptyPurge();
          r.files = r.files.filter((f) => f.kind !== 'purge-backup');
          r.done = 0;
          r.total = null;
          launch(r);
          return;
        case 'cancel':
          if (await runner.stop(id, CANCEL)) return;
          // Paused or cut off by a restart: its files were not made when it stopped.
          if (r.status === 'paused' || r.status === 'interrupted') await runner.cancelStopped(r);
          else if (isUnfinished(r.status)) {
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
    async confirmPurge(
      id: string,
      shownFor: { storeHash: string; promotionId: number },
    ): Promise<void> {
      const r = await jobFor(id);
      if (r.storeHash !== shownFor.storeHash || r.promotionId !== shownFor.promotionId)
        throw invalid(
          'This confirmation was given for another promotion than the purge’s. Nothing was deleted.',
        );
      const plan = r.purge;
      if (r.status !== 'awaiting-confirmation' || !plan || !plan.planned)
        throw invalid('This purge is not waiting for confirmation.');
      refuseStalePlan(r, now());
      if (plan.targetCount) {
        const backup = files.fileOf(r, 'purge-backup');
        if (
          !backup?.saved ||
          backup.saved.state !== 'saved' ||
          !(await files.stillOnDisk(r, backup))
        )
          throw new ApiError(
            'no-backup',
            backup?.saved?.state === 'saving'
              ? 'The backup file is still being saved. Nothing was deleted: confirm again once it is saved.'
              : `The backup file is not on disk${backup?.saved?.error ? ` (${backup.saved.error})` : ''}. Nothing was deleted: save the backup again, then confirm.`,
          );
      }
      // The backup check waited on the browser: a Cancel or "Find the codes again" meanwhile wins.
      if (r.purge !== plan || r.status !== 'awaiting-confirmation' || runner.isActive(id))
        throw invalid(
          'The purge changed while its backup was being checked (cancelled, or its codes looked for again). Nothing was deleted.',
        );
      plan.confirmed = true;
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
      if (file.saved?.state === 'failed')
        throw new ApiError('invalid', file.saved.error ?? 'The file was not saved.');
    },
    /** The browser's downloads reported on a download. */
    async downloadChanged(downloadId: number, change: DownloadChange): Promise<void> {
      await load();
      await files.changed(downloadId, change);
    },

    /**
     * After the worker or the browser restarted: carry on jobs that were running. Reading jobs
     * always carry on. Creating and deleting ones carry on by themselves only after a worker
     * restart (`autoResume`) moments after their last write, under Resume's own rules
     * (carriesOnByItself); otherwise they wait for the merchant's Resume, whatever the reason
     * for the stop (a browser restart, a laptop that slept, a worker that could not write).
     */
    async recover(autoResume: boolean): Promise<void> {
      await load();
      for (const r of jobs.values()) {
        if (runner.isActive(r.id) || !['running', 'queued'].includes(r.status)) continue;
        runner.noteCutOff(r);
        r.stoppedAt = r.updatedAt; // its last write: about when the worker or browser stopped
        if (r.kind === 'export' || (autoResume && carriesOnByItself(r, now()))) {
          takeUp(r, now());
          launch(r);
        } else {
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
      if (runner.isActive(id)) throw invalid('Cancel the job before removing it.');
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
      return table.views();
    },

    /** Any job, including one taken off the lists and kept for its files (`find`: once the table is read). */
    get: (id: string): JobRecord | undefined => jobs.get(id),
    find: async (id: string): Promise<JobRecord | undefined> => (await load(), jobs.get(id)),

    ...createHousekeeping({ table, files, runner, spool: deps.spool, drafts, clients, now }),

    /** Reads an import's file before anything is sent (the preview); the job then starts from it. */
    drafts,
    busy: runner.busy,
    idle: runner.idle,
    halt: runner.halt,
    clients,
  };
}
