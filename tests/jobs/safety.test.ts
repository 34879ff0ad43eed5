/**
 * Safe on a live store (issue 22): an "unused" purge never deletes a code redeemed since the
 * scan, nothing resumes on an old plan, a list names codes as the store does. The real engine
 * against the sandbox store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DownloadChange } from '../../utils/jobs/file-keeper';
import { confirm, harness, waitFor, type Harness } from './helpers';

let h: Harness | null = null;
afterEach(async () => {
  await h?.sandbox.close();
  h = null;
});

const bulk = (t: Harness) => ({
  storeHash: t.sandbox.storeHash,
  promotionId: t.sandbox.promotions.bulk,
});
const codesNow = (t: Harness) => t.sandbox.codes(t.sandbox.promotions.bulk).map((c) => c.code);

describe('a purge list names codes as the store matches them', () => {
  it('ASCII case only: straße10, ﬁnal-1 and ſale name no code (lines refused with their numbers); gone-1 names GONE-1', async () => {
    h = await harness({ seed: { bulkCodes: 0 } });
    h.sandbox.addCodes(h.sandbox.promotions.bulk, ['STRASSE10', 'FINAL-1', 'SALE', 'GONE-1']);
    const reg = h.registry();
    const id = await reg.start({
      kind: 'purge',
      ...bulk(h),
      mode: 'list',
      csvText: 'code\nstraße10\nﬁnal-1\nſale\ngone-1\n',
    });
    const planned = await waitFor(reg, id, ['awaiting-confirmation', 'failed']);
    expect(planned.purge?.targetCount).toBe(1);
    expect(planned.purge?.skippedLines).toBe(3);
    await confirm(reg, id);
    await waitFor(reg, id, ['completed']);
    expect(codesNow(h).sort()).toEqual(['FINAL-1', 'SALE', 'STRASSE10']);
  });
});

describe('a backup is on disk only when the browser says so', () => {
  /** A purge of all 50 codes planned, its backup saved as /dl/backup.csv; then the browser's record of it changes. */
  async function plannedWith(record: () => DownloadChange | null) {
    h = await harness({ seed: { bulkCodes: 50 } });
    let saved = false;
    const reg = h.registry({
      downloads: {
        save: async () => ({ downloadId: 7, bytes: 10 }),
        state: async () =>
          saved ? record() : { state: 'complete', exists: true, path: '/dl/backup.csv' },
      },
    });
    const id = await reg.start({ kind: 'purge', ...bulk(h), mode: 'all' });
    await waitFor(reg, id, ['awaiting-confirmation']);
    await reg.downloadChanged(7, { state: 'complete' });
    saved = true;
    return { reg, id };
  }

  it('the browser no longer knows the download (history cleared): not on disk, nothing deleted; saved again from the kept copy, it purges', async () => {
    let known: DownloadChange | null = null;
    const { reg, id } = await plannedWith(() => known);
    await expect(reg.confirmPurge(id, bulk(h!))).rejects.toThrow(
      /not on disk.*no longer in the browser’s list of downloads.*Nothing was deleted/,
    );
    expect(codesNow(h!)).toHaveLength(50);
    expect(h!.sandbox.stats().perEndpoint.deleteCodes.requests).toBe(0);
    expect(reg.get(id)!.files[0]!.saved!.state).toBe('failed');
    // "Save the backup again": from the copy the extension keeps.
    known = { state: 'complete', exists: true, path: '/dl/backup (1).csv' };
    await reg.download(id, 'purge-backup');
    await reg.downloadChanged(7, { state: 'complete' });
    await reg.confirmPurge(id, bulk(h!));
    await waitFor(reg, id, ['completed']);
    expect(codesNow(h!)).toHaveLength(0);
  });

  it('its id now names another file (Firefox numbers downloads afresh after a restart): not on disk, nothing deleted', async () => {
    const { reg, id } = await plannedWith(() => ({
      state: 'complete',
      exists: true,
      path: '/dl/something-else.pdf',
    }));
    await expect(reg.confirmPurge(id, bulk(h!))).rejects.toThrow(/not on disk/);
    expect(codesNow(h!)).toHaveLength(50);
  });
});
