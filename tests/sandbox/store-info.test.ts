import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiClient, expectRateHeaders } from './helpers';

let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ seed: { bulkCodes: 0 } });
});
afterAll(() => sb.close());

describe('GET /v2/store', () => {
  it('answers 403 to a Marketing-only token (the default), with the rate headers', async () => {
    const r = await apiClient(sb)('GET', '/store', undefined, {}).catch(() => null);
    // The v3 base does not serve it…
    expect(r?.status).toBe(404);
    const v2 = apiClient(sb, { base: sb.apiBase.replace(/\/v3$/, '/v2') });
    const denied = await v2('GET', '/store');
    expect(denied.status).toBe(403);
    expect(denied.body.title).toMatch(/required scope/);
    expectRateHeaders(denied.headers);
  });

  it('names the store for a token with the Information & settings scope', async () => {
    const store = sb.createStore({ storeName: 'Acme Outdoor', informationScope: true });
    const v2 = apiClient(sb, {
      token: store.tokens.readOnly,
      base: store.apiBase.replace(/\/v3$/, '/v2'),
    });
    const r = await v2('GET', '/store');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: store.storeHash, name: 'Acme Outdoor' });
    expect(sb.stats(store.storeHash).perEndpoint.storeInfo.requests).toBe(1);
    // Other v2 paths are not served.
    expect((await v2('GET', '/orders')).status).toBe(404);
  });
});
