/**
 * Codes in the merchant's own pattern, the convention of voucher platforms: each `#` is a
 * random character from the chosen set, everything else stays as written (`SPRING-####-####`).
 * Pure, so the form's preview and the job use the same rules; randomness is injected and comes
 * from `crypto.getRandomValues` in the product.
 */
import { currentLocale } from '../locale/current';
import { numberFormat } from '../locale/numbers';
import { CODE_CHAR_RE, CODE_MAX_LENGTH, PATTERN_ROOM } from '../vocabulary';

/** The character sets a pattern may draw from ('custom': the merchant's own characters). */
export const CHARACTER_SET_IDS = [
  'letters-digits',
  'letters',
  'digits',
  'lower-digits',
  'custom',
] as const;
export type CharacterSetId = (typeof CHARACTER_SET_IDS)[number];

/** Each set's characters; its name is the form's to say (pattern.sets.* in the catalogue). */
export const CHARACTER_SETS: Record<Exclude<CharacterSetId, 'custom'>, { characters: string }> = {
  'letters-digits': { characters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789' },
  letters: { characters: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' },
  digits: { characters: '0123456789' },
  'lower-digits': { characters: 'abcdefghijklmnopqrstuvwxyz0123456789' },
};

/**
 * The characters of a set, or the merchant's own: each once, in the order typed, and a letter
 * once whatever its case (the store does not tell "a" from "A", so drawing both would make that
 * letter twice as likely and codes clash more often than the pattern's room allows for).
 */
export function charactersOf(set: CharacterSetId, own: string): string {
  if (set !== 'custom') return CHARACTER_SETS[set].characters;
  const seen = new Set<string>();
  return [...own].filter((c) => !seen.has(c.toUpperCase()) && seen.add(c.toUpperCase())).join('');
}

/** Fills a typed array with random 32-bit values (`crypto.getRandomValues`). */
export type RandomFill = (into: Uint32Array) => Uint32Array;

export const cryptoFill: RandomFill = (into) => globalThis.crypto.getRandomValues(into);

/** What is wrong with a pattern, with its values: utils/ui/pattern-text.ts words it for the form. */
export type PatternProblem =
  | { code: 'empty' | 'no-slot' | 'spaces' | 'few-characters' }
  | { code: 'too-long'; length: number; max: number }
  | { code: 'bad-fixed' | 'bad-characters'; characters: string[] }
  | { code: 'too-small'; space: number; count: number; need: number; room: number };

export interface PatternCheck {
  /** What is wrong (worded by pattern-words.ts); null when the pattern can make the codes. */
  problem: PatternProblem | null;
  /** Random positions (`#`). */
  slots: number;
  /** Codes the pattern can make (may be Infinity past 2^1024: plenty). */
  space: number;
}

/** Whether `pattern` over `characters` can make `count` codes, with room to spare against clashes. */
export function checkPattern(pattern: string, characters: string, count: number): PatternCheck {
  const slots = [...pattern].filter((c) => c === '#').length;
  // The store tells codes apart regardless of case: "a" and "A" make the same code.
  const distinct = new Set([...characters].map((c) => c.toUpperCase())).size;
  const space = distinct ** slots;
  const fail = (problem: PatternProblem): PatternCheck => ({ problem, slots, space });
  if (pattern.trim() === '') return fail({ code: 'empty' });
  if (slots === 0) return fail({ code: 'no-slot' });
  if (pattern.length > CODE_MAX_LENGTH)
    return fail({ code: 'too-long', length: pattern.length, max: CODE_MAX_LENGTH });
  const fixed = [...new Set([...pattern].filter((c) => c !== '#' && !CODE_CHAR_RE.test(c)))];
  if (fixed.length) return fail({ code: 'bad-fixed', characters: fixed });
  if (pattern !== pattern.trim()) return fail({ code: 'spaces' });
  if (characters.length < 2) return fail({ code: 'few-characters' });
  const badChars = [...new Set([...characters].filter((c) => !CODE_CHAR_RE.test(c) || c === ' '))];
  if (badChars.length) return fail({ code: 'bad-characters', characters: badChars });
  if (space < count * PATTERN_ROOM)
    return fail({
      code: 'too-small',
      space,
      count,
      need: count * PATTERN_ROOM,
      room: PATTERN_ROOM,
    });
  return { problem: null, slots, space };
}

/**
 * A pattern's room as numbers: 1,679,616 (as the locale groups it) when a person reads it at a
 * glance, else a mantissa and an exponent ("2.8" and 12), or null past 2^1024.
 */
export function spaceParts(
  space: number,
  locale = currentLocale(),
): { whole: string } | { mantissa: string; exponent: number } | null {
  if (!Number.isFinite(space)) return null;
  if (space < 1e12) return { whole: numberFormat(locale).format(Math.round(space)) };
  const exponent = Math.floor(Math.log10(space));
  return { mantissa: numberFormat(locale, 'one-decimal').format(space / 10 ** exponent), exponent };
}

/**
 * A uniform index in [0, n) from 32-bit random values, without modulo bias: values in the
 * incomplete last band (above the largest multiple of n) are drawn again.
 */
export function uniformIndex(n: number, next: () => number): number {
  const limit = 2 ** 32 - (2 ** 32 % n);
  for (;;) {
    const v = next();
    if (v < limit) return v % n;
  }
}

/** Random 32-bit values drawn a buffer at a time. */
export function randomSource(fill: RandomFill = cryptoFill, size = 256): () => number {
  const buffer = new Uint32Array(size);
  let i = size;
  return () => {
    if (i === size) {
      fill(buffer);
      i = 0;
    }
    return buffer[i++]!;
  };
}

/** One code of the pattern. */
export function patternCode(pattern: string, characters: string, next: () => number): string {
  let out = '';
  for (const c of pattern)
    out += c === '#' ? characters[uniformIndex(characters.length, next)]! : c;
  return out;
}
