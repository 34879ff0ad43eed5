/** configure({hostile}): lying rate-limit headers, endless 429s, validation and lifetime. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiClient, expectRateHeaders, RATE_HEADERS, type Api } from './helpers';

let sb: Sandbox;
let api: Api;

beforeAll(async () => {
  sb = await startSandbox({ seed: { bulkCodes: 30 } });
  api = apiClient(sb);
});
beforeEach(() => {
  sb.configure({ hostile: {}, faults: {}, plan: 'standard', quota: undefined });
  sb.reset();
});
afterAll(() => sb.close());

const configureOverHttp = (body: unknown) =>
  sb
    .fetch(`${sb.origin}/__sandbox/configure`, { method: 'POST', body: JSON.stringify(body) })
    .then(async (r) => ({ status: r.status, body: await r.json() }));

describe('hostile.rateHeaders', () => {
  it('replace the header values on every API response with the raw strings', async () => {
    sb.configure({
      hostile: {
        rateHeaders: {
          resetMs: '1000000000000',
          windowMs: '1000000000000',
          quota: 'lots',
          left: '-3',
        },
      },
    });
    const responses = await Promise.all([
      api('GET', '/promotions'),
      api('GET', '/promotions/1/codes'),
      api('POST', '/promotions/2/codegen', { batch_size: 1 }),
      api('GET', '/promotions/999'),
      api('GET', '/nowhere'),
      api('PATCH', '/promotions'),
      apiClient(sb, { token: null })('GET', '/promotions'),
      apiClient(sb, { base: `${sb.origin}/stores/nosuch/v3` })('GET', '/promotions'),
    ]);
    for (const r of responses) {
      expect(r.headers.get('x-rate-limit-time-reset-ms')).toBe('1000000000000');
      expect(r.headers.get('x-rate-limit-time-window-ms')).toBe('1000000000000');
      expect(r.headers.get('x-rate-limit-requests-quota')).toBe('lots');
      expect(r.headers.get('x-rate-limit-requests-left')).toBe('-3');
    }
    expect(sb.stats().codes[2]).toBe(1); // the work itself is unchanged
  });

  it('only the given headers are replaced; a quota 429 still happens for real', async () => {
    sb.configure({ quota: 2, hostile: { rateHeaders: { resetMs: '0' } } });
    await api('GET', '/promotions');
    const second = expectRateHeaders((await api('GET', '/promotions')).headers);
    expect(second).toMatchObject({ reset: 0, quota: 2, left: 0, window: 30_000 });
    const limited = await api('GET', '/promotions');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-rate-limit-time-reset-ms')).toBe('0');
    expect(limited.headers.get('x-rate-limit-requests-left')).toBe('0');
  });

  it('never touch /__sandbox or the panel', async () => {
    sb.configure({ hostile: { rateHeaders: { left: '7' } } });
    for (const url of [`${sb.origin}/__sandbox/stats`, sb.panelUrl]) {
      const r = await sb.fetch(url);
      for (const h of RATE_HEADERS) expect(r.headers.get(h)).toBeNull();
    }
  });
});

describe('hostile.always429', () => {
  it('answers every API request 429 with rate-limit headers (left > 0, reset 1000), doing no work', async () => {
    sb.configure({ hostile: { always429: true } });
    for (const [method, path, body] of [
      ['POST', '/promotions/2/codegen', { batch_size: 5 }],
      ['GET', '/promotions/1/codes', undefined],
      ['DELETE', `/promotions/1/codes?id:in=${sb.codes(1)[0]!.id}`, undefined],
      ['GET', '/promotions', undefined],
    ] as const) {
      const r = await api(method, path, body);
      expect(r.status, path).toBe(429);
      expect(r.body).toMatchObject({ status: 429, title: 'Too Many Requests' });
      const h = expectRateHeaders(r.headers);
      expect(h.left).toBeGreaterThan(0);
      expect(h.reset).toBe(1000);
      expect(h.quota).toBe(150);
    }
    expect(sb.stats().codes).toEqual({ 1: 30, 2: 0, 3: 1, 4: 0 });
    const s = sb.stats();
    expect(s.perEndpoint.codegen).toMatchObject({
      requests: 1,
      status429: 1,
      status429NoHeaders: 0,
    });
    expect(s.quota429 + s.concurrency429).toBe(0);
  });

  it('spends no quota, keeps left > 0 even when the quota is spent, and yields to rateHeaders', async () => {
    sb.configure({ quota: 1 });
    await api('GET', '/promotions'); // spends the only request of the window
    sb.configure({ hostile: { always429: true } });
    const r = await api('GET', '/promotions');
    expect(expectRateHeaders(r.headers)).toMatchObject({ left: 1, reset: 1000, quota: 1 });
    sb.configure({ hostile: { always429: true, rateHeaders: { resetMs: '5', left: '0' } } });
    const o = await api('GET', '/promotions');
    expect(o.status).toBe(429);
    expect(expectRateHeaders(o.headers)).toMatchObject({ left: 0, reset: 5 });
  });

  it('comes after the token and route checks (those answers are unchanged)', async () => {
    sb.configure({ hostile: { always429: true } });
    expect((await apiClient(sb, { token: null })('GET', '/promotions')).status).toBe(401);
    expect((await api('GET', '/nowhere')).status).toBe(404);
    expect(
      (
        await apiClient(sb, { token: sb.tokens.readOnly })('POST', '/promotions/2/codegen', {
          batch_size: 1,
        })
      ).status,
    ).toBe(403);
  });
});

describe('configuring hostile', () => {
  it('rejects bad settings with plain messages, in-process and over HTTP (422)', async () => {
    const bad: Array<[unknown, RegExp]> = [
      ['yes', /hostile must be an object/],
      [[], /hostile must be an object/],
      [{ always429: 'true' }, /hostile.always429 must be true or false/],
      [{ repeatCursor: 1 }, /hostile.repeatCursor must be true or false/],
      [{ total: 'many' }, /hostile.total must be a finite number/],
      [{ hugeBodyBytes: -1 }, /hostile.hugeBodyBytes must be an integer/],
      [{ hugeBodyBytes: 1.5 }, /hostile.hugeBodyBytes must be an integer/],
      [{ hugeBodyBytes: 2 ** 40 }, /hostile.hugeBodyBytes must be an integer/],
      [{ rateHeaders: 'x' }, /hostile.rateHeaders must be an object/],
      [{ rateHeaders: { left: 5 } }, /hostile.rateHeaders.left must be a string/],
      [{ rateHeaders: { left: 'a\r\nSet-Cookie: x' } }, /no line breaks/],
      [{ rateHeaders: { remaining: '1' } }, /hostile.rateHeaders.remaining is not a header/],
      [{ always492: true }, /hostile.always492 is not a setting/],
    ];
    for (const [hostile, message] of bad) {
      expect(() => sb.configure({ hostile: hostile as never }), JSON.stringify(hostile)).toThrow(
        message,
      );
      const r = await configureOverHttp({ hostile });
      expect(r.status, JSON.stringify(hostile)).toBe(422);
      expect(r.body.detail).toMatch(message);
    }
    // A rejected configure changes nothing.
    expect((await api('GET', '/promotions')).status).toBe(200);
  });

  it('is set over HTTP, kept by reset(), replaced whole by the next configure, cleared by {}', async () => {
    expect((await configureOverHttp({ hostile: { always429: true } })).status).toBe(200);
    expect((await api('GET', '/promotions')).status).toBe(429);
    sb.reset();
    expect((await api('GET', '/promotions')).status).toBe(429);
    expect((await sb.fetch(`${sb.origin}/__sandbox/reset`, { method: 'POST' })).status).toBe(200);
    expect((await api('GET', '/promotions')).status).toBe(429);
    sb.configure({ hostile: { rateHeaders: { left: '9' } } }); // replaces: always429 is gone
    const r = await api('GET', '/promotions');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-rate-limit-requests-left')).toBe('9');
    sb.configure({ plan: 'pro' }); // other settings leave hostile alone
    expect((await api('GET', '/promotions')).headers.get('x-rate-limit-requests-left')).toBe('9');
    sb.configure({ hostile: {} });
    expect(expectRateHeaders((await api('GET', '/promotions')).headers).left).toBeGreaterThan(9);
  });

  it('can be given at start', async () => {
    const local = await startSandbox({ seed: { bulkCodes: 0 }, hostile: { always429: true } });
    try {
      expect((await apiClient(local)('GET', '/promotions')).status).toBe(429);
    } finally {
      await local.close();
    }
    await expect(startSandbox({ hostile: { total: Infinity } })).rejects.toThrow(/hostile.total/);
  });
});
