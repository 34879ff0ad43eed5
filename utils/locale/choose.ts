/**
 * Which locale numbers and dates are written in: a pure function of the browser's own word for
 * the merchant's language (a page's `navigator.language`, the background's
 * `i18n.getUILanguage()`), so it is tested on plain strings.
 */

/** When the browser says nothing usable. */
export const FALLBACK_LOCALE = 'en-US';

/** "de-DE" stays "de-DE", "de-de" becomes "de-DE"; nothing, or what Intl refuses, is American English. */
export function chooseLocale(raw: string | null | undefined): string {
  try {
    return Intl.getCanonicalLocales(raw || [])[0] ?? FALLBACK_LOCALE;
  } catch {
    return FALLBACK_LOCALE;
  }
}
