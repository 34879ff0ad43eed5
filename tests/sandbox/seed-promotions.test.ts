/**
 * Many bulk promotions (seed option `bulkPromotions`, `--seed-promotions`), for the manager's
 * pages, and a promotion deleted as a merchant would in the control panel (`removePromotion`).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../sandbox/cli-args';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { apiClient } from './helpers';

let sb: Sandbox | null = null;
afterEach(async () => {
  await sb?.close();
  sb = null;
});

describe('seed.bulkPromotions', () => {
  it('adds bulk promotions 5, 6... after the four seeded ones, some disabled, a few codes each; the usual codes stay the same', async () => {
    const plain = await startSandbox({ seed: { bulkCodes: 20 } });
    const usual = plain.codes(1);
    await plain.close();
    sb = await startSandbox({ seed: { bulkCodes: 20, bulkPromotions: 60 } });
    expect(sb.codes(1)).toEqual(usual);
    const api = apiClient(sb);
    const r = await api('GET', '/promotions?redemption_type=coupon&limit=250');
    const bulk = r.body.data.filter((p: { coupon_type?: string }) => p.coupon_type === 'BULK');
    expect(bulk.map((p: { id: number }) => p.id)).toEqual([
      1,
      2,
      ...Array.from({ length: 60 }, (_, i) => i + 5),
    ]);
    const extra = bulk.slice(2) as Array<{ id: number; name: string; status: string }>;
    expect(extra[0]!.name).toBe('Black Friday 2024 — bulk codes');
    expect(extra.filter((p) => /^Black Friday/.test(p.name)).map((p) => p.name)).toEqual([
      'Black Friday 2024 — bulk codes',
      'Black Friday 2025 — bulk codes',
      'Black Friday 2026 — bulk codes',
    ]);
    expect(extra.filter((p) => p.status === 'DISABLED')).toHaveLength(12);
    expect(extra.map((p) => sb!.codes(p.id).length).slice(0, 4)).toEqual([0, 37, 14, 51]);
    // Codes stay unique across the store.
    const all = [1, 2, 3, ...extra.map((p) => p.id)].flatMap((id) =>
      sb!.codes(id).map((c) => c.code.toUpperCase()),
    );
    expect(new Set(all).size).toBe(all.length);
  });

  it('stores made later get the same, or their own count', async () => {
    sb = await startSandbox({ seed: { bulkCodes: 0, bulkPromotions: 3 } });
    const same = sb.createStore();
    const none = sb.createStore({ bulkPromotions: 0 });
    expect(() => sb!.codes(7, same.storeHash)).not.toThrow();
    expect(() => sb!.codes(5, none.storeHash)).toThrow(/unknown promotion 5/);
    expect(() => sb!.createStore({ bulkPromotions: -1 })).toThrow(
      /bulkPromotions must be an integer between 0 and 10000/,
    );
    await expect(startSandbox({ seed: { bulkPromotions: 1.5 } })).rejects.toThrow(
      /seed.bulkPromotions must be an integer/,
    );
  });

  it('--seed-promotions and SANDBOX_SEED_PROMOTIONS', () => {
    expect(parseCliArgs(['--seed-promotions', '60'], {})).toMatchObject({
      kind: 'run',
      options: { seed: { bulkPromotions: 60 } },
    });
    expect(parseCliArgs([], { SANDBOX_SEED_PROMOTIONS: '5' })).toMatchObject({
      kind: 'run',
      options: { seed: { bulkPromotions: 5 } },
    });
    expect(parseCliArgs(['--seed-promotions', 'many'], {})).toEqual({
      kind: 'error',
      message: '--seed-promotions must be an integer >= 0 and <= 10000 (got "many")',
    });
  });
});

describe('removePromotion', () => {
  it('deletes a promotion and its codes (the API then answers 404), reset() brings it back', async () => {
    sb = await startSandbox({ seed: { bulkCodes: 5 } });
    const api = apiClient(sb);
    const code = sb.codes(1)[0]!.code;
    sb.removePromotion(1);
    expect((await api('GET', '/promotions/1')).status).toBe(404);
    expect((await api('GET', '/promotions/1/codes')).status).toBe(404);
    expect((await api('GET', '/promotions')).body.data.map((p: { id: number }) => p.id)).toEqual([
      2, 3, 4,
    ]);
    expect((await api('GET', `/promotions/codes?code=${code}`)).body.data).toEqual([]);
    expect(() => sb!.removePromotion(1)).toThrow(/unknown promotion 1 in store sandbox1/);
    sb.reset();
    expect(sb.codes(1)).toHaveLength(5);
  });
});
