import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { StoreView } from '../../utils/messages';
import { createStoreRegistry, storesItem } from '../../utils/storage/stores';

const view = (storeHash: string, over: Partial<StoreView> = {}): StoreView => ({
  storeHash,
  access: 'modify',
  addedAt: 1000,
  lastCheckedAt: null,
  ...over,
});

describe('store registry', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('is empty at first', async () => {
    const r = createStoreRegistry();
    expect(await r.list()).toEqual([]);
    expect(await r.get('abc')).toBeNull();
  });

  it('adds, lists in order, gets and replaces', async () => {
    const r = createStoreRegistry();
    await r.put(view('abc'));
    await r.put(view('def', { access: 'read-only' }));
    expect((await r.list()).map((s) => s.storeHash)).toEqual(['abc', 'def']);
    await r.put(view('abc', { access: 'read-only', lastCheckedAt: 5 }));
    expect(await r.list()).toEqual([
      view('abc', { access: 'read-only', lastCheckedAt: 5 }),
      view('def', { access: 'read-only' }),
    ]);
    expect(await r.get('def')).toEqual(view('def', { access: 'read-only' }));
  });

  it('removes', async () => {
    const r = createStoreRegistry();
    await r.put(view('abc'));
    await r.put(view('def'));
    await r.remove('abc');
    await r.remove('nope');
    expect((await r.list()).map((s) => s.storeHash)).toEqual(['def']);
  });

  it('keeps every change when writes overlap', async () => {
    const r = createStoreRegistry();
    await Promise.all(Array.from({ length: 20 }, (_, i) => r.put(view(`s${i}`))));
    expect(await r.list()).toHaveLength(20);
    await Promise.all(Array.from({ length: 10 }, (_, i) => r.remove(`s${i * 2}`)));
    expect((await r.list()).map((s) => s.storeHash)).toEqual(
      Array.from({ length: 10 }, (_, i) => `s${i * 2 + 1}`),
    );
  });

  it('writes only StoreView fields (a stray token property never reaches storage)', async () => {
    const r = createStoreRegistry();
    await r.put({ ...view('abc'), token: 'secret' } as StoreView);
    const raw = await fakeBrowser.storage.local.get('stores');
    expect(JSON.stringify(raw)).not.toContain('secret');
    expect(await storesItem.getValue()).toEqual([view('abc')]);
  });

  it('stores under local:stores, where the UIs can watch it', async () => {
    const r = createStoreRegistry();
    await r.put(view('abc'));
    expect(await fakeBrowser.storage.local.get('stores')).toEqual({ stores: [view('abc')] });
  });

  it('rejects a record without a store hash', async () => {
    await expect(createStoreRegistry().put(view(''))).rejects.toThrow(TypeError);
  });
});
