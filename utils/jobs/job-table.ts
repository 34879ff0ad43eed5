/**
 * The table of jobs: records loaded from storage once and written back as they move (progress
 * at most every `saveEveryMs`; a write that must go through is tried again a few times). It
 * tells whoever listens that a job changed (job-views.ts sends the pages their views).
 */
import type { Spool } from '../storage/spool';
import type { JobRecord } from './record';

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
  /** Waits before each new try of a write that must go through. */
  retryWritesMs: readonly number[];
}

export type JobTable = ReturnType<typeof createJobTable>;

export function createJobTable(deps: JobTableDeps) {
  const jobs = new Map<string, JobRecord>();
  const lastSaved = new Map<string, number>();
  const listeners = new Set<() => void>();
  /** Writes being tried again: the worker stays awake for them. */
  const retrying = new Set<Promise<void>>();
  let loaded: Promise<void> | null = null;

  const changed = () => {
    for (const listener of listeners) listener();
  };

  /** Writes the record (a progress write, `force` false, at most every saveEveryMs). */
  async function persist(r: JobRecord, force = true): Promise<void> {
    r.updatedAt = deps.now();
    changed();
    if (!force && deps.now() - (lastSaved.get(r.id) ?? 0) < deps.saveEveryMs) return;
    lastSaved.set(r.id, deps.now());
    await deps.records.save(r);
  }

  return {
    jobs,
    changed,
    persist,

    /** Still this table's and on the lists (not dropped, not put away for its kept file). */
    listed: (r: JobRecord): boolean => jobs.get(r.id) === r && !r.hidden,

    /** Calls `listener` whenever a job changes (its record, or what is said of it live). */
    onChanged(listener: () => void): void {
      listeners.add(listener);
    },

    load(): Promise<void> {
      loaded ??= deps.records.list().then((all) => {
        for (const r of all) if (!jobs.has(r.id)) jobs.set(r.id, r);
      });
      return loaded;
    },

    /**
     * Writes the record, and if that fails (a disk full for a moment) tries again a few times,
     * each time as the record is then; rejects with the last failure.
     */
    async persistSurely(r: JobRecord): Promise<void> {
      try {
        return await persist(r);
      } catch (first) {
        let failure: unknown = first;
        const retries = (async () => {
          for (const waitMs of deps.retryWritesMs) {
            await new Promise((resolve) => setTimeout(resolve, waitMs));
            try {
              return await persist(r);
            } catch (e) {
              failure = e;
            }
          }
          throw failure;
        })();
        retrying.add(retries);
        try {
          await retries;
        } finally {
          retrying.delete(retries);
        }
      }
    },

    /** True while a write is being tried again. */
    busy: (): boolean => retrying.size > 0,

    /** Removes a job's record and every spool it owns (its id, and `${id}:…`). */
    async drop(r: JobRecord): Promise<void> {
      for (const ns of await deps.spool.jobIds())
        if (ns === r.id || ns.startsWith(`${r.id}:`)) await deps.spool.clear(ns);
      jobs.delete(r.id);
      lastSaved.delete(r.id);
      await deps.records.remove(r.id);
      changed();
    },
  };
}
