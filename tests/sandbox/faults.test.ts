import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiClient, expectNoRateHeaders, expectRateHeaders, sleep, type Api } from './helpers';

let sb: Sandbox;
let api: Api;

beforeAll(async () => {
  sb = await startSandbox({ seed: { bulkCodes: 10 } });
  api = apiClient(sb);
});
beforeEach(() => {
  sb.configure({ faults: {} });
  sb.reset();
});
afterAll(() => sb.close());

describe('faults', () => {
  it('error500: a 500 JSON response and nothing created', async () => {
    sb.configure({ faults: { error500: 1 } });
    const r = await api('POST', '/promotions/2/codegen', { batch_size: 5 });
    expect(r.status).toBe(500);
    expect(r.body.errors[0]).toMatchObject({ status: 500 });
    expectRateHeaders(r.headers);
    expect(sb.stats().codes[2]).toBe(0);
    const d = await api('DELETE', `/promotions/1/codes?id:in=${sb.codes(1)[0]!.id}`);
    expect(d.status).toBe(500);
    expect(sb.stats().codes[1]).toBe(10);
    expect(sb.stats().perEndpoint.codegen.errors500).toBe(1);
    expect(sb.stats().perEndpoint.deleteCodes.errors500).toBe(1);
  });

  it('drop: the work is done, then the connection is destroyed without a response', async () => {
    sb.configure({ faults: { drop: 1 } });
    await expect(api('POST', '/promotions/2/codegen', { batch_size: 7 })).rejects.toThrow();
    expect(sb.stats().codes[2]).toBe(7);
    expect(sb.stats().perEndpoint.codegen.dropped).toBe(1);
    sb.configure({ faults: {} });
    expect((await api('GET', '/promotions/2')).status).toBe(200);
  });

  it('burst429: 429s without rate-limit headers and no work done', async () => {
    sb.configure({ faults: { burst429: 1, burstMs: 200 } });
    const first = await api('POST', '/promotions/2/codegen', { batch_size: 1 });
    expect(first.status).toBe(429);
    expectNoRateHeaders(first.headers);
    expect(first.body).toMatchObject({ status: 429 });
    expect(sb.stats().codes[2]).toBe(0);
    sb.configure({ faults: {} }); // ends the burst at once
    expect((await api('GET', '/promotions')).status).toBe(200);
  });

  it('a burst lasts burstMs after the request that started it', async () => {
    // A controllable rng: low values make the fault roll fire.
    let next = 0.99;
    const local = await startSandbox({
      seed: { bulkCodes: 0 },
      faults: { burst429: 0.5, burstMs: 250 },
      rng: () => next,
    });
    try {
      const c = apiClient(local);
      next = 0.1;
      const during = [await c('POST', '/promotions/2/codegen', { batch_size: 1 })];
      next = 0.99; // later rolls would not start a burst: only its duration matters now
      for (let i = 0; i < 2; i++)
        during.push(await c('POST', '/promotions/2/codegen', { batch_size: 1 }));
      for (const r of during) {
        expect(r.status).toBe(429);
        expectNoRateHeaders(r.headers);
      }
      expect(local.stats().codes[2]).toBe(0);
      await sleep(300);
      const after = await c('POST', '/promotions/2/codegen', { batch_size: 1 });
      expect(after.status).toBe(201);
      expectRateHeaders(after.headers);
      const s = local.stats();
      expect(s.perEndpoint.codegen).toMatchObject({
        requests: 4,
        status429: 3,
        status429NoHeaders: 3,
      });
      expect(s.quota429 + s.concurrency429).toBe(0);
    } finally {
      await local.close();
    }
  });

  it('faults never touch /__sandbox or the panel', async () => {
    sb.configure({ faults: { error500: 1, drop: 1, burst429: 1 } });
    expect((await sb.fetch(`${sb.origin}/__sandbox/stats`)).status).toBe(200);
    expect((await sb.fetch(`${sb.panelUrl}`)).status).toBe(200);
    expect((await sb.fetch(`${sb.origin}/__sandbox/panel-data`)).status).toBe(200);
  });

  it('fractions apply to about that share of requests', async () => {
    sb.configure({ faults: { error500: 0.3 } });
    const rs = [];
    for (let i = 0; i < 200; i++) rs.push((await api('GET', '/promotions/1')).status);
    const n500 = rs.filter((s) => s === 500).length;
    expect(n500).toBeGreaterThan(30);
    expect(n500).toBeLessThan(90);
    expect(rs.every((s) => s === 200 || s === 500)).toBe(true);
  });
});
