import { browser } from '#imports';
import { offscreenMessaging } from '@/utils/background/offscreen-protocol';
import { buildBlob } from '@/utils/background/csv-blob';
import { jobCsvParts } from '@/utils/csv/job-csv';
import { createIdbSpool } from '@/utils/storage/spool-idb';

// Chrome's service worker cannot make blob: URLs; this document can, and it reads the
// job's rows straight from the extension's IndexedDB so they never cross messaging.
const spool = createIdbSpool();

offscreenMessaging.onMessage('buildCsv', async ({ data, sender }) => {
  if (sender.id !== browser.runtime.id) return { error: 'untrusted sender' };
  try {
    const blob = await buildBlob(jobCsvParts(data.kind, spool.chunks(data.ns), data.unusedOnly));
    return { url: URL.createObjectURL(blob), bytes: blob.size };
  } catch {
    return { error: 'The file could not be built from the saved rows.' };
  }
});

offscreenMessaging.onMessage('revokeUrl', ({ data }) => {
  URL.revokeObjectURL(data.url);
});
