/**
 * Files kept in the extension (their rows in the spool) and how long. A file its kind keeps (a
 * purge's backup, once the purge has started deleting; a deleted code's one-line backup) stays
 * at least until then whatever happens to the job card; removing one sooner asks first. Pure:
 * the registry applies what this decides.
 */
import { kindOf } from './kinds';
import type { JobRecord } from './record';
import type { JobFile, KeptFileView } from './types';
import { isUnfinished } from '../vocabulary';

/** Until when a file is protected (null: it is not). */
export function keptUntil(r: JobRecord, f: JobFile): number | null {
  return kindOf(r.kind).keptUntil?.(r, f.kind, f.createdAt ?? r.createdAt) ?? null;
}

export function isProtected(r: JobRecord, f: JobFile, now: number): boolean {
  const until = keptUntil(r, f);
  return until !== null && now < until;
}

export function keptFiles(records: Iterable<JobRecord>, now: number): KeptFileView[] {
  const out: KeptFileView[] = [];
  for (const r of records)
    for (const f of r.files) {
      const until = keptUntil(r, f);
      out.push({
        jobId: r.id,
        jobKind: r.kind,
        kind: f.kind,
        filename: f.filename,
        rows: f.rows,
        bytes: f.bytes ?? null,
        storeHash: r.storeHash,
        promotionId: r.promotionId,
        promotionName: r.promotionName,
        createdAt: f.createdAt ?? r.createdAt,
        keepUntil: until !== null && now < until ? until : null,
        listed: !r.hidden,
      });
    }
  return out.sort((a, b) => b.createdAt - a.createdAt);
}

/** Jobs taken off the lists whose kept files have all come to the end of their time. */
export function expiredHidden(records: Iterable<JobRecord>, now: number): JobRecord[] {
  return [...records].filter((r) => r.hidden && !r.files.some((f) => isProtected(r, f, now)));
}

/** What removing a store would take with it: its jobs (listed, and still unfinished) and kept files. */
export interface StoreFootprint {
  jobs: number;
  unfinished: number;
  files: number;
  bytes: number;
}

export function footprintOf(records: Iterable<JobRecord>, storeHash: string): StoreFootprint {
  const mine = [...records].filter((r) => r.storeHash === storeHash);
  const all = mine.flatMap((r) => r.files);
  return {
    jobs: mine.filter((r) => !r.hidden).length,
    unfinished: mine.filter((r) => !r.hidden && isUnfinished(r.status)).length,
    files: all.length,
    bytes: all.reduce((n, f) => n + (f.bytes ?? 0), 0),
  };
}
