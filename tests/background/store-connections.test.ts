import { describe, expect, it } from 'vitest';
import type { TokenCheck } from '../../utils/api/check-token';
import { createStoreConnections } from '../../utils/background/store-connections';
import type { StoreView } from '../../utils/messages/views';

/** The four places a store lives, in memory, and what was done to them in order. */
function world(check: TokenCheck, ownName: string | null = null) {
  const log: string[] = [];
  const records = new Map<string, StoreView>();
  const tokens = new Map<string, string>();
  let clock = 1_000;
  const connections = createStoreConnections({
    stores: {
      list: async () => [...records.values()],
      get: async (h) => records.get(h) ?? null,
      put: async (v) => void records.set(v.storeHash, v),
      remove: async (h) => void records.delete(h),
    },
    vault: {
      set: async (h, t) => void tokens.set(h, t),
      remove: async (h) => void tokens.delete(h),
    },
    registry: { removeStore: async (h) => void log.push(`jobs of ${h} removed`) },
    promotionLists: { drop: (h) => void log.push(`list of ${h} dropped`) },
    checkToken: async (h, t) => {
      log.push(`checked ${h} with "${t}"`);
      return check;
    },
    storeName: async () => ownName,
    now: () => clock,
  });
  return { connections, log, records, tokens, tick: (ms: number) => (clock += ms) };
}

const good: TokenCheck = { ok: true, access: 'read-only', message: 'Export only.' };

describe('connecting and removing a store', () => {
  it('a token the store accepts is kept (trimmed), with what it may do; a reconnection keeps the first date', async () => {
    const w = world(good);
    expect(await w.connections.connect('shop1', '  tok  ')).toEqual(good);
    expect(w.tokens.get('shop1')).toBe('tok');
    expect(w.records.get('shop1')).toEqual({
      storeHash: 'shop1',
      access: 'read-only',
      name: null,
      renamed: false,
      addedAt: 1_000,
      lastCheckedAt: 1_000,
    });
    w.tick(500);
    await w.connections.connect('shop1', 'tok2');
    expect(w.records.get('shop1')).toMatchObject({ addedAt: 1_000, lastCheckedAt: 1_500 });
    expect(w.tokens.get('shop1')).toBe('tok2');
    expect(w.log).toEqual([
      'checked shop1 with "tok"',
      'list of shop1 dropped',
      'checked shop1 with "tok2"',
      'list of shop1 dropped',
    ]);
    expect(await w.connections.list()).toEqual([w.records.get('shop1')]);
  });

  it('a token the store refuses keeps nothing and says why', async () => {
    const refused: TokenCheck = { ok: false, access: 'unknown', message: 'Wrong token.' };
    const w = world(refused);
    expect(await w.connections.connect('shop1', 'bad')).toEqual(refused);
    expect(w.tokens.size + w.records.size).toBe(0);
    expect(w.log).toEqual(['checked shop1 with "bad"']);
    expect(await w.connections.get('shop1')).toBeNull();
  });

  it('removing a store takes its jobs, its token, its record and its kept list, leaving the others', async () => {
    const w = world(good);
    await w.connections.connect('shop1', 'a');
    await w.connections.connect('shop2', 'b');
    w.log.length = 0;
    await w.connections.remove('shop1');
    expect(w.log).toEqual(['jobs of shop1 removed', 'list of shop1 dropped']);
    expect([...w.tokens.keys()]).toEqual(['shop2']);
    expect([...w.records.keys()]).toEqual(['shop2']);
  });

  it('a store is named as it calls itself, unless the merchant renamed it; an empty name gives its own back', async () => {
    const w = world(good, 'Acme Outdoor');
    await w.connections.connect('shop1', 'tok');
    expect(w.records.get('shop1')).toMatchObject({ name: 'Acme Outdoor', renamed: false });
    expect(await w.connections.rename('shop1', '  Acme   (EU)  ')).toMatchObject({
      name: 'Acme (EU)',
      renamed: true,
    });
    await w.connections.connect('shop1', 'tok'); // connecting again keeps the merchant's name
    expect(w.records.get('shop1')).toMatchObject({ name: 'Acme (EU)', renamed: true });
    expect(await w.connections.rename('shop1', ' ')).toMatchObject({
      name: 'Acme Outdoor',
      renamed: false,
    });
    await expect(w.connections.rename('shop9', 'X')).rejects.toThrow(/not connected/);
  });
});
