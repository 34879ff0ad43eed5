import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiClient, type Api } from './helpers';

let sb: Sandbox;
let api: Api;

beforeAll(async () => {
  sb = await startSandbox({ seed: { bulkCodes: 40 } });
  api = apiClient(sb);
});
afterAll(() => sb.close());

const inspect = async (method: string, path: string, body?: unknown) => {
  const r = await sb.fetch(`${sb.origin}/__sandbox/${path}`, {
    method,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined, headers: r.headers };
};

describe('handle', () => {
  it('exposes origin, api base, panel url, tokens, seeded ids and the certificate', () => {
    expect(sb.origin).toBe(`https://127.0.0.1:${sb.port}`);
    expect(sb.storeHash).toBe('sandbox1');
    expect(sb.apiBase).toBe(`${sb.origin}/stores/sandbox1/v3`);
    expect(sb.panelUrl).toBe(`${sb.origin}/manage/marketing/promotions`);
    expect(sb.tokens.modify).toMatch(/^[a-z0-9]{31}$/);
    expect(sb.tokens.readOnly).toMatch(/^[a-z0-9]{31}$/);
    expect(sb.tokens.modify).not.toBe(sb.tokens.readOnly);
    expect(sb.promotions).toEqual({ bulk: 1, bulkEmpty: 2, single: 3, automatic: 4 });
    expect(sb.cert.pem).toMatch(/BEGIN CERTIFICATE/);
    expect(Buffer.from(sb.cert.spkiSha256, 'base64')).toHaveLength(32);
  });

  it('seeds some used codes so "unused only" filters can be tested', () => {
    const codes = sb.codes(1);
    expect(codes).toHaveLength(40);
    expect(codes.some((c) => c.current_uses > 0)).toBe(true);
    expect(codes.some((c) => c.current_uses === 0)).toBe(true);
    expect(codes.map((c) => c.id)).toEqual([...codes.map((c) => c.id)].sort((a, b) => a - b));
  });

  it('is deterministic for a seed (tokens and seeded codes)', async () => {
    const a = await startSandbox({ seed: { bulkCodes: 5, random: 7 } });
    const b = await startSandbox({ seed: { bulkCodes: 5, random: 7 } });
    const c = await startSandbox({ seed: { bulkCodes: 5, random: 8 } });
    try {
      expect(a.tokens).toEqual(b.tokens);
      expect(a.codes(1)).toEqual(b.codes(1));
      expect(c.tokens).not.toEqual(a.tokens);
      expect(c.codes(1).map((x) => x.code)).not.toEqual(a.codes(1).map((x) => x.code));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});

describe('reset', () => {
  it('restores seed data and zeroes stats, keeping tokens', async () => {
    const before = sb.codes(1);
    const tokens = { ...sb.tokens };
    await api('POST', '/promotions/1/codegen', { batch_size: 3 });
    await api('DELETE', `/promotions/1/codes?id:in=${before[0]!.id}`);
    expect(sb.stats().perEndpoint.codegen.requests).toBe(1);
    sb.reset();
    expect(sb.codes(1)).toEqual(before);
    expect(sb.stats().perEndpoint.codegen.requests).toBe(0);
    expect(sb.stats().codes).toEqual({ 1: 40, 2: 0, 3: 1, 4: 0 });
    expect(sb.tokens).toEqual(tokens);
    expect((await api('GET', '/promotions')).status).toBe(200);
  });
});

describe('createStore', () => {
  it('makes an isolated store with its own tokens, data, stats and quota', async () => {
    const s = sb.createStore({
      hash: 'isolated1',
      plan: 'standard',
      limits: 'legacy',
      bulkCodes: 3,
    });
    expect(s.storeHash).toBe('isolated1');
    expect(s.apiBase).toBe(`${sb.origin}/stores/isolated1/v3`);
    expect(s.promotions).toEqual(sb.promotions);
    expect(s.tokens.modify).not.toBe(sb.tokens.modify);
    const c = apiClient(sb, { base: s.apiBase, token: s.tokens.modify });
    const r = await c('POST', '/promotions/1/codegen', { batch_size: 2 });
    expect(r.status).toBe(201);
    expect(r.headers.get('x-rate-limit-requests-quota')).toBe('150');
    expect(sb.stats('isolated1').codes[1]).toBe(5);
    expect(sb.stats().codes[1]).toBe(40);
    expect(sb.stats('isolated1').perEndpoint.codegen.requests).toBe(1);
    expect(sb.stats().perEndpoint.codegen.requests).toBe(0);
    // legacy profile: 51 ids is too many there but not in the default store
    const many = Array.from({ length: 51 }, (_, i) => i + 100000).join(',');
    expect((await c('DELETE', `/promotions/1/codes?id:in=${many}`)).body.meta).toEqual({
      total: 51,
      success: 0,
      failed: 51,
    });
    expect((await api('DELETE', `/promotions/1/codes?id:in=${many}`)).body.meta).toEqual({
      total: 51,
      success: 0,
      failed: 51,
    });
    const limited = await c('DELETE', `/promotions/1/codes?id:in=${many}`);
    expect(limited.body.errors[0].title).toContain('50');
  });

  it('generates hashes and rejects duplicates or bad ones', () => {
    const a = sb.createStore();
    expect(a.storeHash).toMatch(/^sandbox\d+$/);
    expect(() => sb.createStore({ hash: a.storeHash })).toThrow(/exists/);
    expect(() => sb.createStore({ hash: 'Bad Hash' })).toThrow();
  });

  it('codes in one store never collide with another store (each store is its own namespace)', async () => {
    const s = sb.createStore({ bulkCodes: 0 });
    const c = apiClient(sb, { base: s.apiBase, token: s.tokens.modify });
    const existing = sb.codes(1)[0]!.code;
    expect((await c('POST', '/promotions/2/codes', { code: existing })).status).toBe(201);
  });
});

describe('configure', () => {
  it('rejects bad values with an Error', () => {
    expect(() => sb.configure({ plan: 'gold' as never })).toThrow(/plan/);
    expect(() => sb.configure({ windowMs: 0 })).toThrow(/windowMs/);
    expect(() => sb.configure({ latencyMs: -1 })).toThrow(/latencyMs/);
    expect(() => sb.configure({ faults: { drop: 2 } })).toThrow(/drop/);
    expect(() => sb.configure({ quota: 1.5 })).toThrow(/quota/);
  });
});

describe('inspection over HTTP', () => {
  it('GET /__sandbox/stats (default and ?store=)', async () => {
    const r = await inspect('GET', 'stats');
    expect(r.status).toBe(200);
    expect(Object.keys(r.body.perEndpoint).sort()).toEqual(
      [
        'codegen',
        'createCode',
        'deleteCode',
        'deleteCodeByCode',
        'deleteCodes',
        'findCode',
        'listCodes',
        'other',
        'promotion',
        'promotions',
        'storeInfo',
      ].sort(),
    );
    expect(r.body.codes['1']).toBeTypeOf('number');
    expect((await inspect('GET', 'stats?store=isolated1')).body.codes['1']).toBe(5);
    expect((await inspect('GET', 'stats?store=nope')).status).toBe(404);
  });

  it('GET /__sandbox/codes?promotion=&store=', async () => {
    const r = await inspect('GET', 'codes?promotion=1');
    expect(r.status).toBe(200);
    expect(r.body).toEqual(sb.codes(1));
    expect((await inspect('GET', 'codes?promotion=1&store=isolated1')).body).toHaveLength(5);
    expect((await inspect('GET', 'codes?promotion=77')).status).toBe(404);
    expect((await inspect('GET', 'codes')).status).toBe(404);
  });

  it('POST /__sandbox/configure and /__sandbox/reset', async () => {
    expect((await inspect('POST', 'configure', { plan: 'pro' })).status).toBe(200);
    expect((await api('GET', '/promotions')).headers.get('x-rate-limit-requests-quota')).toBe(
      '450',
    );
    expect((await inspect('POST', 'configure', { quota: 7 })).status).toBe(200);
    expect((await api('GET', '/promotions')).headers.get('x-rate-limit-requests-quota')).toBe('7');
    expect((await inspect('POST', 'configure', { quota: null, plan: 'unlimited' })).status).toBe(
      200,
    );
    expect(
      Number((await api('GET', '/promotions')).headers.get('x-rate-limit-requests-quota')),
    ).toBeGreaterThan(1e6);
    expect((await inspect('POST', 'configure', { plan: 'gold' })).status).toBe(422);
    expect((await inspect('POST', 'configure', '{oops')).status).toBe(400);
    await api('POST', '/promotions/2/codegen', { batch_size: 2 });
    expect(sb.stats().codes[2]).toBe(2);
    expect((await inspect('POST', 'reset')).status).toBe(200);
    expect(sb.stats().codes[2]).toBe(0);
  });

  it('POST /__sandbox/stores creates a store; GET /__sandbox/info describes the default one', async () => {
    const r = await inspect('POST', 'stores', { bulkCodes: 2 });
    expect(r.status).toBe(201);
    expect(r.body.tokens.modify).toMatch(/^[a-z0-9]{31}$/);
    expect(sb.stats(r.body.storeHash).codes[1]).toBe(2);
    expect((await inspect('POST', 'stores', { hash: r.body.storeHash })).status).toBe(422);
    const info = await inspect('GET', 'info');
    expect(info.body).toMatchObject({
      storeHash: 'sandbox1',
      tokens: sb.tokens,
      spkiSha256: sb.cert.spkiSha256,
      apiBase: sb.apiBase,
    });
  });

  it('unknown inspection path 404, wrong method 405, no auth needed, no rate headers', async () => {
    expect((await inspect('GET', 'nope')).status).toBe(404);
    const r = await inspect('GET', 'reset');
    expect(r.status).toBe(405);
    expect(r.headers.get('x-rate-limit-requests-left')).toBeNull();
  });
});
