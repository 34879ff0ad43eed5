/**
 * `npm start -- --firefox`: the Firefox build in Firefox through `web-ext run`, against the
 * sandbox store. Firefox has no host-resolver flag, so, as in the Firefox tests, a PAC file
 * sends every request to a loopback CONNECT proxy that lets through only the BigCommerce hosts
 * (e2e/firefox/proxy.ts), and the profile trusts the sandbox's self-signed certificate for
 * those hosts (cert_override.txt, as Firefox writes it when a person accepts a certificate).
 *
 * Opens the bulk promotion's page; the panel's "Connect this store" leads to the settings,
 * where the printed token is pasted. With --headless it checks that Firefox reached the
 * sandbox with the extension installed, then exits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUIET_PREFS, pacUrl, userJs } from '../e2e/firefox/bidi';
import { startProxy } from '../e2e/firefox/proxy';
import type { Sandbox } from '../sandbox/server';

const WINDOWS = process.platform === 'win32';

/** Ends web-ext and the Firefox it started. */
function endTree(pid: number): void {
  if (WINDOWS) {
    // No process groups or SIGTERM on Windows: taskkill ends the tree (/T), forcibly (/F), as
    // console programs take no polite close. The profile is ours and thrown away anyway.
    spawnSync('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore' });
    return;
  }
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}

/** Firefox's own format for a certificate a person accepted for host:port. */
function certOverrides(sb: Sandbox, hosts: string[]): string {
  const fingerprint = new X509Certificate(sb.cert.pem).fingerprint256;
  return [
    '# PSM Certificate Override Settings file',
    '# This is a generated file!  Do not edit.',
    ...hosts.map((h) => `${h}:443:\tOID.2.16.840.1.101.3.4.2.1\t${fingerprint}\t`),
    '',
  ].join('\n');
}

export interface FirefoxRun {
  child: ChildProcess;
  /** Resolves once Firefox has the add-on installed and has reached the store's control panel. */
  reachedStore: Promise<void>;
  close(): Promise<void>;
}

export async function runFirefox(opts: {
  root: string;
  work: string;
  firefox: string;
  sandbox: Sandbox;
  startUrl: string;
  headless: boolean;
}): Promise<FirefoxRun> {
  const { sandbox: sb } = opts;
  const proxy = await startProxy({ targetPort: sb.port });
  const profile = join(opts.work, 'firefox-profile');
  const home = join(opts.work, 'firefox-home');
  for (const dir of [profile, home]) mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(profile, 'user.js'),
    userJs({
      ...QUIET_PREFS,
      'network.proxy.type': 2,
      'network.proxy.autoconfig_url': pacUrl(proxy.port),
      'browser.download.dir': join(opts.work, 'downloads'),
      'browser.download.folderList': 2,
    }) + '\n',
  );
  const storeHost = new URL(opts.startUrl).host;
  writeFileSync(
    join(profile, 'cert_override.txt'),
    certOverrides(sb, [storeHost, 'api.bigcommerce.com']),
  );

  // On Windows npx is a .cmd script, which Node starts only through cmd.exe (and there every
  // path would need quoting): web-ext's own script runs under this Node instead.
  const [command, ...webExt]: [string, ...string[]] = WINDOWS
    ? [process.execPath, join(opts.root, 'node_modules', 'web-ext', 'bin', 'web-ext.js')]
    : ['npx', 'web-ext'];
  const child = spawn(
    command,
    [
      ...webExt,
      'run',
      '--source-dir',
      join(opts.root, '.output', 'firefox-mv2'),
      '--firefox',
      opts.firefox,
      '--firefox-profile',
      profile,
      '--start-url',
      opts.startUrl,
      '--no-input',
      '--no-reload',
    ],
    {
      cwd: opts.root,
      stdio: ['ignore', 'pipe', 'inherit'],
      // Its own process group, so close() ends Firefox with it. Not on Windows: there it would
      // open a console window of its own, and close() ends the process tree instead.
      detached: !WINDOWS,
      env: {
        ...process.env,
        HOME: home,
        NO_UPDATE_NOTIFIER: '1',
        // Release builds ignore the remote-settings pref without it (see e2e/firefox/bidi.ts).
        MOZ_REMOTE_SETTINGS_DEVTOOLS: '1',
        ...(opts.headless ? { MOZ_HEADLESS: '1' } : {}),
      },
    },
  );
  // web-ext says when Firefox has taken the add-on; its other lines are passed on as they are.
  let installed = false;
  child.stdout?.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (/Installed .* as a temporary add-on/.test(chunk.toString())) installed = true;
  });
  const reachedStore = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (installed && proxy.tunnels.some((t) => t.startsWith(`${storeHost}:`))) {
        clearInterval(timer);
        resolve();
      }
    }, 250);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`web-ext run ended (exit ${code}) before Firefox reached the sandbox.`));
    });
  });
  reachedStore.catch(() => {});
  return {
    child,
    reachedStore,
    close: async () => {
      if (child.exitCode === null && child.pid) {
        const gone = new Promise<void>((r) => child.once('exit', () => r()));
        endTree(child.pid);
        await Promise.race([gone, new Promise((r) => setTimeout(r, 5_000))]);
      }
      await proxy.close();
    },
  };
}
