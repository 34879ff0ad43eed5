/** Customers redeeming codes: sandbox.redeem, POST /__sandbox/redeem, redeemOnList, and what each DELETE finds. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiClient, type Api } from './helpers';

let sb: Sandbox;
let api: Api;

beforeAll(async () => {
  sb = await startSandbox({ seed: { bulkCodes: 300 } });
  api = apiClient(sb);
});
beforeEach(() => {
  sb.configure({ redeemOnList: 0 });
  sb.reset();
});
afterAll(() => sb.close());

const unused = () => sb.codes(1).filter((c) => c.current_uses === 0);
const deleteIds = (ids: number[]) => api('DELETE', `/promotions/1/codes?id:in=${ids.join(',')}`);

describe('redeeming', () => {
  it('redeems named codes once each (a code with no use left is skipped), and counts', () => {
    const [a, b] = unused();
    const used = sb.codes(1).find((c) => c.current_uses === 1 && c.max_uses === 1)!;
    const done = sb.redeem(1, [a!.code.toLowerCase(), b!.code, used.code]);
    expect(done.map((c) => c.code)).toEqual([a!.code, b!.code]);
    expect(done.every((c) => c.current_uses === 1)).toBe(true);
    expect(sb.stats().redemptions).toBe(2);
    expect(() => sb.redeem(1, ['NOT-A-CODE'])).toThrow(/not a code of promotion 1/);
  });

  it('redeems `count` random unused codes, no quota spent, no request counted', () => {
    const before = unused().length;
    expect(sb.redeem(1, { count: 25 })).toHaveLength(25);
    expect(unused()).toHaveLength(before - 25);
    const s = sb.stats();
    expect(Object.values(s.perEndpoint).reduce((n, e) => n + e.requests, 0)).toBe(0);
  });

  it('over HTTP: POST /__sandbox/redeem with codes or count; a bad body is 422', async () => {
    const code = unused()[0]!.code;
    const r = await sb.fetch(`${sb.origin}/__sandbox/redeem`, {
      method: 'POST',
      body: JSON.stringify({ promotion: 1, codes: [code] }),
    });
    expect(r.status).toBe(200);
    expect(((await r.json()) as Array<{ code: string }>).map((c) => c.code)).toEqual([code]);
    const n = await sb.fetch(`${sb.origin}/__sandbox/redeem`, {
      method: 'POST',
      body: JSON.stringify({ promotion: 1, count: 3 }),
    });
    expect(((await n.json()) as unknown[]).length).toBe(3);
    const bad = await sb.fetch(`${sb.origin}/__sandbox/redeem`, {
      method: 'POST',
      body: JSON.stringify({ promotion: 1 }),
    });
    expect(bad.status).toBe(422);
  });

  it('redeemOnList: codes of the page being read are redeemed just before it is answered, so the answer shows them used', async () => {
    sb.configure({ redeemOnList: 4 });
    const before = unused().length;
    const page = await api('GET', '/promotions/1/codes?page=2&limit=50');
    const shownUsedNow = (page.body.data as Array<{ id: number; current_uses: number }>).filter(
      (c) => sb.codes(1).find((x) => x.id === c.id)!.current_uses !== c.current_uses,
    );
    expect(shownUsedNow).toEqual([]);
    expect(unused()).toHaveLength(before - 4);
    expect(sb.stats().redemptions).toBe(4);
    expect(() => sb.configure({ redeemOnList: 251 })).toThrow(/between 0 and 250/);
  });
});

describe('what each DELETE finds', () => {
  it('counts deleted codes, those in use right then, and those redeemed since a list answer last showed them', async () => {
    const page = await api('GET', '/promotions/1/codes?page=1&limit=10');
    const ids = (page.body.data as Array<{ id: number; current_uses: number }>)
      .filter((c) => c.current_uses === 0)
      .map((c) => c.id);
    // One code redeemed after the client read it (the window no client can close).
    sb.redeem(1, [sb.codes(1).find((c) => c.id === ids[0])!.code]);
    const alreadyUsed = sb.codes(1).find((c) => c.current_uses > 0 && c.id > 100)!;
    expect((await deleteIds([...ids, alreadyUsed.id])).status).toBe(204);
    expect(sb.stats().deleted).toEqual({
      codes: ids.length + 1,
      usedAtDelete: 2,
      redeemedSinceListed: 1,
    });
    sb.reset();
    expect(sb.stats().deleted).toEqual({ codes: 0, usedAtDelete: 0, redeemedSinceListed: 0 });
  });
});
