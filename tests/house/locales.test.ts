import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMessagesText } from '@wxt-dev/i18n/build';
import { describe, expect, it } from 'vitest';
import { checkLocales, compareLocales } from '../../scripts/house/locales';

const yml = (text: string) => parseMessagesText(text, 'YAML');

const EN = yml(`
a:
  title: Codes
  count: $1 of $2
  plural:
    1: $1 code
    n: $1 codes
`);

describe('every locale has every key', () => {
  it('passes a faithful translation', () => {
    const de = yml(`
a:
  title: Codes
  count: $1 von $2
  plural:
    1: $1 Code
    n: $1 Codes
`);
    expect(compareLocales(EN, de, 'de')).toEqual([]);
  });

  it('fails a missing key and an extra one', () => {
    const de = yml(`
a:
  title: Codes
  extra: Mehr
  plural:
    1: $1 Code
    n: $1 Codes
`);
    expect(compareLocales(EN, de, 'de')).toEqual([
      'de: missing key a.count',
      'de: extra key a.extra',
    ]);
  });

  it('fails other substitutions and other plural forms', () => {
    const de = yml(`
a:
  title: Codes
  count: $1 insgesamt
  plural: $1 Codes
`);
    expect(compareLocales(EN, de, 'de')).toEqual([
      'de: a.count has substitutions $1; named none; forms -, English substitutions $1,$2; named none; forms -',
      'de: a.plural has substitutions $1; named none; forms -, English substitutions $1; named none; forms 1/n',
    ]);
  });

  it('fails `$1$2`, which Chrome reads as the undefined placeholder `$1$` (the extension would not load)', () => {
    const de = yml(`
a:
  title: Codes $1$2
  count: $1 von $2
  plural:
    1: $1 Code
    n: $1 Codes
`);
    expect(compareLocales(EN, de, 'de')[0]).toBe(
      'de: a.title holds $…$, which the browser reads as a placeholder',
    );
    expect(compareLocales(EN, yml('a:\n  title: $$5 $1 $2\n'), 'x')[0]).not.toMatch(/placeholder/);
  });

  it('reads a folder: en.yml against each other language, a broken file said so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bcm-locales-'));
    writeFileSync(join(dir, 'en.yml'), 'a: One\nb: Two\n');
    writeFileSync(join(dir, 'fr.yml'), 'a: Un\n');
    writeFileSync(join(dir, 'nl.yml'), 'a: [unclosed\n');
    const problems = await checkLocales(dir);
    expect(problems[0]).toBe('fr: missing key b');
    expect(problems.some((p) => p.startsWith('nl: '))).toBe(true);
  });

  it('the project’s own catalogues agree', async () => {
    expect(await checkLocales(join(import.meta.dirname, '../../locales'))).toEqual([]);
  });
});
