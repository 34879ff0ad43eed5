import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readCouponCodes } from '../../utils/api/code-rows';
import { CouponCodeSchema } from '../../utils/api/schemas';

const good = {
  id: 7,
  code: 'SPRING-7',
  current_uses: 2,
  max_uses: 5,
  max_uses_per_customer: 1,
  created: '2026-01-01T00:00:00Z',
};

describe('readCouponCodes', () => {
  it('returns fresh rows with only the known fields, defaults filled in', () => {
    const raw = [
      { ...good, extra: 'x', nested: { a: 1 } },
      { id: 8, code: 'B', current_uses: 0, created: 'c' },
    ];
    const rows = readCouponCodes(raw);
    expect(rows).toEqual([
      good,
      { id: 8, code: 'B', current_uses: 0, max_uses: 0, max_uses_per_customer: 0, created: 'c' },
    ]);
    expect(Array.isArray(rows) && rows[0]).not.toBe(raw[0]);
  });

  it.each([
    ['id', { ...good, id: 0 }, 'data.0.id'],
    ['id', { ...good, id: 1.5 }, 'data.0.id'],
    ['id', { ...good, id: '7' }, 'data.0.id'],
    ['code', { ...good, code: '' }, 'data.0.code'],
    ['code', { ...good, code: 'X'.repeat(51) }, 'data.0.code'],
    ['current_uses', { ...good, current_uses: -1 }, 'data.0.current_uses'],
    ['max_uses', { ...good, max_uses: null }, 'data.0.max_uses'],
    [
      'max_uses_per_customer',
      { ...good, max_uses_per_customer: 2 ** 53 },
      'data.0.max_uses_per_customer',
    ],
    ['created', { ...good, created: 5 }, 'data.0.created'],
  ])('names the bad field (%s) in its problem', (_, row, path) => {
    const r = readCouponCodes([row]);
    expect(Array.isArray(r)).toBe(false);
    expect((r as { problem: string }).problem.startsWith(`${path}: expected`)).toBe(true);
  });

  it('refuses rows that are not objects, pointing at the row', () => {
    expect(readCouponCodes([good, [good]])).toEqual({ problem: 'data.1: expected an object' });
    expect(readCouponCodes([null])).toEqual({ problem: 'data.0: expected an object' });
  });

  it('agrees with CouponCodeSchema (the definition) on generated rows', () => {
    const anyValue = fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.constantFrom(2 ** 53, Number.MAX_SAFE_INTEGER, 1.5, -0, NaN, Infinity),
      fc.string({ maxLength: 60 }),
      fc.constantFrom(null, undefined, true, [], {}),
    );
    const field = <T>(valid: fc.Arbitrary<T>) =>
      fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: anyValue });
    const row = fc.record(
      {
        id: field(fc.integer({ min: 1, max: 2 ** 40 })),
        code: field(fc.string({ minLength: 1, maxLength: 50 })),
        current_uses: field(fc.nat()),
        max_uses: field(fc.nat()),
        max_uses_per_customer: field(fc.nat()),
        created: field(fc.string()),
        extra: anyValue,
      },
      { requiredKeys: ['id', 'code', 'current_uses', 'created'] },
    );
    fc.assert(
      fc.property(
        fc.oneof({ weight: 9, arbitrary: row }, { weight: 1, arbitrary: anyValue }),
        (raw) => {
          const ours = readCouponCodes([raw]);
          const theirs = CouponCodeSchema.safeParse(raw);
          expect(Array.isArray(ours)).toBe(theirs.success);
          if (theirs.success) expect(ours).toEqual([theirs.data]);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
