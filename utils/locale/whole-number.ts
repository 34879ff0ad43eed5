/**
 * A whole number as a merchant types it in their language: "10.000" in German, "10 000" in
 * French, "10,000" in English, or plain digits anywhere. Pure: the locale's signs come in.
 * Nothing is guessed: "10.000" is ten with decimals in English, and "10,000" in German.
 */
import type { NumberSigns } from './numbers';

export type WholeNumber =
  | { kind: 'ok'; value: number }
  | { kind: 'empty' }
  /**
   * `meant`: the number it is if its signs were meant to group thousands the way another
   * language does ("10.000" typed in English, or in French, which groups with a space).
   */
  | { kind: 'decimal' | 'not-a-number'; meant: number | null };

/** A space, a no-break space, a narrow no-break space (French), a thin space: never a decimal sign. */
const SPACES = ' \u00A0\u202F\u2009';
/** The signs languages group thousands with, by kind (Swiss German's apostrophe straight or curly). */
const GROUPS = [SPACES, "'\u2019", '.', ','];

/** `signs` as the inside of a regular expression's [class]. */
const inClass = (signs: string) => signs.replace(/[\\\]^-]/g, '\\$&');

/** Digits in threes split by one of `signs` (India's 1,00,000 too: twos, then three). */
const grouped = (body: string, signs: string) =>
  new RegExp(`^\\d{1,3}([${inClass(signs)}]\\d{2,3})*[${inClass(signs)}]\\d{3}$`).test(body);

export function parseWholeNumber(raw: string, { group, decimal }: NumberSigns): WholeNumber {
  const text = raw.trim();
  if (text === '') return { kind: 'empty' };
  const body = text.replace(/^[+-]/, '');
  const value = Number(text.replace(/[^\d-]/g, ''));
  // The locale's own grouping, and spaces, which are never decimal signs.
  const own = SPACES + (GROUPS.find((g) => g.includes(group)) ?? group);
  if (/^\d+$/.test(body) || grouped(body, own))
    return Number.isSafeInteger(value)
      ? { kind: 'ok', value }
      : { kind: 'not-a-number', meant: null };
  const decimals = new RegExp(`^[\\d${inClass(own)}]*[${inClass(decimal)}]\\d*$`).test(body);
  return {
    kind: decimals && /\d/.test(body) ? 'decimal' : 'not-a-number',
    meant: GROUPS.some((g) => grouped(body, g)) ? value : null,
  };
}
