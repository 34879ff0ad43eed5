/**
 * Whole numbers as merchants type them in their language ("5000", "5,000" in English, "5.000"
 * in German, "5 000" in French), and the ranges the forms share: how many codes, and how many
 * times each code works (per code, per customer). The generate form, the pattern form and the
 * import dialog all check them with the same words. Plain TypeScript (no zod), for the content
 * script's sake.
 */
import { i18n } from '#i18n';
import { formatCount } from './format';
import { currentLocale } from '../locale/current';
import { numberSigns } from '../locale/numbers';
import { parseWholeNumber, type WholeNumber } from '../locale/whole-number';
import { MAX_JOB_CODES, USES_MAX } from '../vocabulary';

/** A number as typed, read in the page's language (see utils/locale/whole-number.ts). */
export function readWholeNumber(raw: string, locale = currentLocale()): WholeNumber {
  return parseWholeNumber(raw, numberSigns(locale));
}

/** The typed number when it is a whole number, else null (for what follows a field as typed). */
export function typedWholeNumber(raw: string): number | null {
  const parsed = readWholeNumber(raw);
  return parsed.kind === 'ok' ? parsed.value : null;
}

/**
 * What is wrong with a number that is not a whole number, in the merchant's language.
 * `meant`: what it would be grouped as the page's language groups.
 */
export const NUMBER_WORDS = {
  decimal: (example: string) => i18n.t('forms.numbers.decimal', [example]),
  decimalSign: (sign: string, meant: number) =>
    i18n.t('forms.numbers.decimalSign', [sign, formatCount(meant)]),
  digits: (example: string) => i18n.t('forms.numbers.digits', [example]),
  grouping: (meant: number) => i18n.t('forms.numbers.grouping', [formatCount(meant)]),
};

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
  const parsed = readWholeNumber(raw);
  switch (parsed.kind) {
    case 'empty':
      return { error: words.empty };
    case 'decimal':
      return {
        error:
          parsed.meant === null
            ? NUMBER_WORDS.decimal(words.example)
            : NUMBER_WORDS.decimalSign(numberSigns(currentLocale()).decimal, parsed.meant),
      };
    case 'not-a-number':
      return {
        error:
          parsed.meant === null
            ? NUMBER_WORDS.digits(words.example)
            : NUMBER_WORDS.grouping(parsed.meant),
      };
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
  const most = formatCount(USES_MAX);
  return checkWhole(raw, 0, USES_MAX, {
    empty: perCustomer
      ? i18n.t('forms.numbers.usesPerCustomerEmpty', [most])
      : i18n.t('forms.numbers.usesEmpty', [most]),
    below: i18n.t('forms.numbers.usesBelow'),
    above: i18n.t('forms.numbers.usesAbove', [most]),
    example: '1',
  });
}

/** "Number of codes": 1 to 1,000,000. */
function checkCount(raw: string): Checked<number> {
  return checkWhole(raw, 1, MAX_JOB_CODES, {
    empty: i18n.t('forms.numbers.countEmpty', [formatCount(MAX_JOB_CODES)]),
    below: i18n.t('forms.numbers.countBelow'),
    above: i18n.t('forms.numbers.countAbove', [formatCount(MAX_JOB_CODES)]),
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
