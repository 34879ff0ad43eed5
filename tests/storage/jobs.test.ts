import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createJobRecordStore } from '../../utils/storage/jobs';

interface Rec {
  id: string;
  status: string;
  done: number;
}

const rec = (id: string, done = 0, status = 'running'): Rec => ({ id, status, done });

describe('job record store', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('saves, gets, lists in creation order and removes', async () => {
    const s = createJobRecordStore<Rec>();
    expect(await s.list()).toEqual([]);
    expect(await s.get('a')).toBeNull();
    await s.save(rec('a'));
    await s.save(rec('b'));
    await s.save(rec('a', 5));
    expect(await s.get('a')).toEqual(rec('a', 5));
    expect(await s.list()).toEqual([rec('a', 5), rec('b')]);
    await s.remove('a');
    await s.remove('missing');
    expect(await s.get('a')).toBeNull();
    expect(await s.list()).toEqual([rec('b')]);
  });

  it('keeps one item per job and an index of ids', async () => {
    const s = createJobRecordStore<Rec>();
    await s.save(rec('a'));
    await s.save(rec('b', 3));
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      'job:a': rec('a'),
      'job:b': rec('b', 3),
      'job-ids': ['a', 'b'],
    });
  });

  it('a progress save writes only that job', async () => {
    const s = createJobRecordStore<Rec>();
    await s.save(rec('a'));
    await s.save(rec('b'));
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await s.save(rec('a', 42));
    expect(set).toHaveBeenCalledTimes(1);
    expect(set).toHaveBeenCalledWith({ 'job:a': rec('a', 42) });
  });

  it('a new job is written with its index entry in one storage call', async () => {
    const s = createJobRecordStore<Rec>();
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await s.save(rec('a'));
    expect(set).toHaveBeenCalledTimes(1);
    expect(set).toHaveBeenCalledWith({ 'job:a': rec('a'), 'job-ids': ['a'] });
  });

  it('concurrent saves of new jobs keep every id', async () => {
    const s = createJobRecordStore<Rec>();
    await Promise.all(Array.from({ length: 30 }, (_, i) => s.save(rec(`j${i}`, i))));
    const all = await s.list();
    expect(all.map((r) => r.id).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `j${i}`).sort());
  });

  it('keeps saving after a failed write', async () => {
    const s = createJobRecordStore<Rec>();
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('quota'));
    await expect(s.save(rec('a'))).rejects.toThrow('quota');
    await s.save(rec('b'));
    expect(await s.list()).toEqual([rec('b')]);
  });

  it('skips an id whose record is missing', async () => {
    const s = createJobRecordStore<Rec>();
    await s.save(rec('a'));
    await s.save(rec('b'));
    await fakeBrowser.storage.local.remove('job:a');
    expect(await s.list()).toEqual([rec('b')]);
  });

  it('survives a new instance (a restarted service worker)', async () => {
    await createJobRecordStore<Rec>().save(rec('a', 7, 'paused'));
    expect(await createJobRecordStore<Rec>().list()).toEqual([rec('a', 7, 'paused')]);
  });

  it('keeps separate prefixes apart', async () => {
    const a = createJobRecordStore<Rec>({ prefix: 'x' });
    const b = createJobRecordStore<Rec>();
    await a.save(rec('1'));
    expect(await b.list()).toEqual([]);
    expect(await a.list()).toEqual([rec('1')]);
  });

  it('rejects an empty id', async () => {
    const s = createJobRecordStore<Rec>();
    await expect(s.save(rec(''))).rejects.toThrow(TypeError);
    await expect(s.get('')).rejects.toThrow(TypeError);
  });
});
