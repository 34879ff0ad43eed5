/**
 * The locale of this page or worker, in one place: the browser's UI language, the one its words
 * come in. The background sets it at start, a page as it makes its bridge (utils/ui/bridge.ts);
 * `navigator.language` is only the fallback (in Firefox it follows web pages' languages, and a
 * worker's may differ from the browser's).
 */
import { chooseLocale } from './choose';

let chosen: string | null = null;

export function setLocale(raw: string | null | undefined): void {
  chosen = chooseLocale(raw);
}

export function currentLocale(): string {
  return (chosen ??= chooseLocale(globalThis.navigator?.language));
}
