import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiClient, expectRateHeaders, type Api } from './helpers';

let sb: Sandbox;
let api: Api;

beforeAll(async () => {
  sb = await startSandbox({ seed: { bulkCodes: 50 } });
  api = apiClient(sb);
});
beforeEach(() => sb.reset());
afterAll(() => sb.close());

const gen = (body: unknown, promotion = 2) => api('POST', `/promotions/${promotion}/codegen`, body);

describe('POST /promotions/{id}/codegen validation (422)', () => {
  const invalid: Array<[string, unknown]> = [
    ['batch_size missing', {}],
    ['batch_size a string', { batch_size: '5' }],
    ['batch_size fractional', { batch_size: 2.5 }],
    ['batch_size 0', { batch_size: 0 }],
    ['batch_size negative', { batch_size: -1 }],
    ['batch_size 251', { batch_size: 251 }],
    ['batch_size null', { batch_size: null }],
    ['max_uses -1', { batch_size: 1, max_uses: -1 }],
    ['max_uses 100001', { batch_size: 1, max_uses: 100001 }],
    ['max_uses fractional', { batch_size: 1, max_uses: 1.5 }],
    ['max_uses string', { batch_size: 1, max_uses: '1' }],
    ['max_uses_per_customer -1', { batch_size: 1, max_uses_per_customer: -1 }],
    ['max_uses_per_customer 100001', { batch_size: 1, max_uses_per_customer: 100001 }],
    ['max_uses_per_customer fractional', { batch_size: 1, max_uses_per_customer: 0.5 }],
    ['prefix lowercase', { batch_size: 1, prefix: 'abc' }],
    ['prefix with space', { batch_size: 1, prefix: 'A B' }],
    ['prefix 21 chars', { batch_size: 1, prefix: 'A'.repeat(21) }],
    ['prefix not a string', { batch_size: 1, prefix: 12 }],
    ['suffix with symbol', { batch_size: 1, suffix: 'A$' }],
    ['suffix 21 chars', { batch_size: 1, suffix: 'B'.repeat(21) }],
    ['delimiter other', { batch_size: 1, prefix: 'A', delimiter: '.' }],
    ['delimiter two chars', { batch_size: 1, prefix: 'A', delimiter: '__' }],
    ['delimiter empty', { batch_size: 1, prefix: 'A', delimiter: '' }],
    ['exclude_characters not an array', { batch_size: 1, exclude_characters: 'A' }],
    ['exclude_characters lowercase', { batch_size: 1, exclude_characters: ['a'] }],
    ['exclude_characters two chars', { batch_size: 1, exclude_characters: ['AB'] }],
    ['exclude_characters a number', { batch_size: 1, exclude_characters: [1] }],
    ['code_length 5', { batch_size: 1, code_length: 5 }],
    ['code_length 17', { batch_size: 1, code_length: 17 }],
    ['code_length fractional', { batch_size: 1, code_length: 8.5 }],
    [
      'total length 51',
      {
        batch_size: 1,
        prefix: 'P'.repeat(20),
        suffix: 'S'.repeat(14),
        delimiter: '-',
        code_length: 16,
      },
    ],
    [
      'no alphabet left',
      { batch_size: 1, exclude_characters: [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'] },
    ],
    ['body an array', [1]],
    ['body null', null],
  ];
  it.each(invalid)('%s', async (_name, body) => {
    const r = await gen(body);
    expect(r.status).toBe(422);
    expect(r.body.errors.length).toBeGreaterThan(0);
    for (const e of r.body.errors) {
      expect(e.status).toBe(422);
      expect(typeof e.title).toBe('string');
      expect(typeof e.detail).toBe('string');
    }
    expectRateHeaders(r.headers);
    expect(sb.stats().codes[2]).toBe(0);
  });

  it('reports every invalid field at once', async () => {
    const r = await gen({ batch_size: 0, code_length: 3, delimiter: '+' });
    expect(r.body.errors).toHaveLength(3);
  });

  it('exactly 50 total characters is allowed', async () => {
    const r = await gen({
      batch_size: 1,
      prefix: 'P'.repeat(20),
      suffix: 'S'.repeat(12),
      delimiter: '-',
      code_length: 16,
    });
    expect(r.status).toBe(201);
    expect(r.body.data.codes[0].code).toHaveLength(50);
  });

  it('without a delimiter the affixes do not count one', async () => {
    const r = await gen({
      batch_size: 1,
      prefix: 'P'.repeat(20),
      suffix: 'S'.repeat(14),
      code_length: 16,
    });
    expect(r.status).toBe(201);
  });
});

describe('codegen results', () => {
  it('201 with the spec body and defaults 1/1', async () => {
    const r = await gen({ batch_size: 5 });
    expect(r.status).toBe(201);
    expect(Object.keys(r.body).sort()).toEqual(['data', 'meta']);
    expect(r.body.meta).toEqual({});
    expect(Object.keys(r.body.data).sort()).toEqual([
      'batch_size',
      'codes',
      'created',
      'max_uses',
      'max_uses_per_customer',
    ]);
    expect(r.body.data).toMatchObject({ batch_size: 5, max_uses: 1, max_uses_per_customer: 1 });
    expect(r.body.data.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(r.body.data.codes).toHaveLength(5);
    for (const c of r.body.data.codes) {
      expect(Object.keys(c)).toEqual(['code']);
      expect(c.code).toMatch(/^[A-Z0-9]{16}$/);
    }
    const truth = sb.codes(2);
    expect(truth.map((c) => c.code)).toEqual(
      r.body.data.codes.map((c: { code: string }) => c.code),
    );
    expect(
      truth.every((c) => c.max_uses === 1 && c.max_uses_per_customer === 1 && c.current_uses === 0),
    ).toBe(true);
  });

  it('echoes max_uses and max_uses_per_customer (0 = unlimited)', async () => {
    const r = await gen({ batch_size: 2, max_uses: 0, max_uses_per_customer: 100000 });
    expect(r.body.data).toMatchObject({ max_uses: 0, max_uses_per_customer: 100000 });
    expect(sb.codes(2).map((c) => [c.max_uses, c.max_uses_per_customer])).toEqual([
      [0, 100000],
      [0, 100000],
    ]);
  });

  it('formats prefix, suffix, delimiter, length and exclusions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          prefix: fc.option(fc.stringMatching(/^[A-Z0-9_-]{1,6}$/), { nil: undefined }),
          suffix: fc.option(fc.stringMatching(/^[A-Z0-9_-]{1,6}$/), { nil: undefined }),
          delimiter: fc.option(fc.constantFrom('_', '-'), { nil: undefined }),
          code_length: fc.integer({ min: 6, max: 16 }),
          exclude_characters: fc.uniqueArray(
            fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
            { maxLength: 30 },
          ),
        }),
        async (params) => {
          const r = await gen({ batch_size: 20, ...params });
          expect(r.status).toBe(201);
          const d = params.delimiter ?? '';
          const head = params.prefix ? params.prefix + d : '';
          const tail = params.suffix ? d + params.suffix : '';
          for (const { code } of r.body.data.codes as Array<{ code: string }>) {
            expect(code.startsWith(head)).toBe(true);
            expect(code.endsWith(tail)).toBe(true);
            const body = code.slice(head.length, code.length - tail.length);
            expect(body).toHaveLength(params.code_length);
            expect(body).toMatch(/^[A-Z0-9]+$/);
            for (const ch of params.exclude_characters) expect(body.includes(ch)).toBe(false);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a delimiter alone (no prefix or suffix) is not used', async () => {
    const r = await gen({ batch_size: 3, delimiter: '-', code_length: 8 });
    for (const c of r.body.data.codes) expect(c.code).toMatch(/^[A-Z0-9]{8}$/);
  });

  it('codes are unique across the whole store, including other promotions', async () => {
    // A two-letter alphabet and length 6 gives 64 possible codes: 3 batches of 15 must not repeat.
    const params = {
      batch_size: 15,
      code_length: 6,
      exclude_characters: [...'CDEFGHIJKLMNOPQRSTUVWXYZ0123456789'],
    };
    const a = await gen(params, 1);
    const b = await gen(params, 2);
    const c = await gen(params, 2);
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    const all = [...sb.codes(1), ...sb.codes(2)].map((x) => x.code);
    expect(new Set(all).size).toBe(all.length);
  });

  it('when unique codes cannot be made: 422 and nothing created', async () => {
    const r = await gen({
      batch_size: 2,
      code_length: 6,
      exclude_characters: [...'BCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'],
    });
    expect(r.status).toBe(422);
    expect(sb.stats().codes[2]).toBe(0);
  });

  it('404 on an unknown promotion, 405 unless COUPON + BULK', async () => {
    expect((await gen({ batch_size: 1 }, 999)).status).toBe(404);
    for (const id of [sb.promotions.single, sb.promotions.automatic]) {
      const r = await gen({ batch_size: 1 }, id);
      expect(r.status).toBe(405);
      expect(r.body).toMatchObject({ status: '405', title: 'Method Not Allowed' });
      expect(typeof r.body.error).toBe('string');
    }
  });

  it('batch_size 250 works', async () => {
    const r = await gen({ batch_size: 250 });
    expect(r.status).toBe(201);
    expect(r.body.data.codes).toHaveLength(250);
    expect(sb.stats().codes[2]).toBe(250);
  });
});

describe('POST /promotions/{id}/codes (single code)', () => {
  it('201 with CouponCode, max_uses defaulting to 0', async () => {
    const r = await api('POST', '/promotions/2/codes', { code: 'Hello World_1-2' });
    expect(r.status).toBe(201);
    expect(r.body.meta).toEqual({});
    expect(r.body.data).toMatchObject({
      code: 'Hello World_1-2',
      max_uses: 0,
      max_uses_per_customer: 0,
      current_uses: 0,
    });
    expect(r.body.data.id).toBeTypeOf('number');
    expect(sb.codes(2).map((c) => c.id)).toEqual([r.body.data.id]);
  });

  it('422 on invalid fields', async () => {
    for (const body of [
      {},
      { code: '' },
      { code: 'a'.repeat(51) },
      { code: 'bad!' },
      { code: 'OK', max_uses: -1 },
      { code: 'OK', max_uses_per_customer: 'x' },
      'null',
    ]) {
      const r = await api('POST', '/promotions/2/codes', body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.body.errors[0].status).toBe(422);
    }
  });

  it('409 on a code that already exists anywhere in the store (case-insensitive)', async () => {
    const existing = sb.codes(1)[0]!.code;
    for (const code of [existing, existing.toLowerCase(), 'welcome10']) {
      const r = await api('POST', '/promotions/2/codes', { code });
      expect(r.status, code).toBe(409);
      expect(r.body).toMatchObject({ status: 409, title: 'Conflict' });
    }
  });
});
