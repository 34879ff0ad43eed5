/** configure({hostile}) settings that rewrite list answers: total, repeatCursor, endlessCursor, huge bodies. */
import { request } from 'node:https';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../sandbox/cursor';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiClient, expectRateHeaders, type Api } from './helpers';

let sb: Sandbox;
let api: Api;

beforeAll(async () => {
  sb = await startSandbox({ seed: { bulkCodes: 30 } });
  api = apiClient(sb);
});
beforeEach(() => {
  sb.configure({ hostile: {} });
  sb.reset();
});
afterAll(() => sb.close());

/** Raw GET through node:https, to see the framing headers fetch hides or normalises. */
function rawGet(path: string): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  const url = new URL(sb.apiBase + path);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        ca: sb.cert.pem,
        servername: 'localhost',
        headers: { 'X-Auth-Token': sb.tokens.modify },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('hostile.total', () => {
  it('replaces pagination.total and total_pages; the data and cursor-only answers are unchanged', async () => {
    const honest = await api('GET', '/promotions/1/codes?limit=10');
    sb.configure({ hostile: { total: 1_000_000 } });
    const r = await api('GET', '/promotions/1/codes?limit=10');
    expect(r.body.data).toEqual(honest.body.data);
    expect(r.body.meta.pagination).toMatchObject({
      total: 1_000_000,
      total_pages: 100_000,
      count: 10,
      per_page: 10,
    });
    expect(r.body.meta.cursor_pagination).toEqual(honest.body.meta.cursor_pagination);
    const paged = await api('GET', '/promotions/1/codes?page=2&limit=7');
    expect(paged.body.meta.pagination).toMatchObject({
      total: 1_000_000,
      total_pages: 142_858,
      current_page: 2,
    });
    const cursorOnly = await api(
      'GET',
      `/promotions/1/codes?after=${honest.body.meta.cursor_pagination.end_cursor}`,
    );
    expect(cursorOnly.body.meta.pagination).toBeUndefined();
    sb.configure({ hostile: { total: 0 } });
    expect((await api('GET', '/promotions/1/codes')).body.meta.pagination).toMatchObject({
      total: 0,
      total_pages: 0,
      count: 30,
    });
    sb.configure({ hostile: { total: 3 } });
    expect((await api('GET', '/promotions/1/codes?limit=2')).body.meta.pagination).toMatchObject({
      total: 3,
      total_pages: 2,
    });
    // Only list-codes answers: the promotions list keeps its true total.
    expect((await api('GET', '/promotions')).body.meta.pagination.total).toBe(4);
  });
});

describe('hostile.repeatCursor', () => {
  it("hands back the request's own after cursor, so following next never ends", async () => {
    sb.configure({ hostile: { repeatCursor: true } });
    const first = await api('GET', '/promotions/1/codes?limit=10');
    const c1 = first.body.meta.cursor_pagination.end_cursor;
    expect(decodeCursor(c1)).toBe(first.body.data[9].id); // the first page's own end cursor
    expect(first.body.meta.cursor_pagination.links.next).toBe(`?limit=10&after=${c1}`);
    let next: string = first.body.meta.cursor_pagination.links.next;
    const ids = first.body.data.map((c: { id: number }) => c.id);
    for (let i = 0; i < 5; i++) {
      const r = await api('GET', `/promotions/1/codes${next}`);
      expect(r.status).toBe(200);
      expect(r.body.meta.cursor_pagination.end_cursor).toBe(c1);
      expect(r.body.data.map((c: { id: number }) => c.id)).toEqual(
        sb
          .codes(1)
          .slice(10, 20)
          .map((c) => c.id),
      ); // the true page after c1
      next = r.body.meta.cursor_pagination.links.next;
      expect(next).toBe(`?limit=10&after=${c1}`);
    }
    expect(ids).toHaveLength(10);
  });

  it('also past the end (an empty page still points at the same cursor) and keeps the code filter', async () => {
    sb.configure({ hostile: { repeatCursor: true } });
    const last = encodeCursor(1_000_000);
    const r = await api('GET', `/promotions/1/codes?limit=5&after=${last}`);
    expect(r.body.data).toEqual([]);
    expect(r.body.meta.cursor_pagination).toMatchObject({
      end_cursor: last,
      links: { next: `?limit=5&after=${last}` },
    });
    const code = sb.codes(1)[0]!.code;
    const f = await api('GET', `/promotions/1/codes?code=${code}&after=${last}`);
    expect(f.body.meta.cursor_pagination.links.next).toBe(`?limit=50&after=${last}&code=${code}`);
  });
});

describe('hostile.endlessCursor', () => {
  it('answers every after request with a full page of made-up codes above the cursor, and a next link, forever', async () => {
    sb.configure({ hostile: { endlessCursor: true } });
    const first = await api('GET', '/promotions/1/codes?limit=25');
    expect(first.body.data).toHaveLength(25); // the first page is the true one
    let next: string = first.body.meta.cursor_pagination.links.next;
    let lastId = first.body.data[24].id as number;
    for (let i = 0; i < 6; i++) {
      const r = await api('GET', `/promotions/1/codes${next}`);
      expect(r.status).toBe(200);
      const ids = r.body.data.map((c: { id: number }) => c.id);
      expect(ids).toEqual(Array.from({ length: 25 }, (_, k) => lastId + 1 + k));
      for (const c of r.body.data)
        expect(c).toMatchObject({ code: expect.stringMatching(/^[A-Z0-9]{16}$/), current_uses: 0 });
      expect(r.body.meta.cursor_pagination).toMatchObject({ count: 25, per_page: 25 });
      expect(decodeCursor(r.body.meta.cursor_pagination.end_cursor)).toBe(ids[24]);
      next = r.body.meta.cursor_pagination.links.next;
      expect(next).toBe(`?limit=25&after=${r.body.meta.cursor_pagination.end_cursor}`);
      lastId = ids[24];
    }
    expect(sb.stats().codes[1]).toBe(30); // nothing stored
    // The same cursor gives the same made-up codes.
    const a = await api('GET', `/promotions/1/codes?limit=3&after=${encodeCursor(500)}`);
    const b = await api('GET', `/promotions/1/codes?limit=3&after=${encodeCursor(500)}`);
    expect(a.body.data.map((c: { code: string }) => c.code)).toEqual(
      b.body.data.map((c: { code: string }) => c.code),
    );
  });

  it('with repeatCursor too, the made-up page comes back under the same cursor', async () => {
    sb.configure({ hostile: { endlessCursor: true, repeatCursor: true } });
    const c = encodeCursor(40);
    const r = await api('GET', `/promotions/1/codes?limit=2&after=${c}`);
    expect(r.body.data.map((x: { id: number }) => x.id)).toEqual([41, 42]);
    expect(r.body.meta.cursor_pagination.links.next).toBe(`?limit=2&after=${c}`);
  });

  it('leaves errors alone: a bad cursor is still 422, a non-bulk promotion still 405', async () => {
    sb.configure({ hostile: { endlessCursor: true, repeatCursor: true, total: 5 } });
    expect((await api('GET', '/promotions/1/codes?after=nope')).status).toBe(422);
    expect((await api('GET', `/promotions/3/codes?after=${encodeCursor(1)}`)).status).toBe(405);
  });
});

describe('hostile.hugeBodyBytes and hugeBodyChunked', () => {
  it('pads list answers with JSON whitespace to at least that size, with a matching Content-Length', async () => {
    const size = 3 * 1024 * 1024 + 17;
    sb.configure({ hostile: { hugeBodyBytes: size } });
    const honest = JSON.parse((await rawGet('/promotions/1/codes?limit=5')).body) as unknown; // padded, but the same JSON
    const r = await rawGet('/promotions/1/codes?limit=5');
    expect(r.status).toBe(200);
    expect(Buffer.byteLength(r.body)).toBe(size);
    expect(r.headers['content-length']).toBe(String(size));
    expect(r.headers['transfer-encoding']).toBeUndefined();
    expect(r.body.endsWith(' }')).toBe(true);
    expect(JSON.parse(r.body)).toEqual(honest);
    expectRateHeaders(new Headers(r.headers as Record<string, string>));
    for (const path of ['/promotions', `/promotions/codes?code=${sb.codes(1)[0]!.code}`]) {
      expect(Buffer.byteLength((await rawGet(path)).body), path).toBe(size);
    }
    // Not lists: single objects and errors keep their size.
    expect(Buffer.byteLength((await rawGet('/promotions/1')).body)).toBeLessThan(10_000);
    expect(Buffer.byteLength((await rawGet('/promotions/1/codes?limit=0')).body)).toBeLessThan(
      10_000,
    );
  });

  it('a body already bigger than the size is sent as is', async () => {
    sb.configure({ hostile: { hugeBodyBytes: 10 } });
    const r = await rawGet('/promotions/1/codes');
    expect(r.headers['content-length']).toBe(String(Buffer.byteLength(r.body)));
    expect(r.body).not.toMatch(/ {2}/);
  });

  it('hugeBodyChunked sends without Content-Length, chunked, padded or not', async () => {
    sb.configure({ hostile: { hugeBodyBytes: 2_000_000, hugeBodyChunked: true } });
    const r = await rawGet('/promotions/1/codes?limit=5');
    expect(r.headers['content-length']).toBeUndefined();
    expect(r.headers['transfer-encoding']).toBe('chunked');
    expect(Buffer.byteLength(r.body)).toBe(2_000_000);
    expect(JSON.parse(r.body).data).toHaveLength(5);
    sb.configure({ hostile: { hugeBodyChunked: true } });
    const plain = await rawGet('/promotions/1/codes?limit=5');
    expect(plain.headers['transfer-encoding']).toBe('chunked');
    expect(JSON.parse(plain.body).data).toHaveLength(5);
    const viaFetch = await api('GET', '/promotions/1/codes?limit=5');
    expect(viaFetch.body.data).toHaveLength(5);
  });

  it('a client that hangs up mid-body does not hurt the server', async () => {
    sb.configure({ hostile: { hugeBodyBytes: 64 * 1024 * 1024, hugeBodyChunked: true } });
    const url = new URL(`${sb.apiBase}/promotions/1/codes`);
    await new Promise<void>((resolve) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          ca: sb.cert.pem,
          servername: 'localhost',
          headers: { 'X-Auth-Token': sb.tokens.modify },
        },
        (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        },
      );
      req.on('error', () => resolve());
      req.end();
    });
    sb.configure({ hostile: {} });
    expect((await api('GET', '/promotions/1/codes?limit=1')).status).toBe(200);
  });
});
