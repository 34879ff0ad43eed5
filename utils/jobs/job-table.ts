/**
 * The table of jobs: records loaded from storage once, written back as they move (progress at
 * most every `saveEveryMs`), and the views the UI is sent, coalesced so that progress ticking
 * many times a second makes one update every 100 ms.
 */
import type { Spool } from '../storage/spool';
import { jobSpools } from './files';
import { toView, type JobRecord, type LiveState } from './record';
import type { JobView } from './types';

export interface RecordStore {
  save(rec: JobRecord): Promise<void>;
  get(id: string): Promise<JobRecord | null>;
  list(): Promise<JobRecord[]>;
  remove(id: string): Promise<void>;
}

export interface JobTableDeps {
  records: RecordStore;
  spool: Spool;
  now(): number;
  saveEveryMs: number;
  onChange?(jobs: JobView[]): void;
  /** Rate, time left and wait of a job, from whoever runs it. */
  live(r: JobRecord): LiveState;
}

export type JobTable = ReturnType<typeof createJobTable>;

export function createJobTable(deps: JobTableDeps) {
  const jobs = new Map<string, JobRecord>();
  const lastSaved = new Map<string, number>();
  let loaded: Promise<void> | null = null;
  let notifyTimer: ReturnType<typeof setTimeout> | null = null;

  function views(): JobView[] {
    return [...jobs.values()]
      .filter((r) => !r.hidden)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((r) => toView(r, deps.live(r)));
  }

  function changed() {
    if (!deps.onChange || notifyTimer) return;
    notifyTimer = setTimeout(() => {
      notifyTimer = null;
      deps.onChange?.(views());
    }, 100);
  }

  return {
    jobs,
    views,
    changed,

    load(): Promise<void> {
      loaded ??= deps.records.list().then((all) => {
        for (const r of all) if (!jobs.has(r.id)) jobs.set(r.id, r);
      });
      return loaded;
    },

    /** Writes the record (a progress write, `force` false, at most every saveEveryMs). */
    async persist(r: JobRecord, force = true): Promise<void> {
      r.updatedAt = deps.now();
      changed();
      if (!force && deps.now() - (lastSaved.get(r.id) ?? 0) < deps.saveEveryMs) return;
      lastSaved.set(r.id, deps.now());
      await deps.records.save(r);
    },

    /** Removes a job's record and every spool it owns. */
    async drop(r: JobRecord): Promise<void> {
      for (const ns of jobSpools(r.id)) await deps.spool.clear(ns);
      jobs.delete(r.id);
      lastSaved.delete(r.id);
      await deps.records.remove(r.id);
      changed();
    },
  };
}
