/**
 * Which browser `npm start` runs: the one named by CHROME_PATH (or FIREFOX_PATH with
 * --firefox), else one installed where the usual installers put it on macOS, Windows and
 * Linux. Chrome's places come from chrome-launcher (what Lighthouse and Karma use to find
 * Chrome); it knows no Edge and on macOS and Windows no Chromium, so those places are added
 * here, as are Firefox's.
 *
 * Chromium comes first when there are several: Google Chrome and Edge 137 and later no longer
 * load an unpacked extension from the command line (e2e/harness.ts then loads it over the
 * DevTools protocol instead).
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Launcher } from 'chrome-launcher';

export type Platform = 'darwin' | 'win32' | 'linux';

export interface BrowserEnv {
  platform: Platform;
  env: Record<string, string | undefined>;
  /** Whether a file exists and may be run. */
  canRun(path: string): boolean;
  /** `which`: a command's path on PATH, or null. */
  which(command: string): string | null;
  /** chrome-launcher's finds (Chrome, and Chromium on Linux). */
  chromeLauncher(): string[];
}

export function canRun(path: string): boolean {
  try {
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const realEnv = (): BrowserEnv => ({
  platform: (['darwin', 'win32'].includes(process.platform)
    ? process.platform
    : 'linux') as Platform,
  env: process.env,
  canRun,
  which: (command) => {
    try {
      const found = execFileSync(process.platform === 'win32' ? 'where' : 'which', [command], {
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .toString()
        .split(/\r?\n/)[0];
      return found || null;
    } catch {
      return null;
    }
  },
  chromeLauncher: () => {
    try {
      return Launcher.getInstallations();
    } catch {
      return []; // on Linux it throws when it finds none
    }
  },
});

/** Places chrome-launcher does not look: Edge everywhere, Chromium on macOS and Windows. */
function extraChromiumPlaces(e: BrowserEnv): string[] {
  const home = e.env.HOME ?? homedir();
  if (e.platform === 'darwin')
    return [
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      join(home, 'Applications/Chromium.app/Contents/MacOS/Chromium'),
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      join(home, 'Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge'),
    ];
  if (e.platform === 'win32') {
    const roots = [e.env.LOCALAPPDATA, e.env.PROGRAMFILES, e.env['PROGRAMFILES(X86)']].filter(
      (r): r is string => Boolean(r),
    );
    return roots.flatMap((root) => [
      join(root, 'Chromium', 'Application', 'chrome.exe'),
      join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  return ['chromium', 'chromium-browser', 'microsoft-edge-stable', 'microsoft-edge']
    .map((c) => e.which(c))
    .filter((p): p is string => p !== null)
    .concat(['/snap/bin/chromium', '/usr/bin/chromium', '/opt/microsoft/msedge/msedge']);
}

/** Chromium first, then Chrome, then Edge (see the file's comment). */
function rank(path: string): number {
  if (/chromium/i.test(path)) return 0;
  if (/edge/i.test(path)) return 2;
  return 1;
}

export interface Found {
  path: string;
  /** Where it came from, for the message. */
  source: string;
}

/**
 * The Chromium-family browser to start. A CHROME_PATH that names nothing runnable is an error
 * (a typo must not silently start another browser).
 */
export function findChromium(e: BrowserEnv = realEnv()): Found | null {
  const named = e.env.CHROME_PATH;
  if (named) {
    if (!e.canRun(named)) throw new Error(`CHROME_PATH names ${named}, which cannot be run.`);
    return { path: named, source: 'CHROME_PATH' };
  }
  const found = [...e.chromeLauncher(), ...extraChromiumPlaces(e)].filter((p) => e.canRun(p));
  const best = [...new Set(found)].sort((a, b) => rank(a) - rank(b))[0];
  return best ? { path: best, source: 'installed' } : null;
}

/** Firefox: FIREFOX_PATH, else the usual places (Firefox ESR counts). */
export function findFirefox(e: BrowserEnv = realEnv()): Found | null {
  const named = e.env.FIREFOX_PATH;
  if (named) {
    if (!e.canRun(named)) throw new Error(`FIREFOX_PATH names ${named}, which cannot be run.`);
    return { path: named, source: 'FIREFOX_PATH' };
  }
  const home = e.env.HOME ?? homedir();
  const places =
    e.platform === 'darwin'
      ? [
          '/Applications/Firefox.app/Contents/MacOS/firefox',
          join(home, 'Applications/Firefox.app/Contents/MacOS/firefox'),
        ]
      : e.platform === 'win32'
        ? [e.env.PROGRAMFILES, e.env['PROGRAMFILES(X86)'], e.env.LOCALAPPDATA]
            .filter((r): r is string => Boolean(r))
            .map((root) => join(root, 'Mozilla Firefox', 'firefox.exe'))
        : ['firefox', 'firefox-esr']
            .map((c) => e.which(c))
            .filter((p): p is string => p !== null)
            .concat(['/usr/bin/firefox', '/usr/bin/firefox-esr', '/snap/bin/firefox']);
  const path = places.find((p) => e.canRun(p));
  return path ? { path, source: 'installed' } : null;
}

/**
 * Whether a headed browser has somewhere to draw. Only on Linux (and the other Unixes) does
 * that depend on the environment: X11's DISPLAY or Wayland's WAYLAND_DISPLAY (Chromium and
 * Firefox both draw on Wayland by themselves). macOS and Windows always have a desktop, and
 * no DISPLAY.
 */
export function hasDisplay(e: Pick<BrowserEnv, 'platform' | 'env'> = realEnv()): boolean {
  if (e.platform !== 'linux') return true;
  return Boolean(e.env.DISPLAY || e.env.WAYLAND_DISPLAY);
}

/** Debian (and its children): where `npm start` may install the browser from apt. */
export const isDebian = (): boolean => existsSync('/etc/debian_version');
