import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvFilename } from '../../utils/csv/filename';

describe('csvFilename', () => {
  const at = new Date(Date.UTC(2024, 0, 31, 23, 59, 7));

  it('builds {store}-promotion-{id}-{kind}-{YYYYMMDDTHHmmssZ}.csv in UTC, marked with Z', () => {
    expect(csvFilename({ storeHash: 'abc123', promotionId: 42, kind: 'export', at })).toBe(
      'abc123-promotion-42-export-20240131T235907Z.csv',
    );
    expect(csvFilename({ storeHash: 'abc123', promotionId: 7, kind: 'generated', at })).toBe(
      'abc123-promotion-7-generated-20240131T235907Z.csv',
    );
    expect(csvFilename({ storeHash: 'abc123', promotionId: 7, kind: 'purge-backup', at })).toBe(
      'abc123-promotion-7-purge-backup-20240131T235907Z.csv',
    );
    // The same moment on any machine's clock: the stamp does not follow the zone.
    expect(
      csvFilename({
        storeHash: 'a',
        promotionId: 1,
        kind: 'export',
        at: new Date('2026-12-07T17:30:45+01:00'),
      }),
    ).toBe('a-promotion-1-export-20261207T163045Z.csv');
  });

  it('an export "For email tools" says so in its name', () => {
    expect(csvFilename({ storeHash: 'abc123', promotionId: 42, kind: 'email', at })).toBe(
      'abc123-promotion-42-export-for-email-20240131T235907Z.csv',
    );
  });

  it('puts the promotion’s name, in a safe form, after its id', () => {
    const name = (promotionName: string | null) =>
      csvFilename({ storeHash: 'abc123', promotionId: 42, promotionName, kind: 'export', at });
    expect(name('Spring sale — bulk codes')).toBe(
      'abc123-promotion-42-spring-sale-bulk-codes-export-20240131T235907Z.csv',
    );
    expect(name('Été 20% off!!')).toBe(
      'abc123-promotion-42-ete-20-off-export-20240131T235907Z.csv',
    );
    expect(name('../../etc/passwd')).toBe(
      'abc123-promotion-42-etc-passwd-export-20240131T235907Z.csv',
    );
    expect(name('— !! —')).toBe('abc123-promotion-42-export-20240131T235907Z.csv');
    expect(name(null)).toBe('abc123-promotion-42-export-20240131T235907Z.csv');
    expect(name('A'.repeat(100))).toBe(
      `abc123-promotion-42-${'a'.repeat(40)}-export-20240131T235907Z.csv`,
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
    ).toBe('x-promotion-1-export-20250304T050607Z.csv');
  });

  it('keeps only safe characters from the store hash', () => {
    expect(
      csvFilename({ storeHash: '../AB c/\\:*?"<>|', promotionId: 1, kind: 'export', at }),
    ).toBe('abc-promotion-1-export-20240131T235907Z.csv');
    expect(csvFilename({ storeHash: '///', promotionId: 1, kind: 'export', at })).toMatch(
      /^store-promotion-1-/,
    );
  });

  it('never writes NaN or a bad id', () => {
    expect(
      csvFilename({ storeHash: 'a', promotionId: -1, kind: 'export', at: new Date('nope') }),
    ).toBe('a-promotion-unknown-export-00000000T000000Z.csv');
    expect(csvFilename({ storeHash: 'a', promotionId: 1.5, kind: 'export', at })).toContain(
      '-unknown-',
    );
  });

  it('is always made of safe characters', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.oneof(fc.integer(), fc.double()),
        fc.option(fc.string({ unit: 'binary' })),
        fc.constantFrom(
          'generated' as const,
          'export' as const,
          'purge-backup' as const,
          'email' as const,
        ),
        fc.date({ noInvalidDate: false }),
        (storeHash, promotionId, promotionName, kind, d) => {
          expect(csvFilename({ storeHash, promotionId, promotionName, kind, at: d })).toMatch(
            /^[a-z0-9-]+-\d{8}T\d{6}Z\.csv$/,
          );
        },
      ),
    );
  });
});
