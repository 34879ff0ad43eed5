/**
 * Intl formatters, made on first use and kept. The first one made in a content script's world
 * costs ~28 ms (ICU set-up), and made at load it held up the control panel's load event: so
 * never at a module's top level. The panel is built after the page's load event, and its first
 * count or date makes the first formatter.
 */
const kept = new Map<string, unknown>();

export function keptFormat<T>(key: string, make: () => T): T {
  if (!kept.has(key)) kept.set(key, make());
  return kept.get(key) as T;
}
