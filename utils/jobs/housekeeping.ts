/**
 * Housekeeping of the job table: kept files listed and removed, jobs and spools whose time is
 * over cleared at start-up, and everything of a store removed from the extension.
 */
import { ApiError } from '../api/errors';
import type { StoreClients } from '../api/store-clients';
import type { Spool } from '../storage/spool';
import type { FileKeeper } from './file-keeper';
import type { ImportDrafts } from './import-drafts';
import { CANCEL, type JobRunner } from './job-runner';
import type { JobTable } from './job-table';
import { expiredHidden, footprintOf, isProtected, type StoreFootprint } from './kept-files';
import type { FileKind, KeptFileView } from './types';
import { said } from '../vocabulary';

export interface HousekeepingDeps {
  table: JobTable;
  files: FileKeeper;
  runner: JobRunner;
  spool: Spool;
  drafts: ImportDrafts;
  clients: StoreClients;
  now(): number;
}

export function createHousekeeping(deps: HousekeepingDeps) {
  const { table, files, runner, now } = deps;
  const { jobs, load, drop, changed } = table;
  return {
    async keptFiles(): Promise<KeptFileView[]> {
      await load();
      return files.list();
    },

    /** Removes a kept file; a protected backup only when the merchant confirmed it by name. */
    async removeFile(jobId: string, kind: FileKind, confirmed: boolean): Promise<void> {
      await load();
      const r = jobs.get(jobId);
      const file = r && files.fileOf(r, kind);
      if (!r || !file) throw new ApiError('not-found', said('errors.fileGone'));
      if (runner.isActive(jobId)) throw new ApiError('invalid', said('errors.fileJobRunning'));
      if (isProtected(r, file, now()) && !confirmed)
        throw new ApiError('invalid', said('errors.fileProtected', [file.filename]));
      await files.remove(r, kind, true);
      changed();
    },

    /**
     * Housekeeping at start-up: jobs taken off the lists whose kept files reached the end of
     * their time go, and so do spools no job owns any more (a worker stopped mid-removal).
     */
    async expire(): Promise<number> {
      await load();
      const done = expiredHidden(jobs.values(), now());
      for (const r of done) await drop(r);
      // Spools no job owns: a worker stopped mid-removal, an import's file never started.
      for (const ns of await deps.spool.jobIds())
        if (!jobs.has(ns.split(':')[0]!) && !(await deps.drafts.held(ns.split(':')[0]!)))
          await deps.spool.clear(ns);
      return done.length;
    },

    /** A store removed from the extension: its jobs stop, and their records and files go. */
    async removeStore(storeHash: string): Promise<void> {
      await load();
      const mine = [...jobs.values()].filter((r) => r.storeHash === storeHash);
      await Promise.allSettled(mine.map((r) => runner.abort(r.id, CANCEL)));
      for (const r of mine) await drop(r);
      deps.clients.forget(storeHash);
    },

    /** What removing a store would remove. */
    async storeFootprint(storeHash: string): Promise<StoreFootprint> {
      await load();
      return footprintOf(jobs.values(), storeHash);
    },
  };
}
