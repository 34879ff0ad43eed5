import { browser } from '#imports';
import { offscreenMessaging } from '@/utils/background/offscreen-protocol';
import { buildBlob } from '@/utils/background/csv-blob';
import { jobCsvParts } from '@/utils/csv/job-csv';
import { createIdbSpool } from '@/utils/storage/spool-idb';
import { classifySender, type SenderLike } from '@/utils/messages/sender';
import { said } from '@/utils/vocabulary';

// Chrome's service worker cannot make blob: URLs; this document can, and it reads the
// job's rows straight from the extension's IndexedDB so they never cross messaging.
const spool = createIdbSpool();

/**
 * Only the extension's own pages and worker: a content script has the extension's id too, and
 * could otherwise have any job's file built, or a download's URL revoked.
 */
const origin = browser.runtime.getURL('/').replace(/\/$/, '');
const fromExtension = (sender: SenderLike) =>
  classifySender(sender, browser.runtime.id, origin) === 'extension-page';

offscreenMessaging.onMessage('buildCsv', async ({ data, sender }) => {
  if (!fromExtension(sender)) return { error: said('errors.notAllowed') };
  try {
    const { source, style } = data;
    const blob = await buildBlob(
      jobCsvParts(source.kind, spool.chunks(source.ns), { ...source, style }),
    );
    return { url: URL.createObjectURL(blob), bytes: blob.size };
  } catch {
    return { error: said('errors.csvNotBuilt') };
  }
});

offscreenMessaging.onMessage('revokeUrl', ({ data, sender }) => {
  if (fromExtension(sender)) URL.revokeObjectURL(data.url);
});
