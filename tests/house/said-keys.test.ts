/**
 * The background says its words as catalogue keys (`said('errors.locked', …)`, and a kind's
 * `w('completed…')` under jobWords): typed `i18n.t` keys are checked by the compiler, these
 * strings are not. Every literal key in the product's code must be in locales/en.yml, or the
 * page would show "Something went wrong" in its place.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseMessagesFile } from '@wxt-dev/i18n/build';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (/\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

describe('keys the background says', () => {
  it('every literal key given to said() or a kind’s w() is in the English catalogue', async () => {
    const keys = new Set(
      (await parseMessagesFile(join(ROOT, 'locales', 'en.yml'))).map((m) => m.key.join('.')),
    );
    const used: string[] = [];
    for (const file of ['utils', 'components', 'entrypoints'].flatMap((d) =>
      files(join(ROOT, d)),
    )) {
      const text = readFileSync(file, 'utf8');
      const where = relative(ROOT, file);
      for (const m of text.matchAll(/\bsaid\(\s*'([^']+)'/g)) used.push(`${where}: ${m[1]}`);
      if (where.startsWith(join('utils', 'jobs', 'kinds')))
        for (const m of text.matchAll(/\bw\(\s*'([^']+)'/g))
          used.push(`${where}: jobWords.${m[1]}`);
    }
    // Enough found that the scan is known to work.
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((u) => !keys.has(u.split(': ')[1]!))).toEqual([]);
  });
});
