/**
 * The background's words in the merchant's language: a key and its values (`Said`, from
 * utils/vocabulary.ts) worded with the catalogue, numbers in the page's locale. A sentence (a job
 * record stored before errors became keys) shows as it is.
 */
import { i18n } from '#i18n';
import type { ErrorWords, Said, SaidValue } from '../vocabulary';
import { formatCount } from './format';

type Say = (key: string, ...rest: unknown[]) => string;

/** Said words in the page's language: numbers formatted, strings as they came. */
export function say(words: Said): string {
  const t = i18n.t as unknown as Say;
  const values = (words.values ?? []).map(sayValue);
  const text = words.count === undefined ? t(words.key, values) : t(words.key, words.count, values);
  const said = text || i18n.t('common.somethingWrong');
  return words.then?.length ? [said, ...words.then.map(say)].join(' ') : said;
}

/** One of said words' values: a number in the page's locale, a string as it came, words said. */
export function sayValue(value: SaidValue): string {
  return typeof value === 'number'
    ? formatCount(value)
    : typeof value === 'string'
      ? value
      : say(value);
}

/** Said words, or nothing ('') when there are none. */
export function sayMaybe(words: Said | null | undefined): string {
  return words ? say(words) : '';
}

/** An error from the background (a reply's, a job's, a file's), or null for none. */
export function sayError(error: ErrorWords): string;
export function sayError(error: ErrorWords | null | undefined): string | null;
export function sayError(error: ErrorWords | null | undefined): string | null {
  if (error == null) return null;
  return typeof error === 'string' ? error : say(error);
}

/** Whether a reply's error is said words or a sentence (anything else is not an error). */
export function isErrorWords(value: unknown): value is ErrorWords {
  if (typeof value === 'string') return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { key?: unknown }).key === 'string'
  );
}
