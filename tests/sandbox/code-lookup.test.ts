/**
 * Lookups by code text: GET / DELETE /promotions/codes?code=, GET /promotions?code=,
 * and POST /promotions/{id}/codes (duplicates, and the same gateway as codegen).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeCursor } from '../../sandbox/cursor';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiClient, expectNoRateHeaders, expectRateHeaders, type Api } from './helpers';

let sb: Sandbox;
let api: Api;

beforeAll(async () => {
  sb = await startSandbox({ seed: { bulkCodes: 40 } });
  api = apiClient(sb);
});
beforeEach(() => {
  sb.configure({
    faults: {},
    hostile: {},
    quota: undefined,
    plan: 'unlimited',
    latencyMs: 0,
    jitterMs: 0,
  });
  sb.reset();
});
afterAll(() => sb.close());

describe('GET /promotions/codes?code=', () => {
  it('finds one code store-wide, ignoring case, whatever promotion holds it', async () => {
    const target = sb.codes(1)[7]!;
    for (const q of [target.code, target.code.toLowerCase()]) {
      const r = await api('GET', `/promotions/codes?code=${encodeURIComponent(q)}`);
      expect(r.status).toBe(200);
      expect(r.body.data).toEqual([target]);
      const cp = r.body.meta.cursor_pagination;
      expect(cp).toEqual({
        count: 1,
        per_page: 50,
        start_cursor: expect.any(String),
        end_cursor: expect.any(String),
        links: {},
      });
      expect(decodeCursor(cp.start_cursor)).toBe(target.id);
      expect(r.body.meta.pagination).toBeUndefined();
      expectRateHeaders(r.headers);
    }
    const single = await api('GET', '/promotions/codes?code=welcome10');
    expect(single.body.data).toEqual([expect.objectContaining({ code: 'WELCOME10' })]);
  });

  it('exact match only: a prefix or an unknown code gives an empty list', async () => {
    const code = sb.codes(1)[0]!.code;
    for (const q of [code.slice(0, 8), 'NOPE', `${code}X`, ' ']) {
      const r = await api('GET', `/promotions/codes?code=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(200);
      expect(r.body).toEqual({
        data: [],
        meta: { cursor_pagination: { count: 0, per_page: 50, links: {} } },
      });
    }
  });

  it('422 without a code; read-only tokens may look up; counted as findCode', async () => {
    for (const q of ['', '?code=', '?limit=5']) {
      const r = await api('GET', `/promotions/codes${q}`);
      expect(r.status, q).toBe(422);
      expect(r.body.errors[0]).toMatchObject({
        status: 422,
        detail: expect.stringContaining("'code'"),
      });
    }
    expect(
      (
        await apiClient(sb, { token: sb.tokens.readOnly })(
          'GET',
          '/promotions/codes?code=WELCOME10',
        )
      ).status,
    ).toBe(200);
    expect(sb.stats().perEndpoint.findCode.requests).toBe(4);
    expect(sb.stats().perEndpoint.promotion.requests).toBe(0); // not taken for /promotions/{id}
  });

  it('the route wins over /promotions/{id}; other methods get 405 with Allow', async () => {
    const r = await api('POST', '/promotions/codes', { code: 'X' });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET, DELETE');
    expect((await api('GET', '/promotions/1')).status).toBe(200);
    expect((await api('GET', '/promotions/codes/extra')).status).toBe(404);
  });

  it('in-flight cap 40', async () => {
    sb.configure({ latencyMs: 1000, jitterMs: 0 });
    const rs = await Promise.all(
      Array.from({ length: 45 }, () => api('GET', '/promotions/codes?code=WELCOME10')),
    );
    expect(rs.filter((r) => r.status === 429)).toHaveLength(5);
    expect(sb.stats().perEndpoint.findCode.maxInFlight).toBe(40);
  });
});

describe('DELETE /promotions/codes?code=', () => {
  it('deletes the code wherever it is (ignoring case); 204 whether or not it existed', async () => {
    const [a, b] = sb.codes(1);
    expect((await api('DELETE', `/promotions/codes?code=${a!.code.toLowerCase()}`)).status).toBe(
      204,
    );
    expect(sb.codes(1).some((c) => c.id === a!.id)).toBe(false);
    const again = await api('DELETE', `/promotions/codes?code=${a!.code}`);
    expect(again.status).toBe(204);
    expect(again.text).toBe('');
    expect((await api('DELETE', '/promotions/codes?code=NEVER-EXISTED')).status).toBe(204);
    expect((await api('DELETE', '/promotions/codes?code=WELCOME10')).status).toBe(204);
    expect(sb.stats().codes).toEqual({ 1: 39, 2: 0, 3: 0, 4: 0 });
    expect(sb.codes(1)[0]).toEqual(b);
    expect(sb.stats().perEndpoint.deleteCodeByCode.requests).toBe(4);
  });

  it('needs the modify token (403) and a code (422)', async () => {
    const code = sb.codes(1)[0]!.code;
    const ro = await apiClient(sb, { token: sb.tokens.readOnly })(
      'DELETE',
      `/promotions/codes?code=${code}`,
    );
    expect(ro.status).toBe(403);
    expect((await api('DELETE', '/promotions/codes')).status).toBe(422);
    expect(sb.stats().codes[1]).toBe(40);
  });
});

describe('GET /promotions?code=', () => {
  it('returns the promotion holding that code, bulk or single, ignoring case', async () => {
    const ids = async (q: string) =>
      (await api('GET', `/promotions?code=${encodeURIComponent(q)}`)).body.data.map(
        (p: { id: number }) => p.id,
      );
    const bulkCode = sb.codes(1)[12]!.code;
    expect(await ids(bulkCode)).toEqual([1]);
    expect(await ids(bulkCode.toLowerCase())).toEqual([1]);
    expect(await ids('welcome10')).toEqual([3]);
    expect(await ids('NOPE')).toEqual([]);
    expect(await ids(bulkCode.slice(0, 5))).toEqual([]);
    const [added] = sb.addCodes(2, ['IN-EMPTY-PROMO']);
    expect(await ids(added!.code)).toEqual([2]);
    const r = await api('GET', `/promotions?code=${bulkCode}`);
    expect(r.body.meta.pagination).toMatchObject({ total: 1, count: 1 });
  });
});

describe('POST /promotions/{id}/codes', () => {
  it('a code already in the store (any promotion, any case) -> 409, nothing created', async () => {
    const existing = sb.codes(1)[0]!.code;
    for (const code of [existing, existing.toLowerCase(), 'welcome10']) {
      const r = await api('POST', '/promotions/2/codes', { code });
      expect(r.status, code).toBe(409);
      expect(r.body).toMatchObject({
        status: 409,
        title: 'Conflict',
        detail: expect.stringContaining('already exists'),
      });
      expectRateHeaders(r.headers);
    }
    expect((await api('POST', '/promotions/2/codes', { code: 'NEW-ONE' })).status).toBe(201);
    expect((await api('POST', '/promotions/1/codes', { code: 'new-one' })).status).toBe(409);
    expect(sb.stats().codes[2]).toBe(1);
  });

  it('goes through the same gateway as codegen: quota, faults, redirect, hostile', async () => {
    sb.configure({ plan: 'standard', quota: 2 });
    expect((await api('POST', '/promotions/2/codes', { code: 'Q1' })).status).toBe(201);
    expect((await api('POST', '/promotions/2/codes', { code: 'Q2' })).status).toBe(201);
    const q = await api('POST', '/promotions/2/codes', { code: 'Q3' });
    expect(q.status).toBe(429);
    expect(expectRateHeaders(q.headers).left).toBe(0);
    sb.configure({ quota: undefined, plan: 'unlimited', faults: { error500: 1 } });
    expect((await api('POST', '/promotions/2/codes', { code: 'F1' })).status).toBe(500);
    sb.configure({ faults: { burst429: 1, burstMs: 50 } });
    const burst = await api('POST', '/promotions/2/codes', { code: 'F2' });
    expect(burst.status).toBe(429);
    expectNoRateHeaders(burst.headers);
    sb.configure({ faults: { redirect: 1 } });
    const redirected = await sb.fetch(`${sb.apiBase}/promotions/2/codes`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'X-Auth-Token': sb.tokens.modify, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: 'F3' }),
    });
    expect(redirected.status).toBe(307);
    sb.configure({ faults: {}, hostile: { always429: true } });
    expect((await api('POST', '/promotions/2/codes', { code: 'F4' })).status).toBe(429);
    expect(sb.codes(2).map((c) => c.code)).toEqual(['Q1', 'Q2']);
    sb.configure({ hostile: {}, faults: { drop: 1 } });
    await expect(api('POST', '/promotions/2/codes', { code: 'D1' })).rejects.toThrow();
    expect(sb.codes(2).map((c) => c.code)).toEqual(['Q1', 'Q2', 'D1']); // done, then dropped
    const s = sb.stats().perEndpoint.createCode;
    expect(s).toMatchObject({
      errors500: 1,
      redirected: 1,
      dropped: 1,
      status429NoHeaders: 1,
      status429: 3,
    });
  });

  it("in-flight cap 40 (the spec's figure for this endpoint)", async () => {
    sb.configure({ latencyMs: 1000, jitterMs: 0 });
    const rs = await Promise.all(
      Array.from({ length: 45 }, (_, i) =>
        api('POST', '/promotions/2/codes', { code: `CAP-${i}` }),
      ),
    );
    expect(rs.filter((r) => r.status === 429)).toHaveLength(5);
    expect(rs.filter((r) => r.status === 201)).toHaveLength(40);
    expect(sb.stats().perEndpoint.createCode.maxInFlight).toBe(40);
  });
});
