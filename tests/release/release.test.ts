/**
 * `npm run release` end to end, as CI can afford it: both store zips, the sources zip and
 * SHA256SUMS, then the sources rebuilt in a fresh folder by BUILDING.md's commands and compared
 * byte for byte. The rebuild links this clone's node_modules instead of a fresh `npm ci`
 * (minutes); `npm run release` itself does the full install.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildCommands, differences, zipFiles } from '../../scripts/check-reproducible';
import { RELEASE_DIR, release } from '../../scripts/release';

describe('the reproducibility check can fail', () => {
  test('a changed, missing or extra file is a difference', () => {
    const shipped = new Map([
      ['a.js', Buffer.from('one')],
      ['b.js', Buffer.from('two')],
    ]);
    expect(differences(shipped, new Map(shipped))).toEqual([]);
    expect(
      differences(
        shipped,
        new Map([
          ['a.js', Buffer.from('One')],
          ['c.js', Buffer.from('')],
        ]),
      ),
    ).toEqual(['a.js: differs', 'b.js: not in the rebuild', 'c.js: only in the rebuild']);
  });

  test("BUILDING.md's build commands are read from its Build section", () => {
    const text = readFileSync(join(process.cwd(), 'BUILDING.md'), 'utf8');
    expect(buildCommands(text)).toEqual(['npm ci', 'npx wxt build -b firefox', 'npx wxt build']);
  });
});

describe('npm run release', () => {
  test('makes the store zips, the sources zip and SHA256SUMS; the sources rebuild identically', async () => {
    const files = await release({ reuseNodeModules: true });
    expect(files).toEqual([
      'bulk-coupon-manager-1.0.0-chrome.zip',
      'bulk-coupon-manager-1.0.0-firefox.zip',
      'bulk-coupon-manager-1.0.0-sources.zip',
    ]);
    expect(readdirSync(RELEASE_DIR).sort()).toEqual(['SHA256SUMS', ...files]);

    const sums = readFileSync(join(RELEASE_DIR, 'SHA256SUMS'), 'utf8').trim().split('\n');
    expect(sums).toEqual(
      files.map(
        (f) =>
          `${createHash('sha256')
            .update(readFileSync(join(RELEASE_DIR, f)))
            .digest('hex')}  ${f}`,
      ),
    );

    const sources = [...(await zipFiles(join(RELEASE_DIR, files[2]!))).keys()];
    for (const needed of ['BUILDING.md', 'package-lock.json', 'package.json', 'wxt.config.ts'])
      expect(sources).toContain(needed);
    expect(sources).toContain('entrypoints/offscreen/index.html');
    expect(sources.filter((f) => /^(tests|e2e|sandbox|bench|store)\//.test(f))).toEqual([]);
    expect(sources.filter((f) => f.startsWith('node_modules/') || f.startsWith('.'))).toEqual([]);

    const chrome = await zipFiles(join(RELEASE_DIR, files[0]!));
    const manifest = JSON.parse(chrome.get('manifest.json')!.toString()) as { version: string };
    expect(manifest.version).toBe('1.0.0');
  }, 300_000);
});
