/**
 * Drives the built extension (unmodified production build) in Debian's Chromium against the
 * sandbox store. See /work/shared/E2E-NOTES.md for why each flag is here.
 *
 * Both api.bigcommerce.com and store-*.mybigcommerce.com resolve to the sandbox's one port
 * (it routes by path); its self-signed certificate is trusted by SPKI hash, which also covers
 * the service worker's fetches.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type BrowserContext,
  type CDPSession,
  type Page,
  type Worker,
} from 'playwright-core';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';

export type { Sandbox, SandboxOptions };

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The build under test; BCM_EXTENSION_DIR points elsewhere (e.g. another version's build, to compare). */
export const DEFAULT_EXTENSION_DIR =
  process.env.BCM_EXTENSION_DIR ?? join(ROOT, '.output', 'chrome-mv3');

export interface LaunchOptions {
  /** A running sandbox to use (it stays up after close()); else one is started and closed with the browser. */
  sandbox?: Sandbox;
  sandboxOptions?: SandboxOptions;
  headless?: boolean;
  /** Chromium profile folder; pass a previous launch's `profileDir` to relaunch with the same profile. */
  profileDir?: string;
  /** The unpacked extension (copied into the launch folder first); default `.output/chrome-mv3`. */
  extensionDir?: string;
  /** Where downloads go; default `downloads/` beside the profile folder. */
  downloadsDir?: string;
  viewport?: { width: number; height: number };
  /** Another Chromium-family browser (Chrome, Edge); default Debian's Chromium (CHROMIUM). */
  executablePath?: string;
  /**
   * The browser's language (`--lang`, and LANGUAGE for Chromium on Linux), e.g. 'de': the
   * extension then speaks it through browser.i18n. Debian's Chromium needs chromium-l10n.
   * Default 'en', whatever this machine's language: the tests and the tour read English words.
   */
  lang?: string;
}

export interface DownloadItem {
  filename: string;
  state: string;
  bytes: number;
}

export interface Launched {
  context: BrowserContext;
  extensionId: string;
  sandbox: Sandbox;
  profileDir: string;
  downloadsDir: string;
  /** The extension's service worker, fetched again each call: MV3 workers stop when idle. */
  serviceWorker(): Promise<Worker>;
  optionsUrl(storeHash?: string): string;
  popupUrl(): string;
  /** The promotions list, or a promotion's edit page, on `https://store-{hash}.mybigcommerce.com`. */
  panelUrl(promotionId?: number | null, storeHash?: string): string;
  /** Connects a store through the options page, as a merchant would; throws with the page's alert if refused. */
  connectStore(token?: string, storeHash?: string): Promise<void>;
  /** `chrome.downloads.search({})` in the service worker. */
  downloads(): Promise<DownloadItem[]>;
  /**
   * Waits until a download whose file name matches is complete and returns its absolute path.
   * Each download is returned once: a second call waits for another matching download.
   */
  waitForDownload(match: RegExp, timeoutMs?: number): Promise<string>;
  /**
   * Requests the pages and the extension's workers made to anywhere but the sandbox's hosts,
   * loopback and the extension itself (PRIVACY.md: nothing goes anywhere else). Empty in a
   * good run.
   */
  requestsElsewhere(): string[];
  /** Stops the extension's service worker through CDP (as Chrome does to an idle or killed worker). */
  stopServiceWorker(): Promise<void>;
  /** Closes the browser (and the sandbox, if this launch started it). Files stay unless asked. */
  close(options?: { removeFiles?: boolean }): Promise<void>;
}

/**
 * Where the extension and the pages may send a request in a run: BigCommerce's API and control
 * panel hosts (both resolve to the sandbox), loopback, and the extension's own files.
 */
export function isSandboxRequest(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (['chrome-extension:', 'data:', 'blob:', 'about:'].includes(u.protocol)) return true;
  const host = u.hostname;
  if (host === '127.0.0.1' || host === 'localhost') return true;
  return (
    u.protocol === 'https:' &&
    (host === 'api.bigcommerce.com' || /^[a-z0-9-]+\.mybigcommerce\.com$/.test(host))
  );
}

/** Writes the download folder into the profile's preferences (merged with what Chromium wrote before). */
function writePreferences(profileDir: string, downloadsDir: string) {
  const file = join(profileDir, 'Default', 'Preferences');
  mkdirSync(dirname(file), { recursive: true });
  let prefs: Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      prefs = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      prefs = {};
    }
  }
  const download = {
    ...((prefs.download as object | undefined) ?? {}),
    default_directory: downloadsDir,
    prompt_for_download: false,
    directory_upgrade: true,
  };
  const savefile = {
    ...((prefs.savefile as object | undefined) ?? {}),
    default_directory: downloadsDir,
  };
  writeFileSync(file, JSON.stringify({ ...prefs, download, savefile }));
}

/** The one extension API evaluated in the worker from here (types for the function's body only). */
declare const chrome: {
  downloads: {
    search(
      query: object,
    ): Promise<
      Array<{ filename: string; state: string; bytesReceived: number; startTime: string }>
    >;
  };
};

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Copies the build into the launch folder: a rebuild while tests run (a benchmark, `npm start`,
 * `wxt build` by hand) cannot pull files from under the browser. The copy's path, and so the
 * extension's id and storage, stays the same for every launch with the same profile.
 */
async function snapshotBuild(source: string, target: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const manifest = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8')) as {
        background?: { service_worker?: string };
      };
      rmSync(target, { recursive: true, force: true });
      cpSync(source, target, { recursive: true });
      const worker = manifest.background?.service_worker;
      if (worker && !existsSync(join(target, worker))) throw new Error(`${worker} is missing`);
      JSON.parse(readFileSync(join(target, 'manifest.json'), 'utf8'));
      return;
    } catch (e) {
      // Mid-rebuild the folder is briefly empty or partial: wait for the build to finish.
      if (attempt >= 20)
        throw new Error(
          `No usable extension build at ${source} (${(e as Error).message}): run \`npx wxt build\` first.`,
        );
      await sleep(500);
    }
  }
}

/**
 * Chromium flags that send the store and API hosts to the sandbox, trust its certificate,
 * and keep the browser off the (closed) network.
 */
export function sandboxBrowserArgs(sandbox: Pick<Sandbox, 'port' | 'cert'>): string[] {
  return [
    `--host-resolver-rules=MAP *.mybigcommerce.com 127.0.0.1:${sandbox.port}, MAP api.bigcommerce.com 127.0.0.1:${sandbox.port}`,
    `--ignore-certificate-errors-spki-list=${sandbox.cert.spkiSha256}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

export async function launchExtension(opts: LaunchOptions = {}): Promise<Launched> {
  const buildDir = resolve(opts.extensionDir ?? DEFAULT_EXTENSION_DIR);
  if (!existsSync(buildDir))
    throw new Error(`No extension build at ${buildDir}: run \`npx wxt build\` first.`);
  const ownSandbox = !opts.sandbox;
  const sandbox = opts.sandbox ?? (await startSandbox(opts.sandboxOptions));

  // One folder per launch holds the profile, the browser's HOME and the downloads; a relaunch
  // with a previous profileDir finds the same folder (its parent).
  const root = opts.profileDir
    ? dirname(resolve(opts.profileDir))
    : mkdtempSync(join(tmpdir(), 'bcm-e2e-'));
  const profileDir = opts.profileDir ? resolve(opts.profileDir) : join(root, 'profile');
  const downloadsDir = resolve(opts.downloadsDir ?? join(root, 'downloads'));
  const home = join(root, 'home');
  for (const dir of [profileDir, downloadsDir, home, join(home, 'tmp')])
    mkdirSync(dir, { recursive: true });
  writePreferences(profileDir, downloadsDir);
  const extensionDir = join(root, 'extension');
  try {
    await snapshotBuild(buildDir, extensionDir);
  } catch (e) {
    if (ownSandbox) await sandbox.close();
    throw e;
  }

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    TMPDIR: join(home, 'tmp'),
  });
  // Chromium on Linux takes its language from the environment (LANGUAGE first; LC_ALL and
  // LC_MESSAGES would outrank LANG); --lang (below) elsewhere.
  const lang = opts.lang ?? 'en';
  Object.assign(env, { LANGUAGE: lang, LC_ALL: '', LC_MESSAGES: '', LANG: `${lang}.UTF-8` });

  const executablePath = opts.executablePath ?? CHROMIUM;
  // Chrome and Edge 137+ ignore --load-extension unless that feature is turned off again, and
  // later ones ignore it for good: there the extension is loaded over CDP (below).
  const otherBrowser = executablePath !== CHROMIUM;
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: opts.headless ?? true,
      viewport: opts.viewport ?? { width: 1280, height: 900 },
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        ...(otherBrowser
          ? [
              '--enable-unsafe-extension-debugging',
              '--disable-features=DisableLoadExtensionCommandLineSwitch',
            ]
          : []),
        ...sandboxBrowserArgs(sandbox),
        `--lang=${lang}`,
      ],
      locale: lang,
      env,
    });
  } catch (e) {
    if (ownSandbox) await sandbox.close();
    throw e;
  }

  // Downloads keep the extension's file names: the browser's own behaviour, into the folder
  // set in Preferences (Playwright's default would rename them to GUIDs elsewhere).
  const browserSession = await context.browser()!.newBrowserCDPSession();
  await browserSession.send('Browser.setDownloadBehavior', { behavior: 'default' });

  const isOurs = (w: Worker) =>
    w.url().startsWith('chrome-extension://') && w.url().endsWith('/background.js');
  const waitForWorker = () =>
    context
      .waitForEvent('serviceworker', { predicate: isOurs, timeout: 15_000 })
      .catch(() => undefined);
  let first = context.serviceWorkers().find(isOurs);
  first ??= await waitForWorker();
  if (!first && otherBrowser) {
    const loaded = waitForWorker();
    await browserSession.send('Extensions.loadUnpacked', { path: extensionDir }).catch(() => {});
    first = context.serviceWorkers().find(isOurs) ?? (await loaded);
  }
  if (!first) {
    await context.close().catch(() => {});
    if (ownSandbox) await sandbox.close();
    throw new Error(
      `The extension's service worker never started (a manifest error is silent; try --enable-logging=stderr). Build: ${buildDir}`,
    );
  }
  const extensionId = new URL(first.url()).host;
  const origin = `chrome-extension://${extensionId}`;
  const ours = (w: Worker) => w.url().startsWith(`${origin}/`);

  const optionsUrl = (storeHash?: string) =>
    `${origin}/options.html${storeHash ? `?store=${encodeURIComponent(storeHash)}` : ''}`;
  const popupUrl = () => `${origin}/popup.html`;
  const panelUrl = (promotionId?: number | null, storeHash = sandbox.storeHash) =>
    `https://store-${storeHash}.mybigcommerce.com/manage/marketing/promotions${promotionId == null ? '' : `/${promotionId}/edit`}`;

  let closed = false;
  context.on('close', () => (closed = true));
  // Every request of the pages and of the extension's service worker (Playwright reports both).
  const elsewhere: string[] = [];
  context.on('request', (request) => {
    if (!isSandboxRequest(request.url())) elsewhere.push(`${request.method()} ${request.url()}`);
  });

  async function serviceWorker(): Promise<Worker> {
    if (closed) throw new Error('The browser of this launch is closed.');
    // A stopped worker may still be listed (Playwright keeps the object for its version and
    // re-attaches when it starts again), so a quick evaluation tells whether it runs.
    const listed = context.serviceWorkers().find(ours);
    if (
      listed &&
      (await Promise.race([
        listed.evaluate(() => true).catch(() => false),
        sleep(2_000).then(() => false),
      ]))
    )
      return listed;
    // Any extension page that talks to the background wakes it: the popup opens the jobs feed.
    const woken = listed
      ? sleep(300).then(() => listed)
      : context.waitForEvent('serviceworker', { predicate: ours, timeout: 15_000 });
    woken.catch(() => {}); // awaited below; a page that fails to open must not leave it unhandled
    const page = await context.newPage();
    try {
      await page.goto(popupUrl());
      await page.getByRole('heading', { name: 'Bulk coupon jobs' }).waitFor();
      return await woken;
    } finally {
      await page.close().catch(() => {});
    }
  }

  /** Evaluates in the worker, fetching it again if it stopped under us. */
  async function inWorker<R>(fn: () => R | Promise<R>): Promise<R> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        const worker = await serviceWorker();
        return await worker.evaluate(fn);
      } catch (e) {
        lastError = e;
        if (closed) break;
        await sleep(250);
      }
    }
    throw lastError;
  }

  async function downloads(): Promise<DownloadItem[]> {
    return inWorker(async () => {
      const items = await chrome.downloads.search({});
      return items
        .sort((a, b) => a.startTime.localeCompare(b.startTime))
        .map((i) => ({ filename: i.filename, state: i.state, bytes: i.bytesReceived }));
    });
  }

  const claimed = new Set<string>();
  async function waitForDownload(match: RegExp, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let seen: DownloadItem[] = [];
    while (Date.now() < deadline) {
      seen = await downloads();
      for (const item of seen) {
        if (!item.filename || claimed.has(item.filename) || !match.test(basename(item.filename)))
          continue;
        if (item.state === 'interrupted')
          throw new Error(`The download of ${basename(item.filename)} was interrupted.`);
        if (item.state === 'complete' && existsSync(item.filename)) {
          claimed.add(item.filename);
          return item.filename;
        }
      }
      await sleep(200);
    }
    throw new Error(
      `No complete download matching ${match} within ${timeoutMs} ms. Downloads: ${JSON.stringify(seen)}`,
    );
  }

  /** A message of the build's catalogue in the browser's language (`options_saveStore`). */
  let messages: Record<string, { message: string }> | null = null;
  function say(name: string): string {
    messages ??= JSON.parse(
      readFileSync(join(extensionDir, '_locales', opts.lang ?? 'en', 'messages.json'), 'utf8'),
    ) as Record<string, { message: string }>;
    const message = messages[name]?.message;
    if (message === undefined) throw new Error(`No message ${name} in the build`);
    return message;
  }

  async function connectStore(
    token = sandbox.tokens.modify,
    storeHash = sandbox.storeHash,
  ): Promise<void> {
    const page = await context.newPage();
    try {
      await page.goto(optionsUrl(storeHash));
      // The settings in the browser's language, by their names there.
      await page.getByLabel(say('options_storeHash')).fill(storeHash);
      await page.getByLabel(say('options_token')).fill(token);
      await page.getByRole('button', { name: say('options_saveStore') }).click();
      const outcome = page.locator('form [role="status"], form [role="alert"]').first();
      await outcome.waitFor({ timeout: 30_000 });
      if ((await outcome.getAttribute('role')) === 'alert')
        throw new Error(`Connecting store ${storeHash} failed: ${await outcome.innerText()}`);
      await page
        .getByRole('listitem')
        // "Store {hash}" (in the browser's language), or "{name} ({hash})" when the name was read.
        .filter({ hasText: new RegExp(`\\b${storeHash}\\b`) })
        .waitFor();
    } finally {
      await page.close();
    }
  }

  /** A page-level CDP session on some open page (one is opened when none is). */
  async function pageSession(): Promise<{ session: CDPSession; page: Page; temporary: boolean }> {
    const open = context.pages().find((p) => !p.isClosed());
    const page = open ?? (await context.newPage());
    return { session: await context.newCDPSession(page), page, temporary: !open };
  }

  async function stopServiceWorker(): Promise<void> {
    // Playwright keeps its Worker object across a restart of the same version, so the stop is
    // watched in the ServiceWorker domain: our registration's version reaching "stopped".
    const { session, page, temporary } = await pageSession();
    try {
      const stopped = new Promise<void>((resolveStopped, reject) => {
        const timer = setTimeout(
          () => reject(new Error('The service worker did not stop within 10 s.')),
          10_000,
        );
        session.on('ServiceWorker.workerVersionUpdated', (event) => {
          const versions = (
            event as { versions: Array<{ scriptURL: string; runningStatus: string }> }
          ).versions;
          if (
            versions.some(
              (v) => v.scriptURL.startsWith(`${origin}/`) && v.runningStatus === 'stopped',
            )
          ) {
            clearTimeout(timer);
            resolveStopped();
          }
        });
      });
      await session.send('ServiceWorker.enable');
      await session.send('ServiceWorker.stopAllWorkers');
      await stopped;
    } finally {
      await session.detach().catch(() => {});
      if (temporary) await page.close().catch(() => {});
    }
  }

  async function close(options: { removeFiles?: boolean } = {}): Promise<void> {
    await context.close().catch(() => {});
    if (ownSandbox) await sandbox.close();
    if (options.removeFiles) rmSync(root, { recursive: true, force: true });
  }

  return {
    context,
    extensionId,
    sandbox,
    profileDir,
    downloadsDir,
    serviceWorker,
    optionsUrl,
    popupUrl,
    panelUrl,
    connectStore,
    downloads,
    waitForDownload,
    stopServiceWorker,
    requestsElsewhere: () => [...elsewhere],
    close,
  };
}

/**
 * Parses RFC 4180 CSV text (quoted fields, doubled quotes, CRLF or LF); a leading BOM is dropped.
 * `separator`: ';' for a spreadsheet-friendly file.
 */
export function parseCsv(text: string, separator: ',' | ';' = ','): string[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Reads a downloaded CSV file: BOM stripped, RFC 4180 parsed, header row included. */
export async function readCsv(path: string, separator: ',' | ';' = ','): Promise<string[][]> {
  return parseCsv(await readFile(path, 'utf8'), separator);
}
