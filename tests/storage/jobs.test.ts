import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createJobRecordStore } from '../../utils/storage/jobs';

interface Rec {
  id: string;
  status: string;
  done: number;
  createdAt: number;
}

const rec = (id: string, done = 0, status = 'running', createdAt = 1): Rec => ({
  id,
  status,
  done,
  createdAt,
});
let db = 0;
const fresh = () => `jobs-test-${++db}`;

describe('job record store (IndexedDB)', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('saves, gets, lists oldest first and removes', async () => {
    const s = createJobRecordStore<Rec>(fresh());
    expect(await s.list()).toEqual([]);
    expect(await s.get('a')).toBeNull();
    await s.save(rec('b', 0, 'running', 2));
    await s.save(rec('a', 0, 'running', 1));
    await s.save(rec('a', 5, 'running', 1));
    expect(await s.get('a')).toEqual(rec('a', 5));
    expect(await s.list()).toEqual([rec('a', 5), rec('b', 0, 'running', 2)]);
    await s.remove('a');
    await s.remove('missing');
    expect(await s.get('a')).toBeNull();
    expect((await s.list()).map((r) => r.id)).toEqual(['b']);
  });

  it('keeps nothing in storage.local, which content scripts can read', async () => {
    const s = createJobRecordStore<Rec>(fresh());
    await s.save(rec('a'));
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('moves records an older version kept in storage.local, once, and clears them there', async () => {
    await fakeBrowser.storage.local.set({
      'job-ids': ['a', 'b'],
      'job:a': rec('a', 3),
      'job:b': rec('b', 4, 'paused', 2),
    });
    const name = fresh();
    const s = createJobRecordStore<Rec>(name);
    expect(await s.list()).toEqual([rec('a', 3), rec('b', 4, 'paused', 2)]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await createJobRecordStore<Rec>(name).list()).toHaveLength(2);
  });

  it('concurrent saves keep every record', async () => {
    const s = createJobRecordStore<Rec>(fresh());
    await Promise.all(Array.from({ length: 30 }, (_, i) => s.save(rec(`j${i}`, i))));
    expect((await s.list()).map((r) => r.id).sort()).toEqual(
      Array.from({ length: 30 }, (_, i) => `j${i}`).sort(),
    );
  });

  it('survives a new instance (a restarted service worker)', async () => {
    const name = fresh();
    await createJobRecordStore<Rec>(name).save(rec('a', 7, 'paused'));
    expect(await createJobRecordStore<Rec>(name).list()).toEqual([rec('a', 7, 'paused')]);
  });

  it('rejects an empty id', async () => {
    const s = createJobRecordStore<Rec>(fresh());
    await expect(s.save(rec(''))).rejects.toThrow(TypeError);
    await expect(s.get('')).rejects.toThrow(TypeError);
  });
});
