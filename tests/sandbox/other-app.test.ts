/** sandbox.addCodes and POST /__sandbox/add-codes: another app writing to a promotion. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiClient, type Api } from './helpers';

let sb: Sandbox;
let api: Api;

beforeAll(async () => {
  sb = await startSandbox({ seed: { bulkCodes: 20 } });
  api = apiClient(sb);
});
beforeEach(() => sb.reset());
afterAll(() => sb.close());

const addOverHttp = async (body: unknown) => {
  const r = await sb.fetch(`${sb.origin}/__sandbox/add-codes`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : undefined };
};

describe('sandbox.addCodes (in-process)', () => {
  it('adds exact codes, returns their views, and they list through the API like any other', async () => {
    const made = sb.addCodes(sb.promotions.bulkEmpty, ['OTHER-APP-1', 'other app 2']);
    expect(made.map((c) => c.code)).toEqual(['OTHER-APP-1', 'other app 2']);
    for (const c of made)
      expect(c).toMatchObject({ current_uses: 0, max_uses: 1, max_uses_per_customer: 1 });
    expect(made[1]!.id).toBeGreaterThan(made[0]!.id);
    expect(sb.codes(2)).toEqual(made);
    const listed = await api('GET', '/promotions/2/codes');
    expect(listed.body.data).toEqual(made);
  });

  it('generates random codes of codegen shape, with the given options', () => {
    const plain = sb.addCodes(1, { count: 30 });
    expect(plain).toHaveLength(30);
    for (const c of plain) {
      expect(c.code).toMatch(/^[A-Z0-9]{16}$/);
      expect(c).toMatchObject({ max_uses: 1, max_uses_per_customer: 1, current_uses: 0 });
    }
    const shaped = sb.addCodes(1, {
      count: 5,
      prefix: 'OA',
      suffix: 'X',
      delimiter: '-',
      codeLength: 8,
      maxUses: 3,
      maxUsesPerCustomer: 0,
    });
    for (const c of shaped) {
      expect(c.code).toMatch(/^OA-[A-Z0-9]{8}-X$/);
      expect(c).toMatchObject({ max_uses: 3, max_uses_per_customer: 0 });
    }
    expect(sb.stats().codes[1]).toBe(55);
  });

  it('does not count in stats or spend quota', async () => {
    sb.configure({ quota: 2, plan: 'standard' });
    try {
      sb.addCodes(1, { count: 10 });
      sb.addCodes(1, ['NOQUOTA1']);
      const s = sb.stats();
      expect(Object.values(s.perEndpoint).reduce((n, e) => n + e.requests, 0)).toBe(0);
      const r = await api('GET', '/promotions/1');
      expect(r.headers.get('x-rate-limit-requests-left')).toBe('1');
    } finally {
      sb.configure({ quota: undefined, plan: 'unlimited' });
    }
  });

  it('keeps codes unique store-wide, ignoring case, and is all-or-nothing', () => {
    const existing = sb.codes(1)[0]!.code;
    expect(() => sb.addCodes(2, ['FRESH1', existing.toLowerCase()])).toThrow(
      /already exists.*promotion 1/,
    );
    expect(() => sb.addCodes(2, ['welcome10'])).toThrow(/already exists/);
    expect(() => sb.addCodes(2, ['Twice', 'TWICE'])).toThrow(/given twice/);
    expect(sb.codes(2)).toEqual([]);
    // Generated codes never collide with existing ones either.
    const all = new Set(sb.codes(1).map((c) => c.code.toUpperCase()));
    for (const c of sb.addCodes(2, { count: 200, codeLength: 6 })) {
      expect(all.has(c.code)).toBe(false);
      all.add(c.code);
    }
  });

  it('throws plain errors: unknown promotion or store, not bulk, bad options', () => {
    expect(() => sb.addCodes(77, ['A1'])).toThrow('promotion 77 does not exist in store sandbox1');
    expect(() => sb.addCodes(1, ['A1'], 'nosuch')).toThrow('store nosuch does not exist');
    expect(() => sb.addCodes(sb.promotions.single, ['A1'])).toThrow(/not a bulk coupon promotion/);
    expect(() => sb.addCodes(sb.promotions.automatic, { count: 1 })).toThrow(
      /not a bulk coupon promotion/,
    );
    const bad: unknown[] = [
      ['has/slash'],
      [''],
      ['x'.repeat(51)],
      [42],
      { count: -1 },
      { count: 1.5 },
      {},
      { count: 1, codeLength: 5 },
      { count: 1, codeLength: 17 },
      { count: 1, prefix: 'lower' },
      { count: 1, delimiter: '.' },
      { count: 1, maxUses: -1 },
      { count: 1, prefix: 'P'.repeat(20), suffix: 'S'.repeat(20), delimiter: '-' },
      { count: 1, colour: 'red' },
    ];
    for (const spec of bad)
      expect(() => sb.addCodes(1, spec as never), JSON.stringify(spec)).toThrow();
    expect(sb.stats().codes[1]).toBe(20);
  });

  it('reset() removes them (back to the seed)', () => {
    sb.addCodes(1, { count: 3 });
    sb.reset();
    expect(sb.stats().codes[1]).toBe(20);
  });

  it('works on another store', () => {
    const s = sb.createStore({ bulkCodes: 0 });
    const made = sb.addCodes(1, ['ELSEWHERE'], s.storeHash);
    expect(sb.codes(1, s.storeHash)).toEqual(made);
    expect(sb.codes(1).some((c) => c.code === 'ELSEWHERE')).toBe(false);
  });
});

describe('POST /__sandbox/add-codes', () => {
  it('201 with the created codes, exact or generated', async () => {
    const exact = await addOverHttp({ promotion: 2, codes: ['HTTP-1', 'HTTP-2'] });
    expect(exact.status).toBe(201);
    expect(exact.body.map((c: { code: string }) => c.code)).toEqual(['HTTP-1', 'HTTP-2']);
    const gen = await addOverHttp({
      promotion: 2,
      count: 4,
      prefix: 'G',
      delimiter: '_',
      maxUses: 0,
    });
    expect(gen.status).toBe(201);
    expect(gen.body).toHaveLength(4);
    for (const c of gen.body)
      expect(c).toMatchObject({ code: expect.stringMatching(/^G_[A-Z0-9]{16}$/), max_uses: 0 });
    expect(sb.codes(2)).toEqual([...exact.body, ...gen.body]);
    expect(sb.stats().perEndpoint.other.requests).toBe(0);
  });

  it('store selects the store', async () => {
    const s = sb.createStore({ bulkCodes: 0 });
    const r = await addOverHttp({ store: s.storeHash, promotion: 1, codes: ['IN-OTHER-STORE'] });
    expect(r.status).toBe(201);
    expect(sb.codes(1, s.storeHash)).toHaveLength(1);
  });

  it('404 for an unknown promotion or store, 422 for not bulk, duplicates and bad bodies, 400 for bad JSON', async () => {
    const cases: Array<[unknown, number, RegExp]> = [
      [{ promotion: 77, codes: ['A'] }, 404, /promotion 77 does not exist/],
      [{ store: 'nosuch', promotion: 1, codes: ['A'] }, 404, /store nosuch does not exist/],
      [{ promotion: 3, codes: ['A'] }, 422, /not a bulk coupon promotion/],
      [{ promotion: 1, codes: ['WELCOME10'] }, 422, /already exists/],
      [{ promotion: 1 }, 422, /count is required/],
      [{ codes: ['A'] }, 422, /promotion must be/],
      [{ promotion: '1', codes: ['A'] }, 422, /promotion must be/],
      [{ promotion: 1, codes: 'A' }, 422, /list of codes/],
      [{ promotion: 1, codes: ['A'], count: 2 }, 422, /either codes or count/],
      [{ promotion: 1, count: 1, codeLength: 99 }, 422, /codeLength/],
      [[1], 422, /JSON object/],
    ];
    for (const [body, status, message] of cases) {
      const r = await addOverHttp(body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.detail, JSON.stringify(body)).toMatch(message);
    }
    expect((await addOverHttp('{nope')).status).toBe(400);
    expect((await sb.fetch(`${sb.origin}/__sandbox/add-codes`)).status).toBe(405);
    expect(sb.stats().codes).toEqual({ 1: 20, 2: 0, 3: 1, 4: 0 });
  });
});
