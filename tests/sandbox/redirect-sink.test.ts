/** The sink (a second HTTPS server standing for another host) and the redirect fault that points at it. */
import { request } from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../sandbox/cli-args';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiClient, expectNoRateHeaders, type Api } from './helpers';

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

const manual = (path: string, init: RequestInit = {}) =>
  sb.fetch(`${sb.apiBase}${path}`, {
    redirect: 'manual',
    ...init,
    headers: { 'X-Auth-Token': sb.tokens.modify, ...init.headers },
  });

describe('the sink', () => {
  it('is another origin on loopback, trusted through the same certificate', () => {
    expect(sb.sink.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(sb.sink.origin).not.toBe(sb.origin);
  });

  it('records every request and answers 200 with an empty page of codes', async () => {
    const r = await sb.fetch(
      `${sb.sink.origin}/stores/sandbox1/v3/promotions/1/codes?limit=5&after=abc`,
      { headers: { 'X-Auth-Token': 'secret' } },
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    const body = await r.json();
    expect(body.data).toEqual([]);
    expect(body.meta.cursor_pagination).toMatchObject({ count: 0, per_page: 50, links: {} });
    expect(body.meta.pagination).toMatchObject({ total: 0, total_pages: 0 });
    const post = await sb.fetch(`${sb.sink.origin}/x`, { method: 'POST', body: '{"a":1}' });
    expect(post.status).toBe(200);
    const recs = sb.sink.requests();
    expect(recs).toHaveLength(2);
    expect(recs[0]).toEqual({
      method: 'GET',
      path: '/stores/sandbox1/v3/promotions/1/codes',
      query: 'limit=5&after=abc',
      hadToken: true,
      at: expect.any(Number),
    });
    expect(recs[1]).toMatchObject({ method: 'POST', path: '/x', query: '', hadToken: false });
    expect(Math.abs(recs[0]!.at - Date.now())).toBeLessThan(10_000);
  });

  it('GET /__sandbox/sink lists the records; sink.reset(), DELETE and reset() clear them', async () => {
    await sb.fetch(`${sb.sink.origin}/one`);
    const listed = await (await sb.fetch(`${sb.origin}/__sandbox/sink`)).json();
    expect(listed).toEqual(sb.sink.requests());
    expect(listed).toHaveLength(1);
    sb.sink.reset();
    expect(sb.sink.requests()).toEqual([]);
    await sb.fetch(`${sb.sink.origin}/two`);
    expect((await sb.fetch(`${sb.origin}/__sandbox/sink`, { method: 'DELETE' })).status).toBe(204);
    expect(sb.sink.requests()).toEqual([]);
    await sb.fetch(`${sb.sink.origin}/three`);
    sb.reset();
    expect(sb.sink.requests()).toEqual([]);
  });

  it('GET /__sandbox/info names the sink', async () => {
    const info = await (await sb.fetch(`${sb.origin}/__sandbox/info`)).json();
    expect(info.sinkOrigin).toBe(sb.sink.origin);
  });

  it('closes with the sandbox', async () => {
    const local = await startSandbox({ seed: { bulkCodes: 0 } });
    const { origin } = local.sink;
    await local.close();
    const port = Number(new URL(origin).port);
    const refused = await new Promise<boolean>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/', rejectUnauthorized: false }, () =>
        resolve(false),
      );
      req.on('error', () => resolve(true));
      req.end();
    });
    expect(refused).toBe(true);
  });
});

describe('faults.redirect', () => {
  it('answers 307 to the sink with the same path and query, before any work, without rate headers', async () => {
    sb.configure({ faults: { redirect: 1 } });
    const r = await manual('/promotions/2/codegen?x=1&y=%20', {
      method: 'POST',
      body: JSON.stringify({ batch_size: 5 }),
    });
    expect(r.status).toBe(307);
    expect(r.headers.get('location')).toBe(
      `${sb.sink.origin}/stores/sandbox1/v3/promotions/2/codegen?x=1&y=%20`,
    );
    expectNoRateHeaders(r.headers as unknown as Headers);
    expect(sb.stats().codes[2]).toBe(0);
    const g = await manual('/promotions/1/codes');
    expect(g.headers.get('location')).toBe(
      `${sb.sink.origin}/stores/sandbox1/v3/promotions/1/codes`,
    );
    const s = sb.stats();
    expect(s.perEndpoint.codegen).toMatchObject({ requests: 1, redirected: 1 });
    expect(s.perEndpoint.listCodes).toMatchObject({ requests: 1, redirected: 1 });
    expect(sb.sink.requests()).toEqual([]); // nobody followed
  });

  it('spends no quota', async () => {
    sb.configure({ faults: { redirect: 1 }, quota: 5, plan: 'standard' });
    try {
      for (let i = 0; i < 8; i++) expect((await manual('/promotions/1')).status).toBe(307);
      sb.configure({ faults: {} });
      expect((await api('GET', '/promotions/1')).headers.get('x-rate-limit-requests-left')).toBe(
        '4',
      );
    } finally {
      sb.configure({ quota: undefined, plan: 'unlimited' });
    }
  });

  it('a client that follows it lands on the sink, is fooled by a 200, and leaks its token', async () => {
    sb.configure({ faults: { redirect: 1 } });
    const r = await api('GET', '/promotions/1/codes?limit=10'); // fetch follows redirects by default
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual([]);
    const recs = sb.sink.requests();
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({
      method: 'GET',
      path: '/stores/sandbox1/v3/promotions/1/codes',
      query: 'limit=10',
      hadToken: true,
    });
  });

  it('about that fraction of requests is redirected; the rest are answered', async () => {
    sb.configure({ faults: { redirect: 0.3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await manual('/promotions/1')).status);
    const n = statuses.filter((s) => s === 307).length;
    expect(n).toBeGreaterThan(30);
    expect(n).toBeLessThan(90);
    expect(statuses.every((s) => s === 200 || s === 307)).toBe(true);
    expect(sb.stats().perEndpoint.promotion.redirected).toBe(n);
  });

  it('never touches /__sandbox or the panel', async () => {
    sb.configure({ faults: { redirect: 1 } });
    expect((await sb.fetch(`${sb.origin}/__sandbox/stats`, { redirect: 'manual' })).status).toBe(
      200,
    );
    expect((await sb.fetch(sb.panelUrl, { redirect: 'manual' })).status).toBe(200);
  });

  it('is validated like the other faults and settable over HTTP and from the command line', async () => {
    expect(() => sb.configure({ faults: { redirect: 1.5 } })).toThrow(
      'faults.redirect must be a fraction between 0 and 1',
    );
    expect(() => sb.configure({ faults: { redirect: '1' as never } })).toThrow(/faults.redirect/);
    const post = (body: unknown) =>
      sb.fetch(`${sb.origin}/__sandbox/configure`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post({ faults: { redirect: -1 } })).status).toBe(422);
    expect((await post({ faults: { redirect: 1 } })).status).toBe(200);
    expect((await manual('/promotions')).status).toBe(307);
    expect(parseCliArgs(['--faults-redirect', '0.25'], {})).toMatchObject({
      kind: 'run',
      options: { faults: { redirect: 0.25 } },
    });
    expect(parseCliArgs([], { SANDBOX_FAULTS_REDIRECT: '1' })).toMatchObject({
      kind: 'run',
      options: { faults: { redirect: 1 } },
    });
    expect(parseCliArgs(['--faults-redirect', '2'], {}).kind).toBe('error');
  });
});
