import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiClient, expectRateHeaders, type Api } from './helpers';

let sb: Sandbox;
let api: Api;

beforeAll(async () => {
  sb = await startSandbox({ seed: { bulkCodes: 600 } });
  api = apiClient(sb);
});
beforeEach(() => {
  sb.reset();
  sb.configure({ limits: 'current' });
});
afterAll(() => sb.close());

const ids = (n: number, from = 0) =>
  sb
    .codes(1)
    .slice(from, from + n)
    .map((c) => c.id);
const del = (list: Array<number | string>) =>
  api('DELETE', `/promotions/1/codes?id:in=${list.join(',')}`);

describe('DELETE /promotions/{id}/codes?id:in=', () => {
  it('204 with an empty body, and the codes are gone', async () => {
    const doomed = ids(3);
    const r = await del(doomed);
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    expectRateHeaders(r.headers);
    expect(sb.codes(1).some((c) => doomed.includes(c.id))).toBe(false);
    expect(sb.stats().codes[1]).toBe(597);
  });

  it('accepts a percent-encoded parameter name', async () => {
    const r = await api('DELETE', `/promotions/1/codes?id%3Ain=${ids(2).join('%2C')}`);
    expect(r.status).toBe(204);
    expect(sb.stats().codes[1]).toBe(598);
  });

  it('422 when id:in is missing (spec example body)', async () => {
    const r = await api('DELETE', '/promotions/1/codes');
    expect(r.status).toBe(422);
    expect(r.body).toEqual({
      errors: [
        {
          status: 422,
          title: 'Parameter id:in is required',
          type: 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes',
        },
      ],
      meta: { total: 0, success: 0, failed: 0 },
    });
  });

  it('422 when malformed, nothing deleted', async () => {
    for (const q of [
      'id:in=',
      'id:in=1,,2',
      'id:in=a,b',
      'id:in=1.5',
      'id:in=-1',
      'id:in=1,',
      'id:in= 1',
      'id=1',
    ]) {
      const r = await api('DELETE', `/promotions/1/codes?${q}`);
      expect(r.status, q).toBe(422);
      expect(r.body.meta).toEqual({ total: 0, success: 0, failed: 0 });
      expect(r.body.errors[0].status).toBe(422);
    }
    expect(sb.stats().codes[1]).toBe(600);
  });

  it('current profile: 250 ids allowed, 251 -> 422 and nothing deleted', async () => {
    expect((await del(ids(251))).status).toBe(422);
    expect(sb.stats().codes[1]).toBe(600);
    expect((await del(ids(250))).status).toBe(204);
    expect(sb.stats().codes[1]).toBe(350);
  });

  it('legacy profile: 50 ids allowed, 51 -> 422', async () => {
    sb.configure({ limits: 'legacy' });
    const r = await del(ids(51));
    expect(r.status).toBe(422);
    expect(r.body.meta).toEqual({ total: 51, success: 0, failed: 51 });
    expect(sb.stats().codes[1]).toBe(600);
    expect((await del(ids(50))).status).toBe(204);
    expect(sb.stats().codes[1]).toBe(550);
  });

  it('partial success: deletes what exists, 422 with meta and per-item errors', async () => {
    const [a, b] = ids(2);
    const foreign = sb.codes(sb.promotions.single)[0]!.id; // a code of another promotion
    const r = await del([a!, 999999, b!, foreign]);
    expect(r.status).toBe(422);
    expect(r.body.meta).toEqual({ total: 4, success: 2, failed: 2 });
    expect(r.body.errors[0]).toMatchObject({
      status: 422,
      title: 'Errors occurred in bulk delete action.',
    });
    expect(Object.keys(r.body.errors[0].errors).sort()).toEqual(['1.id', '3.id']);
    expect(r.body.errors[0].errors['1.id']).toContain('id=999999');
    expect(sb.codes(1).some((c) => c.id === a || c.id === b)).toBe(false);
    expect(sb.stats().codes[sb.promotions.single]).toBe(1);
  });

  it('deleting the same ids again reports them all failed', async () => {
    const doomed = ids(3);
    await del(doomed);
    const r = await del(doomed);
    expect(r.status).toBe(422);
    expect(r.body.meta).toEqual({ total: 3, success: 0, failed: 3 });
  });

  it('repeated ids in one request count once', async () => {
    const [a] = ids(1);
    expect((await del([a!, a!])).status).toBe(204);
  });

  it('404 unknown promotion, 405 non-bulk', async () => {
    expect((await api('DELETE', '/promotions/42/codes?id:in=1')).status).toBe(404);
    expect((await api('DELETE', `/promotions/${sb.promotions.single}/codes?id:in=1`)).status).toBe(
      405,
    );
  });
});

describe('DELETE /promotions/{id}/codes/{code_id}', () => {
  it('204 and the code is gone', async () => {
    const [a] = ids(1);
    const r = await api('DELETE', `/promotions/1/codes/${a}`);
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    expect(sb.codes(1).some((c) => c.id === a)).toBe(false);
  });

  it('204 for a code that does not exist (per spec) without touching other promotions', async () => {
    const foreign = sb.codes(sb.promotions.single)[0]!.id;
    expect((await api('DELETE', '/promotions/1/codes/999999')).status).toBe(204);
    expect((await api('DELETE', `/promotions/2/codes/${foreign}`)).status).toBe(204);
    expect(sb.stats().codes[sb.promotions.single]).toBe(1);
  });
});
