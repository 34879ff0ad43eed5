/**
 * The locale of this page or worker, in one place. Pages need do nothing: their own language is
 * read when a number is first written. The background says its UI language at start (a
 * worker's `navigator.language` may differ from the language the browser shows).
 */
import { chooseLocale } from './choose';

let chosen: string | null = null;

export function setLocale(raw: string | null | undefined): void {
  chosen = chooseLocale(raw);
}

export function currentLocale(): string {
  return (chosen ??= chooseLocale(globalThis.navigator?.language));
}
