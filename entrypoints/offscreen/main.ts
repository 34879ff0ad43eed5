import { offscreenMessaging } from '@/utils/background/offscreen-protocol';
import { buildBlob } from '@/utils/background/csv-blob';
import { csvParts } from '@/utils/jobs/files';
import { createIdbSpool } from '@/utils/storage/spool';

// Chrome's service worker cannot make blob: URLs; this document can, and it reads the
// job's rows straight from the extension's IndexedDB so they never cross messaging.
const spool = createIdbSpool();

offscreenMessaging.onMessage('buildCsv', async ({ data, sender }) => {
  if (sender.id !== browser.runtime.id) return { error: 'untrusted sender' };
  try {
    const blob = await buildBlob(csvParts(spool, data.job, data.kind));
    return { url: URL.createObjectURL(blob) };
  } catch {
    return { error: 'The file could not be built from the saved rows.' };
  }
});

offscreenMessaging.onMessage('revokeUrl', ({ data }) => {
  URL.revokeObjectURL(data.url);
});
