import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvFilename } from '../../utils/csv/filename';

describe('csvFilename', () => {
  const at = new Date(Date.UTC(2024, 0, 31, 23, 59, 7));

  it('builds {store}-promotion-{id}-{kind}-{YYYYMMDD-HHmmss}.csv in UTC', () => {
    expect(csvFilename({ storeHash: 'abc123', promotionId: 42, kind: 'export', at })).toBe(
      'abc123-promotion-42-export-20240131-235907.csv',
    );
    expect(csvFilename({ storeHash: 'abc123', promotionId: 7, kind: 'generated', at })).toBe(
      'abc123-promotion-7-generated-20240131-235907.csv',
    );
    expect(csvFilename({ storeHash: 'abc123', promotionId: 7, kind: 'purge-backup', at })).toBe(
      'abc123-promotion-7-purge-backup-20240131-235907.csv',
    );
  });

  it('pads months, days and times', () => {
    expect(
      csvFilename({
        storeHash: 'x',
        promotionId: 1,
        kind: 'export',
        at: new Date(Date.UTC(2025, 2, 4, 5, 6, 7)),
      }),
    ).toBe('x-promotion-1-export-20250304-050607.csv');
  });

  it('keeps only safe characters from the store hash', () => {
    expect(
      csvFilename({ storeHash: '../AB c/\\:*?"<>|', promotionId: 1, kind: 'export', at }),
    ).toBe('abc-promotion-1-export-20240131-235907.csv');
    expect(csvFilename({ storeHash: '///', promotionId: 1, kind: 'export', at })).toMatch(
      /^store-promotion-1-/,
    );
  });

  it('never writes NaN or a bad id', () => {
    expect(
      csvFilename({ storeHash: 'a', promotionId: -1, kind: 'export', at: new Date('nope') }),
    ).toBe('a-promotion-unknown-export-00000000-000000.csv');
    expect(csvFilename({ storeHash: 'a', promotionId: 1.5, kind: 'export', at })).toContain(
      '-unknown-',
    );
  });

  it('is always made of safe characters', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.oneof(fc.integer(), fc.double()),
        fc.constantFrom('generated' as const, 'export' as const, 'purge-backup' as const),
        fc.date({ noInvalidDate: false }),
        (storeHash, promotionId, kind, d) => {
          expect(csvFilename({ storeHash, promotionId, kind, at: d })).toMatch(/^[a-z0-9-]+\.csv$/);
        },
      ),
    );
  });
});
