/**
 * The browser's `i18n.getMessage`, for unit tests: WxtVitest's fake browser has none. It reads
 * the catalogue the build compiles (locales/<lang>.yml made into _locales/<lang>/messages.json
 * by @wxt-dev/i18n's own code) and substitutes `$1`..`$9` and `$$` as Chrome does.
 */
import { resolve } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export type Messages = Record<string, { message: string }>;

const cache = new Map<string, Messages>();

/** The messages.json of `lang`, as the build writes it. */
export async function catalogue(lang: string): Promise<Messages> {
  let messages = cache.get(lang);
  if (!messages) {
    const file = resolve(import.meta.dirname, '..', 'locales', `${lang}.yml`);
    messages = generateChromeMessages(await parseMessagesFile(file)) as Messages;
    cache.set(lang, messages);
  }
  return messages;
}

/** Chrome's wording of one message: `$n` from the substitutions, `$$` a dollar sign. */
export function getMessage(messages: Messages, name: string, subs?: string | string[]): string {
  const entry =
    messages[name] ??
    messages[Object.keys(messages).find((k) => k.toLowerCase() === name.toLowerCase()) ?? ''];
  if (!entry) return '';
  const values = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  return entry.message.replace(/\$(\$|[1-9])/g, (_, what: string) =>
    what === '$' ? '$' : (values[Number(what) - 1] ?? ''),
  );
}

/** The fake browser speaks `lang` from now on (English is what the setup installs). */
export async function speak(lang: string): Promise<void> {
  const messages = await catalogue(lang);
  (fakeBrowser.i18n as { getMessage: unknown }).getMessage = (
    name: string,
    subs?: string | string[],
  ) => getMessage(messages, name, subs);
  (fakeBrowser.i18n as { getUILanguage: unknown }).getUILanguage = () => lang;
}
