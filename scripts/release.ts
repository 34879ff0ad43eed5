/**
 * `npm run release`: what goes to the stores, under .output/release/:
 * - the Chrome Web Store zip and the addons.mozilla.org zip (`wxt zip`, both browsers);
 * - the sources zip a reviewer rebuilds from (the repository less tests, fixtures and listing
 *   material, with package-lock.json and BUILDING.md: see wxt.config.ts's `zip`);
 * - SHA256SUMS of the three.
 * Then it proves the build reproducible: the sources zip unpacked into a fresh folder, `npm ci`
 * and the build as BUILDING.md says, byte-identical files (scripts/check-reproducible.ts).
 *
 * `--reuse-node-modules` links this clone's node_modules for the rebuild instead of a fresh
 * `npm ci` (the unit test uses it to stay quick).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildEnv, checkReproducible } from './check-reproducible';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const RELEASE_DIR = join(ROOT, '.output', 'release');

function run(cmd: string, args: string[]): void {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: buildEnv(),
  });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}).`);
}

const kb = (path: string) => `${(statSync(path).size / 1024).toFixed(1)} KB`;

export async function release(opts: { reuseNodeModules?: boolean } = {}): Promise<string[]> {
  const started = Date.now();
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const dirty = spawnSync('git', ['status', '--porcelain'], { cwd: ROOT }).stdout?.toString();
  if (dirty?.trim())
    console.warn('Warning: the work tree has uncommitted changes; they go into the sources zip.');

  rmSync(RELEASE_DIR, { recursive: true, force: true });
  const zips = {
    chrome: `${name}-${version}-chrome.zip`,
    firefox: `${name}-${version}-firefox.zip`,
    sources: `${name}-${version}-sources.zip`,
  };
  for (const file of Object.values(zips)) rmSync(join(ROOT, '.output', file), { force: true });
  // WXT leaves a browser's skipped entrypoints out of its sources zip (Firefox's lacks Chrome's
  // offscreen page): the Chrome run comes last, and its sources zip, which has every entrypoint,
  // replaces Firefox's. The rebuild below proves it builds both browsers.
  run('npx', ['wxt', 'zip', '-b', 'firefox']);
  run('npx', ['wxt', 'zip', '--sources']);
  mkdirSync(RELEASE_DIR, { recursive: true });
  for (const file of Object.values(zips))
    renameSync(join(ROOT, '.output', file), join(RELEASE_DIR, file));

  console.log('\nRebuilding from the sources zip in a fresh folder, as BUILDING.md says:');
  const report = await checkReproducible({
    sourcesZip: join(RELEASE_DIR, zips.sources),
    chromeZip: join(RELEASE_DIR, zips.chrome),
    firefoxZip: join(RELEASE_DIR, zips.firefox),
    reuseNodeModules: opts.reuseNodeModules,
  });
  console.log(
    `Reproducible: ${report.files} files of both store zips byte-identical to the rebuild (${(report.ms / 1000).toFixed(1)} s).`,
  );

  const files = Object.values(zips).sort();
  const sums = files
    .map(
      (f) =>
        `${createHash('sha256')
          .update(readFileSync(join(RELEASE_DIR, f)))
          .digest('hex')}  ${f}`,
    )
    .join('\n');
  writeFileSync(join(RELEASE_DIR, 'SHA256SUMS'), `${sums}\n`);

  console.log(`\n.output/release/ (${((Date.now() - started) / 1000).toFixed(1)} s in all):`);
  for (const f of readdirSync(RELEASE_DIR).sort())
    console.log(`  ${f}  ${kb(join(RELEASE_DIR, f))}`);
  return files;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(fileURLToPath(import.meta.url))) {
  release({ reuseNodeModules: process.argv.includes('--reuse-node-modules') }).catch(
    (e: unknown) => {
      console.error(`\nnpm run release failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
