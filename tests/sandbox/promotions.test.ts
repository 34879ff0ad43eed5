import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiClient, type Api } from './helpers';

let sb: Sandbox;
let api: Api;

beforeAll(async () => {
  sb = await startSandbox({ seed: { bulkCodes: 10 } });
  api = apiClient(sb);
});
afterAll(() => sb.close());

describe('GET /promotions', () => {
  it('lists the seeded promotions by id with pagination meta', async () => {
    const r = await api('GET', '/promotions');
    expect(r.status).toBe(200);
    expect(r.body.data.map((p: { id: number }) => p.id)).toEqual([1, 2, 3, 4]);
    expect(r.body.meta.pagination).toEqual({
      total: 4,
      count: 4,
      per_page: 50,
      current_page: 1,
      total_pages: 1,
      links: { current: '?page=1&limit=50' },
    });
  });

  it('shapes promotions per type', async () => {
    const { data } = (await api('GET', '/promotions')).body;
    const [bulk, empty, single, auto] = data;
    expect(bulk).toMatchObject({
      id: sb.promotions.bulk,
      name: 'Spring sale — bulk codes',
      redemption_type: 'COUPON',
      coupon_type: 'BULK',
      status: 'ENABLED',
    });
    expect(empty).toMatchObject({
      id: sb.promotions.bulkEmpty,
      redemption_type: 'COUPON',
      coupon_type: 'BULK',
    });
    expect(single).toMatchObject({
      id: sb.promotions.single,
      redemption_type: 'COUPON',
      coupon_type: 'SINGLE',
    });
    expect(single.codes).toMatchObject({ code: 'WELCOME10' });
    expect(auto).toMatchObject({ id: sb.promotions.automatic, redemption_type: 'AUTOMATIC' });
    expect(auto.coupon_type).toBeUndefined();
    for (const p of data) {
      expect(Array.isArray(p.rules) && p.rules.length > 0).toBe(true);
      expect(p.rules[0].action).toBeTypeOf('object');
    }
  });

  it('filters by id, name, redemption_type, status, code', async () => {
    const ids = async (q: string) =>
      (await api('GET', `/promotions?${q}`)).body.data.map((p: { id: number }) => p.id);
    expect(await ids('id=3')).toEqual([3]);
    expect(await ids('name=spring')).toEqual([1]);
    expect(await ids('redemption_type=automatic')).toEqual([4]);
    expect(await ids('redemption_type=coupon')).toEqual([1, 2, 3]);
    expect(await ids('redemption_type=')).toEqual([1, 2, 3, 4]);
    expect(await ids('status=ENABLED')).toEqual([1, 2, 3, 4]);
    expect(await ids('status=DISABLED')).toEqual([]);
    expect(await ids('code=WELCOME10')).toEqual([3]);
    expect(await ids('sort=name&direction=desc')).toEqual([3, 2, 1, 4]);
  });

  it('pages with page and limit', async () => {
    const r = await api('GET', '/promotions?page=2&limit=3');
    expect(r.body.data.map((p: { id: number }) => p.id)).toEqual([4]);
    expect(r.body.meta.pagination).toMatchObject({
      total: 4,
      count: 1,
      per_page: 3,
      current_page: 2,
      total_pages: 2,
    });
    expect(r.body.meta.pagination.links).toEqual({
      current: '?page=2&limit=3',
      previous: '?page=1&limit=3',
    });
  });

  it('422 on invalid query parameters', async () => {
    for (const q of [
      'limit=0',
      'limit=251',
      'limit=x',
      'page=0',
      'id=abc',
      'redemption_type=bogus',
      'sort=price',
      'direction=sideways',
    ]) {
      const r = await api('GET', `/promotions?${q}`);
      expect(r.status, q).toBe(422);
      expect(r.body.errors[0]).toMatchObject({ status: 422 });
    }
  });
});

describe('GET /promotions/{id}', () => {
  it('returns one promotion with empty meta', async () => {
    const r = await api('GET', '/promotions/1');
    expect(r.status).toBe(200);
    expect(r.body.meta).toEqual({});
    expect(r.body.data).toMatchObject({ id: 1, coupon_type: 'BULK' });
  });

  it('404 for an unknown id', async () => {
    const r = await api('GET', '/promotions/77');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ errors: [expect.objectContaining({ status: 404 })] });
  });
});
