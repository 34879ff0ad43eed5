/**
 * A job's files: made when their rows are complete, handed to the browser's downloads, and
 * followed until the browser says they are on disk (a purge deletes nothing before its backup
 * is). Also the files kept in the extension, listed and removed from the settings page.
 */
import { csvFilename } from '../csv/filename';
import type { Spool } from '../storage/spool';
import { fileRowCount, fileSource } from './files';
import { isProtected, keptFiles } from './kept-files';
import type { JobRecord } from './record';
import { downloadErrorText, downloadRefusedText, FORGOTTEN, NOT_ON_DISK } from './save-text';
import type { FileKind, JobFile, KeptFileView } from './types';

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

export interface FileKeeperCore {
  spool: Spool;
  now(): number;
  records(): Iterable<JobRecord>;
  persist(r: JobRecord): Promise<void>;
  /** Removes a job's record and every spool it owns. */
  drop(r: JobRecord): Promise<void>;
  downloads?: Downloads;
  /** Tests: a file's rows are complete. */
  onFileReady?(job: JobRecord, file: JobFile): void;
}

export type FileKeeper = ReturnType<typeof createFileKeeper>;

export function createFileKeeper(core: FileKeeperCore) {
  // A change can arrive before downloads.download() has told us the id: kept until it does.
  const early = new Map<number, DownloadChange>();

  function apply(file: JobFile, change: DownloadChange): boolean {
    const saved = file.saved;
    if (!saved) return false;
    const at = core.now();
    if (change.state === 'complete')
      file.saved = {
        ...saved,
        state: change.exists === false ? 'failed' : 'saved',
        error: change.exists === false ? NOT_ON_DISK : null,
        at,
        ...(change.path ? { path: change.path } : {}),
      };
    else if (change.state === 'interrupted')
      file.saved = { ...saved, state: 'failed', error: downloadErrorText(change.error), at };
    else return false;
    return true;
  }

  /**
   * Where a download just completed was saved: later, the browser's record under that id must
   * name the same file (Firefox numbers downloads afresh in each session).
   */
  async function notePath(file: JobFile): Promise<void> {
    const saved = file.saved;
    if (saved?.state !== 'saved' || saved.path || saved.downloadId === null) return;
    const item = await core.downloads?.state(saved.downloadId).catch(() => null);
    if (item?.path && file.saved === saved) file.saved = { ...saved, path: item.path };
  }

  /** Hands a file to the downloads and records the outcome; never throws. */
  async function save(r: JobRecord, file: JobFile): Promise<void> {
    if (!core.downloads) return;
    file.saved = { state: 'saving', downloadId: null, error: null, at: core.now() };
    await core.persist(r).catch(() => undefined);
    try {
      const { downloadId, bytes } = await core.downloads.save(r, file);
      file.saved = { state: 'saving', downloadId, error: null, at: core.now() };
      if (bytes !== null) file.bytes = bytes;
      const change = early.get(downloadId);
      early.delete(downloadId);
      if (change && apply(file, change)) await notePath(file);
    } catch (e) {
      file.saved = {
        state: 'failed',
        downloadId: null,
        error: downloadRefusedText((e as Error)?.message),
        at: core.now(),
      };
    }
    await core.persist(r).catch(() => undefined);
  }

  function fileOf(r: JobRecord, kind: FileKind): JobFile | undefined {
    return r.files.find((f) => f.kind === kind);
  }

  return {
    fileOf,

    /** The file's rows are complete: record it and start saving it (not awaited). */
    async finish(r: JobRecord, kind: FileKind): Promise<JobFile> {
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
      if (core.downloads)
        file.saved = { state: 'saving', downloadId: null, error: null, at: core.now() };
      await core.persist(r);
      core.onFileReady?.(r, file);
      void save(r, file);
      return file;
    },

    /** "Download again" / "Save the backup again". */
    save,

    /** The browser reported on a download: true if it was one of ours. */
    async changed(downloadId: number, change: DownloadChange): Promise<boolean> {
      // Only a file still being saved: a finished one's id may since belong to another
      // download (Firefox reuses ids after a restart), which must not mark it saved.
      for (const r of core.records())
        for (const f of r.files)
          if (f.saved?.downloadId === downloadId && f.saved.state === 'saving') {
            if (apply(f, change)) {
              await notePath(f);
              await core.persist(r);
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

    /** After a restart: downloads that were under way may have ended while no one listened. */
    async recheck(): Promise<void> {
      if (!core.downloads) return;
      for (const r of core.records())
        for (const f of r.files) {
          if (f.saved?.state !== 'saving') continue;
          const change =
            f.saved.downloadId === null
              ? null
              : await core.downloads.state(f.saved.downloadId, f.filename).catch(() => null);
          if (change === null)
            f.saved = {
              ...f.saved,
              state: 'failed',
              error: 'The file was not saved: the browser stopped before saving it.',
              at: core.now(),
            };
          else if (!apply(f, change)) continue;
          await core.persist(r);
        }
    },

    /**
     * Whether a saved file is still on disk, asked again just before it is relied on. Only the
     * browser can say so: a download it no longer knows (its list cleared, an id from before a
     * restart that now names another file) counts as not saved; the extension's own copy (the
     * spool) can be saved again.
     */
    async stillOnDisk(r: JobRecord, file: JobFile): Promise<boolean> {
      if (file.saved?.state !== 'saved') return false;
      if (file.saved.downloadId === null || !core.downloads) return true;
      // By id, then by where it was saved: a name typed in a "Save as" dialog is the file's own.
      const now = await core.downloads.state(file.saved.downloadId).catch(() => null);
      const known = now !== null && (!file.saved.path || !now.path || now.path === file.saved.path);
      if (known && now.state === 'complete' && now.exists !== false) return true;
      file.saved = {
        ...file.saved,
        state: 'failed',
        error: known ? NOT_ON_DISK : FORGOTTEN,
        at: core.now(),
      };
      await core.persist(r);
      return false;
    },

    list(): KeptFileView[] {
      return keptFiles(core.records(), core.now());
    },

    /** Removes one kept file; a protected one only with `confirmed` (the merchant was asked). */
    async remove(r: JobRecord, kind: FileKind, confirmed: boolean): Promise<void> {
      const file = fileOf(r, kind);
      if (!file) return;
      if (isProtected(r, file, core.now()) && !confirmed) throw new Error('protected');
      await core.spool.clear(fileSource(r, kind).ns);
      r.files = r.files.filter((f) => f !== file);
      if (r.hidden && r.files.length === 0) await core.drop(r);
      else await core.persist(r);
    },
  };
}
