/**
 * Saving a job's CSV through the browser's downloads, and hearing back whether it reached the
 * disk. Firefox's background page can make blob URLs itself (and refuses data: URLs); Chrome's
 * service worker cannot, so an offscreen document builds the Blob from the spool and hands
 * back its URL.
 */
import { browser } from '#imports';
import type { Downloads, DownloadChange } from '../jobs/file-keeper';
import { fileSource } from '../jobs/files';
import type { Spool } from '../storage/spool';
import { jobCsvParts } from '../csv/job-csv';
import type { CsvStyle } from '../csv/write';
import { buildBlob } from './csv-blob';
import { offscreenMessaging } from './offscreen-protocol';
import { ApiError } from '../api/errors';

const OFFSCREEN_PATH = '/offscreen.html';

/** The two Chrome-only calls we need (the polyfill's types do not know them). */
interface ChromeOffscreenApi {
  runtime: { getContexts(filter: { contextTypes: string[] }): Promise<unknown[]> };
  offscreen: {
    createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void>;
  };
}

// Two saves at once (a job's file and its "not made by this job" file) must not race to create
// the document: the loser would message it before it has loaded. One creation at a time.
let opening: Promise<void> | null = null;

function ensureOffscreen(): Promise<void> {
  opening ??= (async () => {
    const chromeApi = (globalThis as unknown as { chrome: ChromeOffscreenApi }).chrome;
    const contexts = await chromeApi.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
    if (contexts.length) return;
    await chromeApi.offscreen
      .createDocument({
        url: OFFSCREEN_PATH,
        reasons: ['BLOBS'],
        justification: 'Turn a coupon-code job into a CSV file for download.',
      })
      .catch((e: Error) => {
        // Created meanwhile by another context of ours: one document is all we need.
        if (!/single offscreen|only a single/i.test(e.message)) throw e;
      });
  })().finally(() => {
    opening = null;
  });
  return opening;
}

/**
 * `onChange` hears every download's state change (the listener is registered here, at the
 * worker's start, so the browser wakes the worker for it). `csvStyle`: how files are written
 * now (the merchant's "Spreadsheet-friendly CSV"), read as each file is built.
 */
export function createDownloads(
  spool: Spool,
  onChange: (downloadId: number, change: DownloadChange) => void,
  csvStyle: () => Promise<CsvStyle>,
): Downloads {
  const canBlob = typeof URL.createObjectURL === 'function';
  const revokeLater = new Map<number, () => void>();

  browser.downloads.onChanged.addListener((delta) => {
    const state = delta.state?.current as DownloadChange['state'] | undefined;
    if (state === 'complete' || state === 'interrupted') {
      revokeLater.get(delta.id)?.();
      revokeLater.delete(delta.id);
      onChange(delta.id, { state, error: delta.error?.current });
    }
  });

  return {
    async save(job, file) {
      const source = fileSource(job, file.kind);
      const style = await csvStyle();
      let url: string;
      let bytes: number;
      let revoke: () => void;
      if (canBlob) {
        const blob = await buildBlob(
          jobCsvParts(source.kind, spool.chunks(source.ns), { ...source, style }),
        );
        url = URL.createObjectURL(blob);
        bytes = blob.size;
        revoke = () => URL.revokeObjectURL(url);
      } else {
        await ensureOffscreen();
        const res = await offscreenMessaging.sendMessage('buildCsv', { source, style });
        if ('error' in res) throw new ApiError('invalid', res.error);
        ({ url, bytes } = res);
        revoke = () => void offscreenMessaging.sendMessage('revokeUrl', { url }).catch(() => {});
      }
      try {
        const downloadId = await browser.downloads.download({
          url,
          filename: file.filename,
          saveAs: false,
          conflictAction: 'uniquify',
        });
        revokeLater.set(downloadId, revoke);
        return { downloadId, bytes };
      } catch (e) {
        revoke();
        throw e;
      }
    },

    async state(downloadId, filename) {
      const [item] = await browser.downloads.search({ id: downloadId });
      // No name yet while a "Save as" dialog is open; one the merchant typed there reads as not ours (save again).
      if (
        !item ||
        (filename !== undefined && item.filename !== '' && !isFileNamed(item.filename, filename))
      )
        return null;
      return {
        state: item.state as DownloadChange['state'],
        error: item.error,
        exists: item.exists,
        path: item.filename || undefined,
      };
    },
  };
}

/**
 * Whether the browser's download (a full path) is the file we asked for by name: the same
 * name, or the name the browser made unique ("x (1).csv", "x(1).csv").
 */
export function isFileNamed(path: string, asked: string): boolean {
  const base = path.split(/[\\/]/).pop() ?? '';
  const stem = asked.replace(/\.csv$/, '');
  return (
    base === asked || (base.startsWith(stem) && /^ ?\(\d+\)\.csv$/.test(base.slice(stem.length)))
  );
}
