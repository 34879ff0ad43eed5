import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayOf, usageCounter, usageOf } from '../../utils/codes/usage';

const UTC = () => 0;

const code = (current_uses: number, max_uses: number, created: string) => ({
  current_uses,
  max_uses,
  created,
});

describe('usage at a glance', () => {
  it('counts unused, used, used up and unlimited codes, and codes made per day', () => {
    const u = usageOf(
      [
        code(0, 1, '2026-03-01T09:00:00+00:00'),
        code(1, 1, '2026-03-01T10:00:00+00:00'),
        code(2, 5, '2026-03-02T00:00:00+00:00'),
        code(3, 0, '2026-02-28T23:59:59+00:00'),
        code(0, 0, 'garbage'),
      ],
      UTC,
    );
    expect(u).toEqual({
      total: 5,
      unused: 2,
      used: 3,
      usedUp: 1,
      unlimited: 2,
      perDay: [
        { day: '2026-02-28', codes: 1 },
        { day: '2026-03-01', codes: 2 },
        { day: '2026-03-02', codes: 1 },
        { day: 'unknown', codes: 1 },
      ],
    });
  });

  it("counts days on the merchant's clock, not UTC's", () => {
    const berlin = () => 60;
    const losAngeles = () => -8 * 60;
    const india = () => 5 * 60 + 30;
    expect(dayOf('2026-02-28T23:30:00+00:00', berlin)).toBe('2026-03-01');
    expect(dayOf('2026-03-01T07:59:59+00:00', losAngeles)).toBe('2026-02-28');
    expect(dayOf('2026-03-01T08:00:00+00:00', losAngeles)).toBe('2026-03-01');
    expect(dayOf('2026-03-01T18:29:59Z', india)).toBe('2026-03-01');
    expect(dayOf('2026-03-01T18:30:00Z', india)).toBe('2026-03-02');
    // The moment as written, whatever offset BigCommerce wrote it with.
    expect(dayOf('2026-03-01T00:30:00+02:00', () => 0)).toBe('2026-02-28');
    // Summer time: the offset of the moment itself.
    const berlinDst = (ms: number) => (ms >= Date.UTC(2026, 2, 29, 1) ? 120 : 60);
    expect(dayOf('2026-03-29T22:30:00+00:00', berlinDst)).toBe('2026-03-30');
    expect(dayOf('2026-03-28T22:30:00+00:00', berlinDst)).toBe('2026-03-28');
    for (const bad of ['garbage', '', 'T10:00', '2026-13-45T00:00:00Z'])
      expect(dayOf(bad, berlin)).toBe('unknown');
    const u = usageOf(
      [
        code(0, 1, '2026-02-28T23:30:00+00:00'),
        code(0, 1, '2026-02-28T23:30:00+00:00'),
        code(0, 1, '2026-02-28T12:00:00+00:00'),
      ],
      berlin,
    );
    expect(u.perDay).toEqual([
      { day: '2026-02-28', codes: 1 },
      { day: '2026-03-01', codes: 2 },
    ]);
  });

  it('a promotion with no codes', () => {
    expect(usageOf([])).toEqual({
      total: 0,
      unused: 0,
      used: 0,
      usedUp: 0,
      unlimited: 0,
      perDay: [],
    });
  });

  it('counting page by page gives what counting at once gives, and the parts add up', () => {
    const row = fc.record({
      current_uses: fc.nat(5),
      max_uses: fc.nat(5),
      created: fc.constantFrom('2026-01-01T00:00:00+00:00', '2026-01-02T00:00:00+00:00'),
    });
    fc.assert(
      fc.property(fc.array(fc.array(row, { maxLength: 20 }), { maxLength: 10 }), (pages) => {
        const c = usageCounter();
        for (const p of pages) c.add(p);
        const paged = c.result();
        expect(paged).toEqual(usageOf(pages.flat()));
        expect(paged.unused + paged.used).toBe(paged.total);
        expect(paged.perDay.reduce((n, d) => n + d.codes, 0)).toBe(paged.total);
        expect(paged.usedUp + paged.unlimited).toBeLessThanOrEqual(paged.total);
      }),
    );
  });
});
