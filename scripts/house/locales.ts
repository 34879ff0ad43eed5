/**
 * Every language has every key of the English catalogue, and no other: locales/en.yml is the
 * source; each locales/<lang>.yml must hold the same keys, each with the same substitutions
 * (`$1`..`$9`, named `{x}`) and, for a plural, the same forms (1/n, or 0/1/n).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseMessagesFile } from '@wxt-dev/i18n/build';

type Parsed = Awaited<ReturnType<typeof parseMessagesFile>>;

/** What must agree across languages, per key. */
function shapes(messages: Parsed): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of messages) {
    if (m.key[0]?.startsWith('@@')) continue; // the browser's own, added by the parser
    const text =
      m.type === 'plural'
        ? Object.values(m.plurals).join('|')
        : m.type === 'simple'
          ? m.message
          : '';
    const positional = [...new Set(text.match(/(?<!\$)\$[1-9]/g) ?? [])].sort().join(',');
    const forms = m.type === 'plural' ? Object.keys(m.plurals).join('/') : '-';
    out.set(
      m.key.join('.'),
      `substitutions ${positional || 'none'}; named ${m.namedSubstitutions.join(',') || 'none'}; forms ${forms}`,
    );
  }
  return out;
}

/** Chrome reads `$name$` as a placeholder and refuses the whole extension when it is not defined. */
const PLACEHOLDER = /(?<!\$)\$[A-Za-z0-9_@]+\$(?!\$)/;

/** Messages the browser would refuse: `$1$2` reads as the placeholder `$1$`. */
export function unreadable(messages: Parsed, lang: string): string[] {
  return messages
    .filter((m) => !m.key[0]?.startsWith('@@'))
    .filter((m) =>
      PLACEHOLDER.test(m.type === 'plural' ? Object.values(m.plurals).join(' | ') : m.message),
    )
    .map((m) => `${lang}: ${m.key.join('.')} holds $…$, which the browser reads as a placeholder`);
}

/** The problems of `lang` against English. */
export function compareLocales(english: Parsed, other: Parsed, lang: string): string[] {
  const en = shapes(english);
  const it = shapes(other);
  const problems: string[] = unreadable(other, lang);
  for (const [key, shape] of en) {
    const theirs = it.get(key);
    if (theirs === undefined) problems.push(`${lang}: missing key ${key}`);
    else if (theirs !== shape) problems.push(`${lang}: ${key} has ${theirs}, English ${shape}`);
  }
  for (const key of it.keys()) if (!en.has(key)) problems.push(`${lang}: extra key ${key}`);
  return problems;
}

/** Every language file under `dir` checked against its en.yml. */
export async function checkLocales(dir: string): Promise<string[]> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));
  if (!files.includes('en.yml')) return [`${dir}/en.yml is missing`];
  const english = await parseMessagesFile(join(dir, 'en.yml'));
  const problems: string[] = unreadable(english, 'en');
  for (const file of files.filter((f) => f !== 'en.yml')) {
    const lang = file.replace(/\.yml$/, '');
    let other: Parsed;
    try {
      other = await parseMessagesFile(join(dir, file));
    } catch (e) {
      problems.push(`${lang}: ${(e as Error).message.split('\n')[0]}`);
      continue;
    }
    problems.push(...compareLocales(english, other, lang));
  }
  return problems;
}
