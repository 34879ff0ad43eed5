import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDB } from 'idb';
import { createTokenVault, type TokenVault } from '../../utils/storage/tokens';

const opened: TokenVault[] = [];
afterEach(() => {
  for (const v of opened.splice(0)) v.close();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function fresh(name = `vault-test-${crypto.randomUUID()}`): TokenVault {
  const v = createTokenVault(name);
  opened.push(v);
  return v;
}

describe('token vault', () => {
  it('sets, gets, lists hashes only, and removes', async () => {
    const v = fresh();
    expect(await v.get('abc')).toBeNull();
    await v.set('abc', 'secret-token-1');
    await v.set('def', 'secret-token-2');
    expect(await v.get('abc')).toBe('secret-token-1');
    expect((await v.list()).sort()).toEqual(['abc', 'def']);
    expect(JSON.stringify(await v.list())).not.toContain('secret');
    await v.remove('abc');
    expect(await v.get('abc')).toBeNull();
    expect(await v.list()).toEqual(['def']);
  });

  it('replaces a token for the same store', async () => {
    const v = fresh();
    await v.set('abc', 'old');
    await v.set('abc', 'new');
    expect(await v.get('abc')).toBe('new');
    expect(await v.list()).toEqual(['abc']);
  });

  it('really deletes: the record is gone from the database', async () => {
    const name = `vault-test-${crypto.randomUUID()}`;
    const v = fresh(name);
    await v.set('abc', 'secret-token');
    await v.remove('abc');
    v.close();
    const raw = await openDB(name, 1);
    expect(await raw.count('tokens')).toBe(0);
    expect(await raw.getAll('tokens')).toEqual([]);
    raw.close();
  });

  it('persists across instances (a restarted service worker)', async () => {
    const name = `vault-test-${crypto.randomUUID()}`;
    const a = createTokenVault(name);
    await a.set('abc', 'tok');
    a.close();
    const b = fresh(name);
    expect(await b.get('abc')).toBe('tok');
  });

  it('rejects empty hashes and tokens', async () => {
    const v = fresh();
    await expect(v.set('', 'x')).rejects.toThrow(TypeError);
    await expect(v.set('abc', '')).rejects.toThrow(TypeError);
    await expect(v.get('')).rejects.toThrow(TypeError);
  });

  it('refuses to run in a web page origin, where IndexedDB belongs to the page', async () => {
    vi.stubGlobal('location', { protocol: 'https:' });
    const v = fresh();
    await expect(v.set('abc', 'secret')).rejects.toThrow(/extension/);
    await expect(v.get('abc')).rejects.toThrow(/extension/);
  });

  it('works in an extension origin', async () => {
    vi.stubGlobal('location', { protocol: 'chrome-extension:' });
    const v = fresh();
    await v.set('abc', 'secret');
    expect(await v.get('abc')).toBe('secret');
    vi.stubGlobal('location', { protocol: 'moz-extension:' });
    expect(await v.get('abc')).toBe('secret');
  });

  it('never logs, and a failed save does not echo the token', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => {}),
    );
    const v = fresh();
    await v.set('abc', 'secret-token');
    await v.get('abc');
    await v.list();
    await v.remove('abc');
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('a failed save does not echo the token', async () => {
    const v = fresh();
    await v.list(); // open first, so only the put fails
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('could not clone secret-token', 'DataCloneError');
    });
    const err = await v.set('abc', 'secret-token').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(String(err)).not.toContain('secret');
    expect(JSON.stringify(err, Object.getOwnPropertyNames(err as object))).not.toContain('secret');
  });
});
