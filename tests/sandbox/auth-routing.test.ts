import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiClient, expectRateHeaders, type Api } from './helpers';

let sb: Sandbox;
let api: Api;

beforeAll(async () => {
  sb = await startSandbox({ seed: { bulkCodes: 20 } });
  api = apiClient(sb);
});
afterAll(() => sb.close());

describe('auth', () => {
  it('401 without a token, with the gateway body shape and rate headers', async () => {
    const r = await apiClient(sb, { token: null })('GET', '/promotions');
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect(typeof r.body.detail).toBe('string');
    expectRateHeaders(r.headers);
  });

  it('401 with an unknown token', async () => {
    const r = await apiClient(sb, { token: 'x'.repeat(31) })('GET', '/promotions');
    expect(r.status).toBe(401);
  });

  it('accepts the header in any case', async () => {
    const r = await sb.fetch(`${sb.apiBase}/promotions`, {
      headers: { 'x-AUTH-token': sb.tokens.readOnly },
    });
    expect(r.status).toBe(200);
  });

  it('a read-only token reads but cannot write (403, spec ErrorResponse403 shape)', async () => {
    const ro = apiClient(sb, { token: sb.tokens.readOnly });
    expect((await ro('GET', '/promotions/1/codes')).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', '/promotions/1/codegen', { batch_size: 1 }],
      ['POST', '/promotions/1/codes', { code: 'RO1' }],
      ['DELETE', '/promotions/1/codes?id:in=1', undefined],
      ['DELETE', '/promotions/1/codes/1', undefined],
    ] as const) {
      const r = await ro(method, path, body);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body).toMatchObject({ status: '403' });
      expect(typeof r.body.title).toBe('string');
      expect(typeof r.body.error).toBe('string');
      expectRateHeaders(r.headers);
    }
    expect(sb.stats().codes[1]).toBe(20);
  });

  it('unknown store hash -> 404', async () => {
    const r = await apiClient(sb, { base: `${sb.origin}/stores/nosuchstore/v3` })(
      'GET',
      '/promotions',
    );
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ status: 404, title: 'Not Found' });
    expectRateHeaders(r.headers);
  });

  it('a token of another store is 401 there', async () => {
    const other = sb.createStore({ bulkCodes: 0 });
    const r = await apiClient(sb, { base: other.apiBase })('GET', '/promotions');
    expect(r.status).toBe(401);
    const ok = await apiClient(sb, { base: other.apiBase, token: other.tokens.modify })(
      'GET',
      '/promotions',
    );
    expect(ok.status).toBe(200);
  });
});

describe('routing and HTTP errors', () => {
  it('unknown API route -> 404 JSON', async () => {
    for (const path of [
      '/nope',
      '/promotions/1/codes/1/extra',
      '/promotions/',
      '',
      '//promotions',
    ]) {
      const r = await api('GET', path);
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/application\/json/);
      expect(r.body.status).toBe(404);
    }
  });

  it('unknown route outside the API -> 404 JSON', async () => {
    const r = await sb.fetch(`${sb.origin}/whatever`);
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ status: 404 });
  });

  it('wrong method -> 405 JSON with Allow', async () => {
    const cases: Array<[string, string, string]> = [
      ['PATCH', '/promotions', 'GET'],
      ['GET', '/promotions/1/codegen', 'POST'],
      ['PUT', '/promotions/1/codes', 'GET, POST, DELETE'],
      ['GET', '/promotions/1/codes/5', 'DELETE'],
    ];
    for (const [method, path, allow] of cases) {
      const r = await api(method, path);
      expect(r.status, `${method} ${path}`).toBe(405);
      expect(r.headers.get('allow')).toBe(allow);
      expect(r.body).toMatchObject({ status: '405', title: 'Method Not Allowed' });
      expectRateHeaders(r.headers);
    }
  });

  it('a non-numeric or unknown promotion id -> 404 ErrorResponse', async () => {
    for (const id of ['999', 'abc', '-1', '1.5']) {
      const r = await api('GET', `/promotions/${id}`);
      expect(r.status, id).toBe(404);
      expect(r.body.errors[0]).toMatchObject({ status: 404 });
    }
  });

  it('body not JSON -> 400 (spec ErrorResponse400, status as a string)', async () => {
    for (const body of ['{', 'not json', '', '{"batch_size": 1,}']) {
      const r = await api('POST', '/promotions/1/codegen', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body).toMatchObject({ status: '400', title: 'Bad Request' });
      expect(typeof r.body.detail).toBe('string');
      expect(typeof r.body.type).toBe('string');
    }
    const r = await api('POST', '/promotions/1/codes', 'garbage');
    expect(r.status).toBe(400);
  });

  it('bodies over 1 MB -> 413 JSON, and the server still answers', async () => {
    const big = JSON.stringify({ batch_size: 1, prefix: 'A', pad: 'x'.repeat(1024 * 1024) });
    const r = await api('POST', '/promotions/1/codegen', big);
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ status: 413 });
    expect(sb.stats().codes[1]).toBe(20);
    expect((await api('GET', '/promotions/1')).status).toBe(200);
  });

  it('query strings over 16 KB -> 414 JSON', async () => {
    const r = await api('GET', `/promotions/1/codes?code=${'A'.repeat(17 * 1024)}`);
    expect(r.status).toBe(414);
    expect(r.body).toMatchObject({ status: 414 });
    expectRateHeaders(r.headers);
  });

  it('never crashes on garbage; still answers afterwards', async () => {
    const garbage: Array<[string, string, string | undefined]> = [
      ['GET', '/promotions/1/codes?limit=%E0%A4%A', undefined],
      ['GET', '/promotions/1/codes?after=%00%ff', undefined],
      ['GET', '/promotions/1/codes?before=eyJpZCI6Ii0xIn0', undefined],
      ['GET', '/promotions/1/codes?after=' + Buffer.from('null').toString('base64url'), undefined],
      [
        'GET',
        '/promotions/1/codes?after=' + Buffer.from('{"id":{}}').toString('base64url'),
        undefined,
      ],
      ['DELETE', '/promotions/1/codes?id:in=' + '9'.repeat(400), undefined],
      ['DELETE', '/promotions/1/codes?id%3Ain=,,,', undefined],
      ['POST', '/promotions/1/codegen', 'null'],
      ['POST', '/promotions/1/codegen', '[]'],
      ['POST', '/promotions/1/codegen', '"str"'],
      ['POST', '/promotions/1/codegen', '{"batch_size":1e400}'],
      ['POST', '/promotions/1/codegen', '{"__proto__":{"batch_size":1}}'],
      ['POST', '/promotions/1/codegen', '{"batch_size":1,"exclude_characters":"ABC"}'],
      ['POST', '/promotions/1/codegen', '{"batch_size":1,"exclude_characters":[null,1,{}]}'],
      ['POST', '/promotions/1/codes', '{"code":null}'],
      ['POST', '/promotions/1/codes', '{"code":["A"]}'],
      ['POST', '/promotions/%ZZ/codes', '{}'],
      [
        'GET',
        '/promotions?limit=abc&page=-1&id=x&sort=zzz&direction=up&redemption_type=bogus',
        undefined,
      ],
    ];
    for (const [method, path, body] of garbage) {
      const r = await api(method, path, body);
      expect(r.status, `${method} ${path} ${body}`).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.body, `${method} ${path}`).toBeTypeOf('object');
    }
    expect((await api('GET', '/promotions')).status).toBe(200);
  });

  it('survives raw malformed HTTP on the socket', async () => {
    const raw = (payload: string) =>
      new Promise<string>((resolve) => {
        const s = connect(
          { host: '127.0.0.1', port: sb.port, ca: sb.cert.pem, servername: 'localhost' },
          () => s.write(payload),
        );
        let out = '';
        s.on('data', (d) => (out += d.toString()));
        s.on('close', () => resolve(out));
        s.on('error', () => resolve(out));
        setTimeout(() => s.destroy(), 1000);
      });
    expect(await raw('THIS IS NOT HTTP\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(
      await raw(`GET /x HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(70 * 1024)}\r\n\r\n`),
    ).toMatch(/^HTTP\/1\.1 431/);
    expect(
      await raw(
        'GET https://api.bigcommerce.com/stores/sandbox1/v3/promotions HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
      ),
    ).toMatch(/^HTTP\/1\.1 401/);
    expect((await api('GET', '/promotions')).status).toBe(200);
  });
});
