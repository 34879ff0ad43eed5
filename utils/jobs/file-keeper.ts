/**
 * A job's files: made when their rows are complete, handed to the browser's downloads, and
 * followed until the browser says they are on disk (a purge deletes nothing before its backup
 * is; a job that needs a file on disk waits for the browser's word). Also the files kept in
 * the extension, listed and removed from the settings page.
 */
import { csvFilename } from '../csv/filename';
import type { Spool } from '../storage/spool';
import { fileRowCount, fileSource } from './files';
import type { JobTable } from './job-table';
import { isProtected, keptFiles } from './kept-files';
import type { JobRecord } from './record';
import { downloadError, downloadRefused, FORGOTTEN, NOT_ON_DISK, notSaved } from './save-text';
import type { FileKind, FileSave, JobFile, KeptFileView } from './types';
import { said, type ErrorWords } from '../vocabulary';

/** How long a job waits for a file it needs on disk before going on. */
const FILE_WAIT_MS = 10 * 60_000;

/** What the browser's downloads did with a file. */
export interface DownloadChange {
  state?: 'in_progress' | 'complete' | 'interrupted';
  error?: string;
  /** Chrome and Firefox say whether a completed download's file is still there. */
  exists?: boolean;
  /** Where the browser saved it (full path), once it says. */
  path?: string;
}

export interface Downloads {
  /** Builds the CSV and starts its download; the download's id and the file's size. */
  save(job: JobRecord, file: JobFile): Promise<{ downloadId: number; bytes: number | null }>;
  /**
   * The browser's record of a download now; null when it has none, or, given the file's name,
   * when the download with that id is another file (Firefox numbers downloads afresh in each
   * session).
   */
  state(downloadId: number, filename?: string): Promise<DownloadChange | null>;
}

export interface FileKeeperDeps {
  spool: Spool;
  now(): number;
  table: JobTable;
  downloads: Downloads;
}

export type FileKeeper = ReturnType<typeof createFileKeeper>;

export function createFileKeeper(core: FileKeeperDeps) {
  const { table, downloads } = core;
  // A change can arrive before downloads.download() has told us the id: kept until it does.
  const early = new Map<number, DownloadChange>();
  /** Who waits for a file to be saved or to fail (onDisk). */
  const waiting = new Map<JobFile, Set<() => void>>();
  /** Files this worker is handing to the downloads (the CSV still being built): not stopped early. */
  const handing = new Set<JobFile>();

  /** Records how the save went, and wakes whoever waits for it to end. */
  function setSaved(file: JobFile, saved: FileSave): void {
    file.saved = saved;
    if (saved.state === 'saving') return;
    for (const wake of waiting.get(file) ?? []) wake();
    waiting.delete(file);
  }

  function apply(file: JobFile, change: DownloadChange): boolean {
    const saved = file.saved;
    if (!saved) return false;
    const at = core.now();
    if (change.state === 'complete')
      setSaved(file, {
        ...saved,
        state: change.exists === false ? 'failed' : 'saved',
        error: change.exists === false ? NOT_ON_DISK : null,
        at,
        ...(change.path ? { path: change.path } : {}),
      });
    else if (change.state === 'interrupted')
      setSaved(file, { ...saved, state: 'failed', error: downloadError(change.error), at });
    else return false;
    return true;
  }

  /** Until the file's save ends (saved or failed): false when FILE_WAIT_MS went by first. */
  function saveEnded(file: JobFile, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (file.saved?.state !== 'saving') return Promise.resolve(true);
    return new Promise((resolve, reject) => {
      const wakers = waiting.get(file) ?? new Set<() => void>();
      waiting.set(file, wakers);
      const end = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', stop);
        wakers.delete(wake);
      };
      const wake = () => (end(), resolve(true));
      const stop = () => (end(), reject(signal.reason));
      const timer = setTimeout(() => (end(), resolve(false)), FILE_WAIT_MS);
      wakers.add(wake);
      signal.addEventListener('abort', stop, { once: true });
    });
  }

  /**
   * Where a download just completed was saved: later, the browser's record under that id must
   * name the same file (Firefox numbers downloads afresh in each session).
   */
  async function notePath(file: JobFile): Promise<void> {
    const saved = file.saved;
    if (saved?.state !== 'saved' || saved.path || saved.downloadId === null) return;
    const item = await downloads.state(saved.downloadId).catch(() => null);
    if (item?.path && file.saved === saved) file.saved = { ...saved, path: item.path };
  }

  /** Hands a file to the downloads and records the outcome; never throws. */
  async function save(r: JobRecord, file: JobFile): Promise<void> {
    handing.add(file);
    try {
      await handOver(r, file);
    } finally {
      handing.delete(file);
    }
  }

  async function handOver(r: JobRecord, file: JobFile): Promise<void> {
    setSaved(file, { state: 'saving', downloadId: null, error: null, at: core.now() });
    await table.persist(r).catch(() => undefined);
    try {
      const { downloadId, bytes } = await downloads.save(r, file);
      setSaved(file, { state: 'saving', downloadId, error: null, at: core.now() });
      if (bytes !== null) file.bytes = bytes;
      const change = early.get(downloadId);
      early.delete(downloadId);
      if (change && apply(file, change)) await notePath(file);
    } catch (e) {
      setSaved(file, {
        state: 'failed',
        downloadId: null,
        error: downloadRefused(e),
        at: core.now(),
      });
    }
    await table.persist(r).catch(() => undefined);
  }

  function fileOf(r: JobRecord, kind: FileKind): JobFile | undefined {
    return r.files.find((f) => f.kind === kind);
  }

  /** The file's rows are complete: record it and start saving it (not awaited). */
  async function finish(r: JobRecord, kind: FileKind): Promise<JobFile> {
    const source = fileSource(r, kind);
    const file: JobFile = {
      kind,
      rows: await fileRowCount(core.spool, source),
      filename: csvFilename({
        storeHash: r.storeHash,
        promotionId: r.promotionId,
        promotionName: r.promotionName,
        kind: source.kind,
        at: new Date(core.now()),
      }),
      createdAt: core.now(),
      bytes: null,
    };
    r.files = [...r.files.filter((f) => f.kind !== kind), file];
    file.saved = { state: 'saving', downloadId: null, error: null, at: core.now() };
    handing.add(file);
    try {
      await table.persist(r);
    } catch (e) {
      handing.delete(file);
      throw e;
    }
    void save(r, file);
    return file;
  }

  /**
   * Whether a saved file is still on disk, asked again just before it is relied on. Only the
   * browser can say so: a download it no longer knows (its list cleared, an id from before a
   * restart that now names another file) counts as not saved; the extension's own copy (the
   * spool) can be saved again.
   */
  async function stillOnDisk(r: JobRecord, file: JobFile): Promise<boolean> {
    if (file.saved?.state !== 'saved') return false;
    if (file.saved.downloadId === null) return true;
    // By id, then by where it was saved: a name typed in a "Save as" dialog is the file's own.
    const now = await downloads.state(file.saved.downloadId).catch(() => null);
    const known = now !== null && (!file.saved.path || !now.path || now.path === file.saved.path);
    if (known && now.state === 'complete' && now.exists !== false) return true;
    setSaved(file, {
      ...file.saved,
      state: 'failed',
      error: known ? NOT_ON_DISK : FORGOTTEN,
      at: core.now(),
    });
    await table.persist(r);
    return false;
  }

  return {
    fileOf,
    finish,
    stillOnDisk,

    /**
     * Makes a file (again, if an earlier save failed) and waits for the browser to say it is on
     * disk: null then, or why not. A "Save as" dialog may keep it waiting; not past FILE_WAIT_MS.
     */
    async onDisk(r: JobRecord, kind: FileKind, signal: AbortSignal): Promise<ErrorWords | null> {
      let file = fileOf(r, kind);
      if (!file || file.saved?.state === 'failed') file = await finish(r, kind);
      if (!(await saveEnded(file, signal))) return said('fileSave.tooSlow');
      const state = file.saved?.state;
      if (state === 'saved')
        return (await stillOnDisk(r, file)) ? null : (file.saved?.error ?? NOT_ON_DISK);
      if (state === 'failed') return file.saved?.error ?? said('errors.fileNotSaved');
      return said('fileSave.notHanded');
    },

    /** "Download again" / "Save the backup again". */
    save,

    /** The browser reported on a download: true if it was one of ours. */
    async changed(downloadId: number, change: DownloadChange): Promise<boolean> {
      // Only a file still being saved: a finished one's id may since belong to another
      // download (Firefox reuses ids after a restart), which must not mark it saved.
      for (const r of table.jobs.values())
        for (const f of r.files)
          if (f.saved?.downloadId === downloadId && f.saved.state === 'saving') {
            if (apply(f, change)) {
              await notePath(f);
              // Tried again if it fails (a disk full for a moment); memory keeps it meanwhile,
              // and a restart's recheck asks the browser again. The event's sender awaits no one.
              await table.persistSurely(r).catch(() => undefined);
            }
            return true;
          }
      if (change.state === 'complete' || change.state === 'interrupted') {
        early.set(downloadId, change);
        // Every download of the browser passes here: only the latest few can be ours on the way.
        if (early.size > 50) early.delete(early.keys().next().value!);
      }
      return false;
    },

    /**
     * After a restart: downloads that were under way may have ended while no one listened. Also
     * run by the watchdog in a live worker: a file it is still handing over is left alone.
     */
    async recheck(): Promise<void> {
      for (const r of table.jobs.values())
        for (const f of r.files) {
          if (f.saved?.state !== 'saving' || handing.has(f)) continue;
          const change =
            f.saved.downloadId === null
              ? null
              : await downloads.state(f.saved.downloadId, f.filename).catch(() => null);
          if (change === null)
            setSaved(f, {
              ...f.saved,
              state: 'failed',
              error: notSaved(said('fileSave.stoppedEarly')),
              at: core.now(),
            });
          else if (!apply(f, change)) continue;
          // Tried again if the disk refuses; still refused, recovery goes on for the other
          // jobs (the file's state is written with the job's next write).
          await table.persistSurely(r).catch(() => undefined);
        }
    },

    list(): KeptFileView[] {
      return keptFiles(table.jobs.values(), core.now());
    },

    /** Removes one kept file; a protected one only with `confirmed` (the merchant was asked). */
    async remove(r: JobRecord, kind: FileKind, confirmed: boolean): Promise<void> {
      const file = fileOf(r, kind);
      if (!file) return;
      if (isProtected(r, file, core.now()) && !confirmed) throw new Error('protected');
      await core.spool.clear(fileSource(r, kind).ns);
      r.files = r.files.filter((f) => f !== file);
      if (r.hidden && r.files.length === 0) await table.drop(r);
      else await table.persist(r);
    },
  };
}
