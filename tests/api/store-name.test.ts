/** The store's name from GET /v2/store, against the sandbox: read where the scope allows, null (quietly) where not. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { createClient } from '../../utils/api/client';
import { createGovernor } from '../../utils/rate';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ seed: { bulkCodes: 0 } });
});
afterAll(() => sb.close());

const clientFor = (storeHash: string, token: string) =>
  createClient({
    storeHash,
    token,
    governor: createGovernor({ maxRetries: 1, backoff: { baseMs: 1, maxMs: 2 } }),
    apiOrigin: sb.apiBase.replace(/\/stores\/.*$/, ''),
    fetch: sb.fetch as typeof fetch,
  });

describe('client.storeName', () => {
  it('reads the name with a token that has the Information & settings scope', async () => {
    const store = sb.createStore({ storeName: '  Acme Outdoor ', informationScope: true });
    expect(await clientFor(store.storeHash, store.tokens.modify).storeName()).toBe('Acme Outdoor');
    expect(sb.stats(store.storeHash).perEndpoint.storeInfo.requests).toBe(1);
  });

  it('a Marketing-only token: null, after one request answered 403 (no retries)', async () => {
    const store = sb.createStore({ storeName: 'Hidden' });
    expect(await clientFor(store.storeHash, store.tokens.modify).storeName()).toBeNull();
    expect(sb.stats(store.storeHash).perEndpoint.storeInfo.requests).toBe(1);
  });

  it('a wrong token: null too', async () => {
    const store = sb.createStore({ informationScope: true });
    expect(await clientFor(store.storeHash, 'not-the-token').storeName()).toBeNull();
  });
});
