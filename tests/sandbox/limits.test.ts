import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiClient, expectRateHeaders, sleep, type Api } from './helpers';

let sb: Sandbox;
let api: Api;

beforeAll(async () => {
  sb = await startSandbox({ seed: { bulkCodes: 300 } });
  api = apiClient(sb);
});
beforeEach(() => {
  sb.configure({
    plan: 'unlimited',
    limits: 'current',
    latencyMs: 0,
    jitterMs: 0,
    windowMs: 30_000,
    quota: undefined,
    faults: {},
  });
  sb.reset();
});
afterAll(() => sb.close());

describe('rate-limit headers', () => {
  it('are on every API response: success, 4xx, 404 route, 405', async () => {
    sb.configure({ plan: 'standard' });
    const responses = await Promise.all([
      api('GET', '/promotions'),
      api('GET', '/promotions/1'),
      api('GET', '/promotions/1/codes'),
      api('POST', '/promotions/2/codegen', { batch_size: 1 }),
      api('POST', '/promotions/2/codegen', { batch_size: 0 }),
      api('POST', '/promotions/2/codes', { code: 'HDR1' }),
      api('DELETE', '/promotions/1/codes?id:in=1'),
      api('DELETE', '/promotions/1/codes/2'),
      api('GET', '/promotions/999'),
      api('GET', '/nowhere'),
      api('PATCH', '/promotions'),
    ]);
    for (const r of responses) {
      const h = expectRateHeaders(r.headers);
      expect(h.window).toBe(30_000);
      expect(h.quota).toBe(150);
      expect(h.reset).toBeGreaterThan(0);
      expect(h.reset).toBeLessThanOrEqual(30_000);
    }
  });

  it('plan quotas: standard 150, pro 450; unlimited sends a very large quota', async () => {
    for (const [plan, quota] of [
      ['standard', 150],
      ['pro', 450],
    ] as const) {
      sb.configure({ plan });
      expect(expectRateHeaders((await api('GET', '/promotions')).headers).quota).toBe(quota);
    }
    sb.configure({ plan: 'unlimited' });
    const h = expectRateHeaders((await api('GET', '/promotions')).headers);
    expect(h.quota).toBeGreaterThan(1_000_000);
    expect(h.left).toBeGreaterThan(1_000_000);
  });

  it('Requests-Left counts down for admitted requests only', async () => {
    sb.configure({ quota: 10 });
    const a = expectRateHeaders((await api('GET', '/promotions')).headers).left;
    const b = expectRateHeaders((await api('GET', '/promotions')).headers).left;
    expect(a).toBe(9);
    expect(b).toBe(8);
    await apiClient(sb, { token: null })('GET', '/promotions'); // 401: not admitted
    expect(expectRateHeaders((await api('GET', '/promotions')).headers).left).toBe(7);
  });
});

describe('quota exhaustion and refresh', () => {
  it('429 with Requests-Left 0 once the quota is spent; refreshes with the window', async () => {
    sb.configure({ quota: 5, windowMs: 400 });
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await api('GET', '/promotions/1'));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    const h = expectRateHeaders(results[5]!.headers);
    expect(h.left).toBe(0);
    expect(h.quota).toBe(5);
    expect(h.reset).toBeGreaterThan(0);
    expect(h.reset).toBeLessThanOrEqual(400);
    expect(results[5]!.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
    const s = sb.stats();
    expect(s.quota429).toBe(3);
    expect(s.concurrency429).toBe(0);
    expect(s.perEndpoint.promotion).toMatchObject({
      requests: 8,
      status429: 3,
      status429NoHeaders: 0,
    });
    await sleep(h.reset + 20);
    const after = await api('GET', '/promotions/1');
    expect(after.status).toBe(200);
    expect(expectRateHeaders(after.headers).left).toBe(4);
  });

  it('429s do not spend quota; the quota is per store', async () => {
    sb.configure({ quota: 2, windowMs: 10_000 });
    await api('GET', '/promotions');
    await api('GET', '/promotions');
    for (let i = 0; i < 5; i++) expect((await api('GET', '/promotions')).status).toBe(429);
    const other = sb.createStore({ bulkCodes: 0 });
    const r = await apiClient(sb, { base: other.apiBase, token: other.tokens.modify })(
      'GET',
      '/promotions',
    );
    expect(r.status).toBe(200);
    expect(expectRateHeaders(r.headers).left).toBe(1);
  });
});

describe('in-flight caps', () => {
  /** Opens n keep-alive connections first, so TLS handshakes do not spread the burst out in time. */
  async function burst(n: number, call: () => Promise<{ status: number; headers: Headers }>) {
    await Promise.all(
      Array.from({ length: n }, () =>
        sb.fetch(`${sb.origin}/__sandbox/stats`).then((r) => r.text()),
      ),
    );
    return Promise.all(Array.from({ length: n }, call));
  }

  it('codegen: more than 10 at once -> 429 with headers (Requests-Left > 0), maxInFlight <= 10', async () => {
    sb.configure({ latencyMs: 1000, jitterMs: 0, plan: 'pro' });
    const rs = await burst(16, () => api('POST', '/promotions/2/codegen', { batch_size: 1 }));
    const ok = rs.filter((r) => r.status === 201);
    const limited = rs.filter((r) => r.status === 429);
    expect(ok.length).toBe(10);
    expect(limited.length).toBe(6);
    for (const r of limited) expect(expectRateHeaders(r.headers).left).toBeGreaterThan(0);
    const s = sb.stats();
    expect(s.perEndpoint.codegen.maxInFlight).toBe(10);
    expect(s.perEndpoint.codegen.status429).toBe(6);
    expect(s.concurrency429).toBe(6);
    expect(s.quota429).toBe(0);
    expect(s.codes[2]).toBe(10);
  });

  it('list: 10 in flight on current, 40 on legacy', async () => {
    sb.configure({ latencyMs: 1000, jitterMs: 0 });
    let rs = await burst(14, () => api('GET', '/promotions/1/codes?limit=5'));
    expect(rs.filter((r) => r.status === 429).length).toBe(4);
    expect(sb.stats().perEndpoint.listCodes.maxInFlight).toBe(10);
    sb.reset();
    sb.configure({ limits: 'legacy' });
    rs = await burst(44, () => api('GET', '/promotions/1/codes?limit=5'));
    expect(rs.filter((r) => r.status === 429).length).toBe(4);
    expect(sb.stats().perEndpoint.listCodes.maxInFlight).toBe(40);
  });

  it('delete: 40 in flight; caps are per endpoint (other endpoints unaffected)', async () => {
    sb.configure({ latencyMs: 1000, jitterMs: 0 });
    const all = sb.codes(1).map((c) => c.id);
    let i = 0;
    const [rs, promo] = await Promise.all([
      burst(42, () => api('DELETE', `/promotions/1/codes?id:in=${all[i++]}`)),
      api('GET', '/promotions/1'),
    ]);
    expect(rs.filter((r) => r.status === 429).length).toBe(2);
    expect(rs.filter((r) => r.status === 204).length).toBe(40);
    expect(promo.status).toBe(200);
    expect(sb.stats().perEndpoint.deleteCodes.maxInFlight).toBe(40);
  });

  it('a slot frees up when a request finishes', async () => {
    sb.configure({ latencyMs: 60, jitterMs: 0 });
    const first = await burst(10, () => api('POST', '/promotions/2/codegen', { batch_size: 1 }));
    expect(first.every((r) => r.status === 201)).toBe(true);
    const second = await burst(10, () => api('POST', '/promotions/2/codegen', { batch_size: 1 }));
    expect(second.every((r) => r.status === 201)).toBe(true);
  });

  it('latency with jitter stays within bounds', async () => {
    sb.configure({ latencyMs: 80, jitterMs: 20 });
    const t = Date.now();
    await api('GET', '/promotions/1');
    const dt = Date.now() - t;
    expect(dt).toBeGreaterThanOrEqual(58);
    expect(dt).toBeLessThan(400);
  });
});
