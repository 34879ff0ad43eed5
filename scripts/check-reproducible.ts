/**
 * The build is reproducible: the sources zip, unpacked into an empty folder and built by the
 * commands in its BUILDING.md, gives files byte-identical to the store zips' (what
 * addons.mozilla.org checks before it signs a bundled add-on).
 *
 * `--reuse-node-modules` links this clone's node_modules instead of running `npm ci` (the unit
 * test does so: a fresh install takes minutes); `npm run release` does the full install.
 *
 *   tsx scripts/check-reproducible.ts <sources.zip> <chrome.zip> <firefox.zip> [--reuse-node-modules]
 */
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** The files of a zip, by path (folders left out). */
export async function zipFiles(zipPath: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(readFileSync(zipPath));
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(zip.files))
    if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  return files;
}

function filesUnder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(dir, p).split('\\').join('/'), readFileSync(p));
    }
  };
  walk(dir);
  return files;
}

/** The shell commands of BUILDING.md's "## Build" section, in order. */
export function buildCommands(buildingMd: string): string[] {
  const section = /## Build\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(buildingMd);
  if (!section) throw new Error('BUILDING.md has no ```sh block under "## Build".');
  return section[1]!
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** What differs between a store zip and a rebuilt folder, in words; empty when identical. */
export function differences(shipped: Map<string, Buffer>, rebuilt: Map<string, Buffer>): string[] {
  const out: string[] = [];
  for (const [name, bytes] of shipped) {
    const other = rebuilt.get(name);
    if (!other) out.push(`${name}: not in the rebuild`);
    else if (!bytes.equals(other)) out.push(`${name}: differs`);
  }
  for (const name of rebuilt.keys())
    if (!shipped.has(name)) out.push(`${name}: only in the rebuild`);
  return out;
}

export interface RebuildReport {
  folder: string;
  commands: string[];
  files: number;
  ms: number;
}

export async function checkReproducible(opts: {
  sourcesZip: string;
  chromeZip: string;
  firefoxZip: string;
  reuseNodeModules?: boolean;
  log?: (line: string) => void;
}): Promise<RebuildReport> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const folder = mkdtempSync(join(tmpdir(), 'bcm-rebuild-'));
  try {
    for (const [name, bytes] of await zipFiles(opts.sourcesZip)) {
      const path = join(folder, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    }
    const commands = buildCommands(readFileSync(join(folder, 'BUILDING.md'), 'utf8'));
    for (const command of commands) {
      if (opts.reuseNodeModules && command.startsWith('npm ci')) {
        log(
          `  (instead of \`${command}\`: node_modules linked from ${ROOT}, then \`npx wxt prepare\`)`,
        );
        symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'), 'junction');
        run('npx wxt prepare', folder);
        continue;
      }
      log(`  $ ${command}`);
      run(command, folder);
    }
    let files = 0;
    for (const [zip, dir] of [
      [opts.chromeZip, 'chrome-mv3'],
      [opts.firefoxZip, 'firefox-mv2'],
    ] as const) {
      const shipped = await zipFiles(zip);
      const diff = differences(shipped, filesUnder(join(folder, '.output', dir)));
      if (diff.length)
        throw new Error(
          `The rebuild of ${dir} is not identical to ${zip}:\n  ${diff.join('\n  ')}`,
        );
      files += shipped.size;
    }
    return { folder, commands, files, ms: Date.now() - started };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The environment for a build: this one, less what a test runner sets (NODE_ENV=test and
 * VITEST would change what Vite builds).
 */
export function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_UPDATE_NOTIFIER: '1' };
  for (const key of Object.keys(env))
    if (key === 'NODE_ENV' || key === 'MODE' || key.startsWith('VITEST')) delete env[key];
  return env;
}

function run(command: string, cwd: string): void {
  const r = spawnSync(command, {
    cwd,
    shell: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...buildEnv(), npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  if (r.status !== 0)
    throw new Error(
      `\`${command}\` failed in ${cwd} (exit ${r.status}):\n${r.stdout}\n${r.stderr}`,
    );
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(fileURLToPath(import.meta.url))) {
  const [sourcesZip, chromeZip, firefoxZip] = process.argv
    .slice(2)
    .filter((a) => !a.startsWith('--'));
  if (!sourcesZip || !chromeZip || !firefoxZip) {
    console.error(
      'Usage: tsx scripts/check-reproducible.ts <sources.zip> <chrome.zip> <firefox.zip> [--reuse-node-modules]',
    );
    process.exit(2);
  }
  checkReproducible({
    sourcesZip,
    chromeZip,
    firefoxZip,
    reuseNodeModules: process.argv.includes('--reuse-node-modules'),
  }).then(
    (r) => console.log(`Reproducible: ${r.files} files identical (${(r.ms / 1000).toFixed(1)} s).`),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
