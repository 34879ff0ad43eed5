import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiClient, type Api } from './helpers';

let sb: Sandbox;
let api: Api;

beforeAll(async () => {
  sb = await startSandbox({ seed: { bulkCodes: 120 } });
  api = apiClient(sb);
});
afterAll(() => sb.close());

interface Page {
  data: Array<{ id: number; code: string }>;
  meta: {
    cursor_pagination?: {
      count: number;
      per_page: number;
      start_cursor?: string;
      end_cursor?: string;
      links: { next?: string; previous?: string };
    };
    pagination?: {
      total: number;
      count: number;
      per_page: number;
      current_page: number;
      total_pages: number;
      links: Record<string, string>;
    };
  };
}

async function get(path: string, client = api): Promise<Page> {
  const r = await client('GET', path);
  expect(r.status, path).toBe(200);
  return r.body as Page;
}

/** Follows links.next from the first page until an empty page; returns every id seen. */
async function walkForward(client: Api, promotion: number, limit: number): Promise<number[]> {
  const ids: number[] = [];
  let page = await get(`/promotions/${promotion}/codes?limit=${limit}`, client);
  for (let guard = 0; guard < 10_000; guard++) {
    ids.push(...page.data.map((c) => c.id));
    const next = page.meta.cursor_pagination!.links.next;
    if (page.data.length === 0) {
      expect(next).toBeUndefined();
      break;
    }
    expect(next).toBeDefined();
    page = await get(`/promotions/${promotion}/codes${next}`, client);
    expect(page.meta.pagination).toBeUndefined();
  }
  return ids;
}

async function walkBackward(
  client: Api,
  promotion: number,
  limit: number,
  fromCursor: string,
): Promise<number[]> {
  const chunks: number[][] = [];
  let path: string | undefined = `?limit=${limit}&before=${fromCursor}`;
  while (path) {
    const page = await get(`/promotions/${promotion}/codes${path}`, client);
    chunks.unshift(page.data.map((c) => c.id));
    path = page.meta.cursor_pagination!.links.previous;
  }
  return chunks.flat();
}

describe('GET /promotions/{id}/codes meta shapes', () => {
  it('no pagination parameter: both cursor_pagination and pagination', async () => {
    const p = await get('/promotions/1/codes');
    expect(p.data).toHaveLength(50);
    expect(Object.keys(p.meta).sort()).toEqual(['cursor_pagination', 'pagination']);
    const cp = p.meta.cursor_pagination!;
    expect(cp).toMatchObject({ count: 50, per_page: 50 });
    expect(cp.links.previous).toBeUndefined();
    expect(cp.links.next).toBe(`?limit=50&after=${cp.end_cursor}`);
    expect(p.meta.pagination).toEqual({
      total: 120,
      count: 50,
      per_page: 50,
      current_page: 1,
      total_pages: 3,
      links: { current: '?page=1&limit=50', next: '?page=2&limit=50' },
    });
  });

  it('data items have exactly the CouponCode fields, ids ascending', async () => {
    const p = await get('/promotions/1/codes?limit=5');
    for (const c of p.data)
      expect(Object.keys(c).sort()).toEqual([
        'code',
        'created',
        'current_uses',
        'id',
        'max_uses',
        'max_uses_per_customer',
      ]);
    const ids = p.data.map((c) => c.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('cursor given: only cursor_pagination, with previous after the first page', async () => {
    const first = await get('/promotions/1/codes?limit=10');
    const second = await get(
      `/promotions/1/codes?limit=10&after=${first.meta.cursor_pagination!.end_cursor}`,
    );
    expect(Object.keys(second.meta)).toEqual(['cursor_pagination']);
    const cp = second.meta.cursor_pagination!;
    expect(cp.count).toBe(10);
    expect(cp.links.previous).toBe(`?limit=10&before=${cp.start_cursor}`);
    expect(cp.links.next).toBe(`?limit=10&after=${cp.end_cursor}`);
    expect(second.data[0]!.id).toBe(first.data[9]!.id + 1);
  });

  it('page given: only pagination with previous/current/next', async () => {
    const p = await get('/promotions/1/codes?page=2&limit=50');
    expect(Object.keys(p.meta)).toEqual(['pagination']);
    expect(p.meta.pagination).toEqual({
      total: 120,
      count: 50,
      per_page: 50,
      current_page: 2,
      total_pages: 3,
      links: {
        previous: '?page=1&limit=50',
        current: '?page=2&limit=50',
        next: '?page=3&limit=50',
      },
    });
    const past = await get('/promotions/1/codes?page=9');
    expect(past.data).toEqual([]);
    expect(past.meta.pagination).toMatchObject({ count: 0, current_page: 9, total: 120 });
  });

  it('an empty result has no cursors and no links', async () => {
    const p = await get('/promotions/2/codes');
    expect(p.data).toEqual([]);
    expect(p.meta.cursor_pagination).toEqual({ count: 0, per_page: 50, links: {} });
    expect(p.meta.pagination).toMatchObject({ total: 0, count: 0, total_pages: 0 });
  });

  it('cursors are opaque strings, not numbers', async () => {
    const p = await get('/promotions/1/codes?limit=1');
    const cursor = p.meta.cursor_pagination!.start_cursor!;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toMatch(/^\d+$/);
    expect(Number.isNaN(Number(cursor))).toBe(true);
  });
});

describe('limits and parameter errors', () => {
  it('limit 1..250 is honoured', async () => {
    expect((await get('/promotions/1/codes?limit=1')).data).toHaveLength(1);
    expect((await get('/promotions/1/codes?limit=250')).data).toHaveLength(120);
  });

  it('422 for limit out of 1..250 (not clamped), bad page, bad cursors, combined parameters', async () => {
    const c = (await get('/promotions/1/codes?limit=1')).meta.cursor_pagination!.end_cursor!;
    const bad = [
      'limit=0',
      'limit=251',
      'limit=abc',
      'limit=2.5',
      'page=0',
      'page=x',
      'after=notacursor!',
      'before=' + Buffer.from('{"id":"x"}').toString('base64url'),
      'after=' + Buffer.from('123').toString('base64url'),
      `after=${c}&before=${c}`,
      `after=${c}&page=1`,
      `before=${c}&page=2`,
    ];
    for (const q of bad) {
      const r = await api('GET', `/promotions/1/codes?${q}`);
      expect(r.status, q).toBe(422);
      expect(r.body.errors[0]).toMatchObject({ status: 422 });
    }
  });

  it('404 unknown promotion, 405 on non-bulk promotions', async () => {
    expect((await api('GET', '/promotions/99/codes')).status).toBe(404);
    expect((await api('GET', `/promotions/${sb.promotions.single}/codes`)).status).toBe(405);
    expect((await api('GET', `/promotions/${sb.promotions.automatic}/codes`)).status).toBe(405);
  });
});

describe('code filter', () => {
  it('finds one code, case-insensitively, and keeps the filter in links', async () => {
    const target = sb.codes(1)[7]!;
    const p = await get(`/promotions/1/codes?code=${target.code.toLowerCase()}`);
    expect(p.data.map((c) => c.id)).toEqual([target.id]);
    expect(p.meta.pagination!.total).toBe(1);
    expect(p.meta.cursor_pagination!.links.next).toBe(
      `?limit=50&after=${p.meta.cursor_pagination!.end_cursor}&code=${target.code.toLowerCase()}`,
    );
    const next = await get(`/promotions/1/codes${p.meta.cursor_pagination!.links.next}`);
    expect(next.data).toEqual([]);
  });

  it('a code of another promotion or an unknown code gives an empty list', async () => {
    expect((await get('/promotions/1/codes?code=WELCOME10')).data).toEqual([]);
    expect((await get('/promotions/1/codes?code=NOPE')).data).toEqual([]);
  });
});

describe('walking all pages', () => {
  it('forward with after, backward with before, and by page, each code exactly once', async () => {
    const truth = sb.codes(1).map((c) => c.id);
    expect(await walkForward(api, 1, 7)).toEqual(truth);
    const last = await get('/promotions/1/codes?limit=1&page=120');
    const lastCursor = last.data.length
      ? Buffer.from(JSON.stringify({ id: String(last.data[0]!.id + 1) })).toString('base64url')
      : '';
    // Backward from just past the last id (a cursor we build only to start the walk).
    expect(await walkBackward(api, 1, 9, lastCursor)).toEqual(truth);
    const byPage: number[] = [];
    for (let page = 1; ; page++) {
      const p = await get(`/promotions/1/codes?page=${page}&limit=25`);
      if (p.data.length === 0) break;
      byPage.push(...p.data.map((c) => c.id));
    }
    expect(byPage).toEqual(truth);
  });

  it('property: random totals, deletions and limits list every code exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 250 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        async (total, limit, deletions) => {
          const store = sb.createStore({ bulkCodes: total });
          const client = apiClient(sb, { base: store.apiBase, token: store.tokens.modify });
          const all = sb.codes(1, store.storeHash).map((c) => c.id);
          const doomed = [
            ...new Set(deletions.filter(() => all.length > 0).map((n) => all[n % all.length]!)),
          ];
          for (let i = 0; i < doomed.length; i += 250) {
            const r = await client(
              'DELETE',
              `/promotions/1/codes?id:in=${doomed.slice(i, i + 250).join(',')}`,
            );
            expect(r.status).toBe(204);
          }
          const truth = sb.codes(1, store.storeHash).map((c) => c.id);
          expect(truth.length).toBe(total - doomed.length);
          expect(await walkForward(client, 1, limit)).toEqual(truth);
          const first = await get(`/promotions/1/codes?limit=${limit}`, client);
          expect(first.meta.pagination!.total).toBe(truth.length);
          expect(first.meta.pagination!.total_pages).toBe(Math.ceil(truth.length / limit));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a cursor still works after its code was deleted', async () => {
    const store = sb.createStore({ bulkCodes: 30 });
    const client = apiClient(sb, { base: store.apiBase, token: store.tokens.modify });
    const p = await get('/promotions/1/codes?limit=10', client);
    const ids = p.data.map((c) => c.id);
    expect((await client('DELETE', `/promotions/1/codes?id:in=${ids.join(',')}`)).status).toBe(204);
    const next = await get(`/promotions/1/codes${p.meta.cursor_pagination!.links.next}`, client);
    expect(next.data[0]!.id).toBe(ids[9]! + 1);
    const back = await get(
      `/promotions/1/codes?limit=10&before=${next.meta.cursor_pagination!.start_cursor}`,
      client,
    );
    expect(back.data).toEqual([]);
    expect(back.meta.cursor_pagination!.links).toEqual({});
  });
});
