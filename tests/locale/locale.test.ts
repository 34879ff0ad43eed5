/**
 * The merchant's locale, on plain inputs: which one is chosen, the signs it writes numbers
 * with, whole numbers as its people type them, and days and times as it writes them.
 */
import { describe, expect, it, test } from 'vitest';
import { chooseLocale } from '@/utils/locale/choose';
import { currentLocale, setLocale } from '@/utils/locale/current';
import { dayKeyText, momentText } from '@/utils/locale/dates';
import { numberSigns, writesDecimalComma } from '@/utils/locale/numbers';
import { parseWholeNumber } from '@/utils/locale/whole-number';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('the locale', () => {
  test.each([
    ['de-DE', 'de-DE'],
    ['fr-FR', 'fr-FR'],
    ['en-US', 'en-US'],
    ['nl', 'nl'],
    ['it', 'it'],
    ['es', 'es'],
    ['de-de', 'de-DE'],
    ['DE', 'de'],
    ['pt-BR', 'pt-BR'],
    ['de_DE', 'en-US'],
    ['', 'en-US'],
    [null, 'en-US'],
    [undefined, 'en-US'],
    ['*', 'en-US'],
    ['not a language', 'en-US'],
    ['de-x', 'en-US'],
  ])('%j is written as %j', (raw, tag) => {
    expect(chooseLocale(raw)).toBe(tag);
  });

  it("is the page's own language until the background says its UI language", () => {
    try {
      setLocale('fr-FR');
      expect(currentLocale()).toBe('fr-FR');
      setLocale('nonsense!');
      expect(currentLocale()).toBe('en-US');
    } finally {
      setLocale(null);
    }
  });
});

describe('the signs a locale writes numbers with', () => {
  test.each([
    ['de-DE', '.', ',', true],
    ['fr-FR', NNBSP, ',', true],
    ['en-US', ',', '.', false],
    ['nl', '.', ',', true],
    ['it', '.', ',', true],
    ['es', '.', ',', true],
    ['de-CH', "'", '.', false],
    ['en-GB', ',', '.', false],
    // Arabic digits and signs are not what the fields take: Latin digits, and their signs.
    ['ar-EG', ',', '.', false],
  ])(
    '%s groups with %j, starts decimals with %j (decimal comma: %s)',
    (locale, group, decimal, comma) => {
      expect(numberSigns(locale)).toEqual({ group, decimal });
      expect(writesDecimalComma(locale)).toBe(comma);
    },
  );
});

describe('whole numbers as typed in each language', () => {
  const ok = (value: number) => ({ kind: 'ok', value });
  const decimal = (meant: number | null = null) => ({ kind: 'decimal', meant });
  const notANumber = (meant: number | null = null) => ({ kind: 'not-a-number', meant });
  const cases: Record<string, Array<[string, object]>> = {
    'de-DE': [
      ['10.000', ok(10_000)],
      ['1.000.000', ok(1_000_000)],
      ['10000', ok(10_000)],
      [' 10.000 ', ok(10_000)],
      ['10 000', ok(10_000)],
      ['10,000', decimal(10_000)],
      ['10,5', decimal()],
      ['1.000,5', decimal()],
      ['10.000,000', decimal()],
      [',5', decimal()],
      ['10.00', notANumber()],
      ['', { kind: 'empty' }],
    ],
    'fr-FR': [
      ['10 000', ok(10_000)],
      [`10${NBSP}000`, ok(10_000)],
      [`10${NNBSP}000`, ok(10_000)],
      ['1 000 000', ok(1_000_000)],
      ['10,5', decimal()],
      ['10,000', decimal(10_000)],
      ['10.000', notANumber(10_000)],
      ['10.5', notANumber()],
    ],
    'en-US': [
      ['10,000', ok(10_000)],
      ['10000', ok(10_000)],
      ['10 000', ok(10_000)],
      ['1,00,000', ok(100_000)],
      ['-5', ok(-5)],
      ['10.000', decimal(10_000)],
      ['10.5', decimal()],
      ['1,000.5', decimal()],
      ['5.', decimal()],
      ['1e3', notANumber()],
      ['0x10', notANumber()],
      ['1,00', notANumber()],
      ['99999999999999999999', notANumber()],
    ],
    nl: [
      ['10.000', ok(10_000)],
      ['10,5', decimal()],
    ],
    it: [
      ['10.000', ok(10_000)],
      ['10000', ok(10_000)],
      ['10,5', decimal()],
    ],
    es: [
      ['10.000', ok(10_000)],
      ['10,000', decimal(10_000)],
    ],
    'de-CH': [
      ["10'000", ok(10_000)],
      ['10’000', ok(10_000)],
      ['10.5', decimal()],
    ],
  };
  for (const [locale, inputs] of Object.entries(cases))
    test.each(inputs)(`${locale}: %j`, (raw, expected) => {
      expect(parseWholeNumber(raw, numberSigns(locale))).toEqual(expected);
    });
});

describe('days and times', () => {
  const at = Date.UTC(2026, 11, 6, 15, 30);
  test.each([
    ['en-US', 'Dec 6, 2026', '4:30 PM GMT+1'],
    ['de-DE', '6. Dez. 2026', '16:30 MEZ'],
    ['fr-FR', '6 déc. 2026', '16:30 UTC+1'],
    ['nl', '6 dec 2026', '16:30 CET'],
  ])('%s: a day as %j, a time as %j (in Berlin, its zone named)', (locale, day, time) => {
    expect(momentText(at, 'day', locale, 'Europe/Berlin')).toBe(day);
    expect(momentText(at, 'time', locale, 'Europe/Berlin')).toBe(time);
  });

  it('a time on the clock of the zone it is read in', () => {
    expect(momentText(at, 'time', 'en-US', 'America/New_York')).toBe('10:30 AM EST');
    expect(momentText(at, 'time', 'en-US', 'UTC')).toBe('3:30 PM UTC');
    expect(momentText(NaN, 'day', 'en-US')).toBe('?');
  });

  it("a day already on the merchant's calendar stays that day, whatever the zone", () => {
    expect(dayKeyText('2026-03-01', 'month-day', 'en-US')).toBe('Mar 1');
    expect(dayKeyText('2026-03-01', 'month-day', 'de-DE')).toBe('1. März');
    expect(dayKeyText('2026-03-01', 'day', 'fr-FR')).toBe('1 mars 2026');
    expect(dayKeyText('unknown', 'day', 'en-US')).toBe('?');
  });
});
