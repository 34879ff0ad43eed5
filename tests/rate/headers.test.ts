import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_MS, parseRateHeaders } from '../../utils/rate/headers';

const full = {
  'X-Rate-Limit-Time-Window-Ms': '30000',
  'X-Rate-Limit-Time-Reset-Ms': '12345',
  'X-Rate-Limit-Requests-Quota': '150',
  'X-Rate-Limit-Requests-Left': '42',
};

function without(name: keyof typeof full): Record<string, string> {
  const copy: Record<string, string> = { ...full };
  delete copy[name];
  return copy;
}

describe('parseRateHeaders', () => {
  it('reads a complete set from a Headers object', () => {
    expect(parseRateHeaders(new Headers(full))).toEqual({
      windowMs: 30000,
      resetMs: 12345,
      quota: 150,
      left: 42,
    });
  });

  it('reads a plain record whatever the case of its keys', () => {
    const mixed = {
      'x-rate-limit-time-window-ms': '30000',
      'X-RATE-LIMIT-TIME-RESET-MS': '12345',
      'x-Rate-Limit-Requests-Quota': '150',
      'X-Rate-limit-requests-left': '42',
    };
    expect(parseRateHeaders(mixed)).toEqual({
      windowMs: 30000,
      resetMs: 12345,
      quota: 150,
      left: 42,
    });
  });

  it('returns null when the headers are absent', () => {
    expect(parseRateHeaders(new Headers())).toBeNull();
    expect(parseRateHeaders({ 'Content-Type': 'application/json' })).toBeNull();
  });

  it('tolerates surrounding whitespace and zeros where they make sense', () => {
    expect(
      parseRateHeaders({
        ...full,
        'X-Rate-Limit-Requests-Left': ' 0 ',
        'X-Rate-Limit-Time-Reset-Ms': '0',
      }),
    ).toEqual({
      windowMs: 30000,
      resetMs: 0,
      quota: 150,
      left: 0,
    });
  });

  it.each([
    '',
    'abc',
    '-1',
    '1.5',
    '1e3',
    '0x10',
    'NaN',
    'Infinity',
    '12abc',
    '1, 2',
    '9999999999999999',
  ])('treats the garbage value %j as missing', (bad) => {
    // In any required header, garbage means no usable figures at all.
    for (const name of [
      'X-Rate-Limit-Requests-Left',
      'X-Rate-Limit-Requests-Quota',
      'X-Rate-Limit-Time-Reset-Ms',
    ] as const) {
      expect(parseRateHeaders({ ...full, [name]: bad })).toBeNull();
    }
    // In the window length it is filled in, like a missing one.
    expect(parseRateHeaders({ ...full, 'X-Rate-Limit-Time-Window-Ms': bad })?.windowMs).toBe(
      DEFAULT_WINDOW_MS,
    );
  });

  it('needs left, quota and reset: without any of them it returns null', () => {
    expect(parseRateHeaders(without('X-Rate-Limit-Requests-Left'))).toBeNull();
    expect(parseRateHeaders(without('X-Rate-Limit-Requests-Quota'))).toBeNull();
    expect(parseRateHeaders(without('X-Rate-Limit-Time-Reset-Ms'))).toBeNull();
  });

  it('fills a missing window length with max(reset, 30 s)', () => {
    expect(parseRateHeaders(without('X-Rate-Limit-Time-Window-Ms'))).toEqual({
      windowMs: 30000,
      resetMs: 12345,
      quota: 150,
      left: 42,
    });
    expect(
      parseRateHeaders({
        ...without('X-Rate-Limit-Time-Window-Ms'),
        'X-Rate-Limit-Time-Reset-Ms': '45000',
      })?.windowMs,
    ).toBe(45000);
  });

  it('rejects figures that contradict each other', () => {
    expect(parseRateHeaders({ ...full, 'X-Rate-Limit-Requests-Left': '151' })).toBeNull(); // more left than the quota
    expect(
      parseRateHeaders({
        ...full,
        'X-Rate-Limit-Requests-Quota': '0',
        'X-Rate-Limit-Requests-Left': '0',
      }),
    ).toBeNull();
    expect(parseRateHeaders({ ...full, 'X-Rate-Limit-Time-Reset-Ms': '30001' })).toBeNull(); // reset beyond the window
    expect(
      parseRateHeaders({
        ...full,
        'X-Rate-Limit-Time-Window-Ms': '0',
        'X-Rate-Limit-Time-Reset-Ms': '0',
      }),
    ).toBeNull();
  });

  it('ignores non-string values smuggled into a record', () => {
    const weird = { ...full, 'X-Rate-Limit-Requests-Left': 42 as unknown as string };
    expect(parseRateHeaders(weird)).toBeNull();
  });

  it('property: any result is a consistent set of finite non-negative integers', () => {
    const value = fc.oneof(
      fc.nat({ max: 100_000 }).map(String),
      fc.string(),
      fc.constantFrom('', ' 7 ', '-3', '2.5', '1e9', 'NaN', '18446744073709551616'),
    );
    const names = fc.constantFrom(
      'X-Rate-Limit-Time-Window-Ms',
      'x-rate-limit-time-reset-ms',
      'X-RATE-LIMIT-REQUESTS-QUOTA',
      'X-Rate-Limit-Requests-Left',
    );
    fc.assert(
      fc.property(fc.dictionary(names, value), (record) => {
        const info = parseRateHeaders(record);
        if (info === null) return;
        for (const v of Object.values(info)) {
          expect(Number.isSafeInteger(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
        }
        expect(info.quota).toBeGreaterThanOrEqual(1);
        expect(info.left).toBeLessThanOrEqual(info.quota);
        expect(info.resetMs).toBeLessThanOrEqual(info.windowMs);
        // Headers and plain records agree.
        expect(parseRateHeaders(new Headers(record))).toEqual(info);
      }),
    );
  });
});
