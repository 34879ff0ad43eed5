import type { Spool } from '../storage/spool';
import type { JobRecord } from '../jobs/record';
import type { JobFile } from '../jobs/types';
import { csvParts } from '../jobs/files';
import { buildBlob } from './csv-blob';
import { offscreenMessaging } from './offscreen-protocol';

const OFFSCREEN_PATH = '/offscreen.html';

/** The two Chrome-only calls we need (the polyfill's types do not know them). */
interface ChromeOffscreenApi {
  runtime: { getContexts(filter: { contextTypes: string[] }): Promise<unknown[]> };
  offscreen: { createDocument(p: { url: string; reasons: string[]; justification: string }): Promise<void> };
}

/**
 * Saves a job's CSV through the downloads API. Firefox's background page can make blob
 * URLs itself (and refuses data: URLs); Chrome's service worker cannot, so an offscreen
 * document builds the Blob from the spool and hands back its URL.
 */
export function createDownloader(spool: Spool) {
  const canBlob = typeof URL.createObjectURL === 'function';
  const revokeLater = new Map<number, () => void>();

  browser.downloads.onChanged.addListener((delta) => {
    const state = delta.state?.current;
    if (state === 'complete' || state === 'interrupted') {
      revokeLater.get(delta.id)?.();
      revokeLater.delete(delta.id);
    }
  });

  async function ensureOffscreen() {
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
        // Two saves at once can race to create it; one document is all we need.
        if (!/single offscreen|only a single/i.test(e.message)) throw e;
      });
  }

  return async function save(job: JobRecord, file: JobFile): Promise<void> {
    let url: string;
    let revoke: () => void;
    if (canBlob) {
      url = URL.createObjectURL(await buildBlob(csvParts(spool, job, file.kind)));
      revoke = () => URL.revokeObjectURL(url);
    } else {
      await ensureOffscreen();
      const res = await offscreenMessaging.sendMessage('buildCsv', { job, kind: file.kind });
      if ('error' in res) throw new Error(res.error);
      url = res.url;
      revoke = () => void offscreenMessaging.sendMessage('revokeUrl', { url }).catch(() => {});
    }
    try {
      const id = await browser.downloads.download({ url, filename: file.filename, saveAs: false, conflictAction: 'uniquify' });
      revokeLater.set(id, revoke);
    } catch (e) {
      revoke();
      throw e;
    }
  };
}
