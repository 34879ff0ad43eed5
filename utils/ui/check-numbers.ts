/**
 * Whole numbers as merchants type them ("5000", "5,000", " 5000 "), and the ranges the forms
 * share: how many codes, and how many times each code works (per code, per customer). The
 * generate form, the pattern form and the import dialog all check them with the same words.
 * Plain TypeScript (no zod), for the content script's sake.
 */
import { formatCount } from './format';
import { MAX_JOB_CODES, USES_MAX } from '../vocabulary';

type WholeNumber =
  | { kind: 'ok'; value: number }
  | { kind: 'empty' }
  | { kind: 'decimal' }
  | { kind: 'not-a-number' };

/**
 * "5000", "5,000" and " 5000 " are whole numbers; "2.5", "1e9", "abc", "0x10" are not.
 * Digits only (with optional English thousands separators) so nothing is guessed.
 */
export function parseWholeNumber(raw: string): WholeNumber {
  const text = raw.trim();
  if (text === '') return { kind: 'empty' };
  if (/^[+-]?(\d+|\d{1,3}(,\d{3})+)$/.test(text)) {
    const value = Number(text.replace(/,/g, ''));
    return Number.isSafeInteger(value) ? { kind: 'ok', value } : { kind: 'not-a-number' };
  }
  if (/^[+-]?(\d[\d,]*)?\.\d+$/.test(text) || /^[+-]?\d[\d,]*\.$/.test(text))
    return { kind: 'decimal' };
  return { kind: 'not-a-number' };
}

export interface RangeWords {
  empty: string;
  below: string;
  above: string;
  example: string;
}

export type Checked<T> = { value: T } | { error: string };

export function checkWhole(
  raw: string,
  min: number,
  max: number,
  words: RangeWords,
): Checked<number> {
  const parsed = parseWholeNumber(raw);
  switch (parsed.kind) {
    case 'empty':
      return { error: words.empty };
    case 'decimal':
      return { error: `Enter a whole number, without decimals (for example ${words.example}).` };
    case 'not-a-number':
      return { error: `Enter a whole number using digits only (for example ${words.example}).` };
    case 'ok':
      if (parsed.value < min) return { error: words.below };
      if (parsed.value > max) return { error: words.above };
      return { value: parsed.value };
  }
}

/** The fields every way of making codes shares, as typed. */
export interface SharedValues {
  count: string;
  maxUses: string;
  maxUsesPerCustomer: string;
}

/** "Max uses per code" and "Max uses per customer": 0 (unlimited) to 100,000. */
export function checkUses(raw: string, perCustomer: boolean): Checked<number> {
  const what = perCustomer
    ? 'how many times one customer may use a code'
    : 'how many times each code works';
  return checkWhole(raw, 0, USES_MAX, {
    empty: `Enter ${what} from 0 to ${formatCount(USES_MAX)} (0 means unlimited).`,
    below: 'Cannot be below 0; use 0 for unlimited.',
    above: `At most ${formatCount(USES_MAX)}; use 0 for unlimited.`,
    example: '1',
  });
}

/** "Number of codes": 1 to 1,000,000. */
function checkCount(raw: string): Checked<number> {
  return checkWhole(raw, 1, MAX_JOB_CODES, {
    empty: `Enter how many codes to generate (1 to ${formatCount(MAX_JOB_CODES)}).`,
    below: 'Enter at least 1 code.',
    above: `At most ${formatCount(MAX_JOB_CODES)} codes in one job; run another job for more.`,
    example: '5000',
  });
}

/** The shared fields checked: their errors by field, and their values when all are right. */
export function checkShared(values: SharedValues): {
  errors: Partial<Record<keyof SharedValues, string>>;
  count: number | null;
  uses: { maxUses: number; maxUsesPerCustomer: number } | null;
} {
  const errors: Partial<Record<keyof SharedValues, string>> = {};
  const count = checkCount(values.count);
  const maxUses = checkUses(values.maxUses, false);
  const perCustomer = checkUses(values.maxUsesPerCustomer, true);
  if ('error' in count) errors.count = count.error;
  if ('error' in maxUses) errors.maxUses = maxUses.error;
  if ('error' in perCustomer) errors.maxUsesPerCustomer = perCustomer.error;
  return {
    errors,
    count: 'value' in count ? count.value : null,
    uses:
      'value' in maxUses && 'value' in perCustomer
        ? { maxUses: maxUses.value, maxUsesPerCustomer: perCustomer.value }
        : null,
  };
}
