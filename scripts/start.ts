/**
 * `npm start`: the extension against the sandbox store, in Chromium, ready to use.
 *
 * Builds, finds the browser (CHROME_PATH, else an installed Chromium, Chrome or Edge, else
 * Debian's Chromium installed: scripts/find-browser.ts) and prints `Browser: <path>`, starts the sandbox (40 ms latency, plan "standard" so
 * big jobs meet the API quota), launches Chromium with the built extension, connects the
 * sandbox store through the options page and opens the bulk promotion's page with the panel.
 *
 * With a display (always on macOS and Windows; DISPLAY or WAYLAND_DISPLAY set on Linux) the browser is headed and stays open until Ctrl-C. Without one
 * (or with --headless) it runs a tour instead: generate 500 codes, export, purge the unused
 * codes, plus the states a merchant may meet (quota wait, paused, codes another app added,
 * a backup the browser would not save, failed, interrupted by a browser restart, kept files,
 * the manager page with a promotion chosen),
 * saving panel-sized screenshots into .tmp/screenshots/ (docs/screenshots/ with
 * `--update-docs`) and the CSV files into the browser's downloads folder, then exits. `--tour`
 * runs the tour in a headed browser too; `--no-tour` (with `--headless`, say) only sets up and
 * waits for Ctrl-C.
 *
 * `--firefox` runs the Firefox build in Firefox through `web-ext run` instead (start-firefox.ts).
 *
 * The browser's profile lives under the system temp folder, not in the clone: Chromium keeps a
 * Unix socket there, and a socket path may not exceed 107 bytes (a clone in a deep folder
 * would fail at once with "Socket path too long").
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { launchExtension, sleep, type Launched } from '../e2e/harness';
import { findChromium, findFirefox, hasDisplay, isDebian, type Found } from './find-browser';
import { runFirefox } from './start-firefox';
import {
  generateByKeyboard,
  openPanel,
  progressOf,
  startExport,
  typeInto,
  waitForCompleted,
  waitForOperations,
  waitForProgress,
} from '../e2e/panel';
import { tourFind, tourImport, tourPattern } from './tour-codes';
import { managerUrl, tourManager } from './tour-manager';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = new Set(process.argv.slice(2));
/** One folder per clone under the system temp folder (short, whatever the clone's path). */
const WORK = join(
  tmpdir(),
  `bcm-start-${createHash('sha256').update(ROOT).digest('hex').slice(0, 8)}`,
);
const PROFILE = join(WORK, 'profile');
/** Chromium's profile lock socket ends up at about this path; Unix allows 107 bytes. */
const SOCKET_PATH_BYTES = Buffer.byteLength(
  join(WORK, 'home', 'tmp', '.org.chromium.Chromium.XXXXXX', 'SingletonSocket'),
);
const SHOTS = args.has('--update-docs')
  ? join(ROOT, 'docs', 'screenshots')
  : join(ROOT, '.tmp', 'screenshots');
/** The stores' listing screenshots: the whole window at 1280×800, the size both stores take. */
const STORE_SHOTS = args.has('--update-docs')
  ? join(ROOT, 'store', 'screenshots')
  : join(ROOT, '.tmp', 'screenshots', 'store');
const STORE_VIEWPORT = { width: 1280, height: 800 };
const BULK = 1;

const headless = args.has('--headless') || !hasDisplay();
/** `--firefox`: the Firefox build in Firefox (web-ext run) instead of Chromium. */
const firefox = args.has('--firefox');
/** The browser found, once found: every launch of the tour uses it. */
let browserPath = '';
/** The tour runs headless by default; `--tour` asks for it headed, `--no-tour` skips it. */
const tour = !args.has('--no-tour') && (headless || args.has('--tour'));

function step(text: string) {
  console.log(`\n▸ ${text}`);
}

function run(cmd: string, argv: string[]): number {
  const r = spawnSync(cmd, argv, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
    // npx is a .cmd script on Windows, which Node starts only through a shell (our words need
    // no quoting).
    shell: process.platform === 'win32',
  });
  return r.status ?? 1;
}

function banner(sb: Sandbox, l: Launched): string {
  const h = sb.storeHash;
  return [
    `Sandbox store ${h} on ${sb.origin} (plan standard, 40 ms latency)`,
    `  API base:        https://api.bigcommerce.com/stores/${h}/v3   (${sb.apiBase})`,
    `  Control panel:   ${l.panelUrl(null)}`,
    `  Bulk promotion:  ${l.panelUrl(BULK)}`,
    `  Token (modify):     ${sb.tokens.modify}`,
    `  Token (read-only):  ${sb.tokens.readOnly}`,
    `  Inspect:         ${sb.origin}/__sandbox/stats, ${sb.origin}/__sandbox/codes?promotion=${BULK}`,
    `Browser ${browserPath}`,
    `Extension ${l.extensionId}`,
    `  Options: ${l.optionsUrl()}`,
    `  Popup:   ${l.popupUrl()}`,
    `  Manager: ${managerUrl(l, sb.storeHash)}   (every store's bulk promotions, no control panel needed)`,
    `Profile ${l.profileDir}, downloads ${l.downloadsDir}`,
  ].join('\n');
}

/**
 * A dialog's shot is its own rectangle: the backdrop (the dimmed page) is drawn white for the
 * shot, so the page behind does not show in the dialog's rounded corners.
 */
const PLAIN_BACKDROP = '.bcm-backdrop { background: #fff !important; }';

async function shot(name: string, target: Locator): Promise<void> {
  await target.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await sleep(150); // let the last render settle
  const path = join(SHOTS, `${name}.png`);
  await target.screenshot({ path, animations: 'disabled', style: PLAIN_BACKDROP });
  console.log(`  saved ${relative(ROOT, path)}`);
}

/** A listing screenshot: the window as it is, 1280×800; `scrollTo` brought to its top first. */
async function storeShot(name: string, page: Page, scrollTo?: Locator): Promise<void> {
  await page.setViewportSize(STORE_VIEWPORT);
  await scrollTo?.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await sleep(150);
  const path = join(STORE_SHOTS, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  console.log(`  saved ${relative(ROOT, path)}`);
}

/** The window as a merchant sees it (or the whole page): the manager page is wider than a panel. */
async function pageShot(name: string, page: Page, fullPage = false): Promise<void> {
  await sleep(150);
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage, animations: 'disabled' });
  console.log(`  saved ${relative(ROOT, path)}`);
}

/** The finished job cards, put away so that the next screenshot shows one job. */
async function dismissFinished(panel: Locator): Promise<void> {
  for (const button of await panel.getByRole('button', { name: 'Dismiss' }).all())
    await button.click();
}

/** Chromium with the extension, in the one profile: the tour's restart reopens it as it began. */
function launchChromium(sb: Sandbox): Promise<Launched> {
  return launchExtension({
    sandbox: sb,
    profileDir: PROFILE,
    headless,
    viewport: STORE_VIEWPORT,
    executablePath: browserPath,
  });
}

async function connectThroughOptions(l: Launched, sb: Sandbox): Promise<Page> {
  const options = await l.context.newPage();
  await options.goto(l.optionsUrl(sb.storeHash));
  await options.getByLabel('Access token').fill(sb.tokens.modify);
  await options.getByRole('button', { name: 'Save store' }).click();
  const outcome = options.locator('form').locator('[role="status"], [role="alert"]').first();
  await outcome.waitFor({ timeout: 30_000 });
  if ((await outcome.getAttribute('role')) === 'alert')
    throw new Error(`Connecting the store failed: ${await outcome.innerText()}`);
  await options
    .getByRole('listitem')
    .filter({ hasText: `Store ${sb.storeHash}` })
    .waitFor();
  console.log(`  ${await outcome.innerText()}`);
  return options;
}

async function runTour(first: Launched, sb: Sandbox, options: Page): Promise<Launched> {
  let l = first;
  step('Screenshots: options page');
  await shot('options', options.locator('main'));
  await options.close();

  let { page, panel } = await openPanel(l, sb.storeHash, BULK);
  debugPage = page;
  await panel.getByText('1,200 codes').waitFor();
  await waitForOperations(panel);
  step('Idle panel');
  await shot('idle', panel);

  step('Generate 500 codes (a tiny quota for a moment, to show the wait)');
  sb.configure({ quota: 4, windowMs: 6_000, latencyMs: 600, jitterMs: 0 });
  await generateByKeyboard(page, panel, {
    count: 500,
    prefix: 'DEMO',
    maxUses: 1,
    maxUsesPerCustomer: 1,
  });
  await panel.getByText(/Waiting for the store's API quota/).waitFor({ timeout: 30_000 });
  await waitForProgress(panel, 250);
  await shot('waiting-for-quota', panel);
  console.log(`  ${await waitForCompleted(panel, 60_000)}`);
  sb.configure({ quota: undefined, windowMs: 30_000, latencyMs: 40, jitterMs: undefined });
  await panel.getByText('1,700 codes').waitFor();
  await shot('completed', panel);
  const generated = await l.waitForDownload(/-generated-/);

  step('Export all codes');
  await dismissFinished(panel);
  await startExport(panel);
  console.log(`  ${await waitForCompleted(panel, 60_000)}`);
  const exported = await l.waitForDownload(/-export-/);
  await shot('usage', panel.getByRole('article').first());
  await storeShot('1-panel', page, panel);

  step('Purge the unused codes: dry run (with downloads refused at first), then PURGE');
  await dismissFinished(panel);
  await panel.getByRole('button', { name: 'Purge codes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Purge codes' });
  await dialog.getByRole('radio', { name: 'Unused codes' }).check();
  await shot('purge-dialog', dialog);
  // The browser refuses the backup's download (as a blocked folder or a policy would).
  const cdp = await l.context.browser()!.newBrowserCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'deny' });
  await dialog.getByRole('button', { name: 'Find codes to delete' }).click();
  const count = dialog.getByRole('status').filter({ hasText: /will be deleted$/ });
  await count.waitFor({ timeout: 60_000 });
  console.log(`  dry run: ${await count.innerText()}`);
  await dialog
    .getByRole('alert')
    .filter({ hasText: 'backup file could not be saved' })
    .waitFor({ timeout: 30_000 });
  await shot('backup-not-saved', dialog);
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
  await cdp.detach();
  await dialog.getByRole('button', { name: 'Save backup again' }).click();
  await dialog.getByText(/Backup saved:/).waitFor({ timeout: 30_000 });
  await typeInto(page, dialog.getByLabel('Type PURGE to confirm'), 'PURGE');
  await shot('purge-confirm', dialog);
  await storeShot('2-purge-confirm', page);
  await dialog.getByRole('button', { name: 'Purge', exact: true }).click();
  console.log(`  ${await waitForCompleted(panel, 60_000)}`);
  const backup = await l.waitForDownload(/-purge-backup-/);
  console.log(`  the store now holds ${sb.codes(BULK).length} codes, all used at least once`);

  step('The manager page: every bulk promotion of the store, one chosen, no control panel needed');
  await tourManager(l, sb.storeHash, pageShot, (page) => storeShot('3-manager', page));

  step(
    'Codes of your own: 120 in a pattern, then 60 from a file with 3 lines that cannot be codes',
  );
  await dismissFinished(panel);
  console.log(`  ${await tourPattern(page, panel, shot)}`);
  await dismissFinished(panel);
  console.log(`  ${await tourImport(l, page, panel, shot)}`);
  await dismissFinished(panel);

  step('Find a code from the toolbar popup, and delete it (a one-line backup first)');
  console.log(`  ${await tourFind(l, 'PARTNER-007', shot)}`);

  /** The tour's usual pace: 40 ms a request. */
  const normalSpeed = () => sb.configure({ latencyMs: 40, jitterMs: undefined });
  /**
   * A 10,000-code generate at 1.5 s a request, caught after its first round. Pausing lets the
   * requests under way answer (up to 2,500 codes more), so it pauses well short of the end.
   */
  const startSlowGenerate = async (prefix: string) => {
    await dismissFinished(panel);
    sb.configure({ latencyMs: 1_500, jitterMs: 0 });
    await generateByKeyboard(page, panel, { count: 10_000, prefix });
    await waitForProgress(panel, 2_500, 60_000);
  };
  const resumeToTheEnd = async (resume: Locator) => {
    await resume.click();
    console.log(`  ${await waitForCompleted(panel, 120_000)}`);
    await l.waitForDownload(/-generated-/);
  };

  step(
    'A bigger generate (slowed down, to show progress), paused, another app adds codes, resumed',
  );
  await startSlowGenerate('PAUSE');
  await panel.getByText(/codes\/s/).waitFor();
  await shot('running', panel);
  await storeShot('4-running', page, panel);
  await panel.getByRole('button', { name: 'Pause' }).click();
  await panel.getByText('Paused. Press Resume to carry on.').waitFor();
  await shot('paused', panel);
  normalSpeed();
  const theirs = sb.addCodes(BULK, { count: 40, prefix: 'PAUSE', codeLength: 12 });
  console.log(
    `  another app added ${theirs.length} codes of the same shape (${theirs[0]!.code}, …)`,
  );
  await resumeToTheEnd(panel.getByRole('button', { name: 'Resume' }));
  await panel.getByText(/40 codes that this job did not make/).waitFor();
  await shot('codes-not-made-by-job', panel.getByRole('article').first());
  await l.waitForDownload(/-not-made-by-this-job-/);

  step('A generate interrupted by a browser restart');
  await startSlowGenerate('RESTART');
  await l.close();
  l = await launchChromium(sb);
  ({ page, panel } = await openPanel(l, sb.storeHash, BULK));
  debugPage = page;
  const stopped = panel.getByRole('article').filter({ hasText: 'Stopped by the browser' });
  await stopped.getByText('The browser stopped this job').waitFor({ timeout: 30_000 });
  await dismissFinished(panel);
  normalSpeed();
  await shot('interrupted', panel);
  await resumeToTheEnd(stopped.getByRole('button', { name: 'Resume' }));

  step('A job that fails: a proxy redirects the store’s address elsewhere');
  await dismissFinished(panel);
  sb.configure({ latencyMs: 600, jitterMs: 0 });
  await startExport(panel);
  await waitForProgress(panel, 1);
  sb.configure({ faults: { redirect: 1 } });
  // The job fails, and so does the panel's next question about the promotion: it says so at once.
  const failed = panel.getByRole('alert').first();
  await failed.waitFor({ timeout: 60_000 });
  await shot('failed', panel);
  sb.configure({ faults: {}, latencyMs: 40, jitterMs: undefined });
  console.log(`  ${await failed.innerText()}`);
  console.log(`  requests that reached the other host: ${sb.sink.requests().length}`);
  await panel.getByRole('button', { name: 'Try again' }).click();
  await panel.getByRole('button', { name: 'Export codes' }).waitFor();

  step('A job the store keeps failing: it pauses with the reason');
  await dismissFinished(panel);
  sb.configure({ latencyMs: 600, jitterMs: 0 });
  await startExport(panel, true);
  await waitForProgress(panel, 1);
  sb.configure({ faults: { error500: 1 } });
  const pausedByStore = panel.getByRole('article').getByText(/^Paused: /);
  await pausedByStore.waitFor({ timeout: 180_000 });
  sb.configure({ faults: {}, latencyMs: 40, jitterMs: undefined });
  await shot('paused-by-store', panel.getByRole('article').first());
  console.log(`  ${await pausedByStore.innerText()}`);
  // Chrome now holds back requests to that URL for a while (it saw 5xx in a row), so this
  // comes last: the paused job's Resume works once that has passed (up to a few minutes).

  step('Settings: files kept in the extension');
  const settings = await l.context.newPage();
  await settings.goto(l.optionsUrl());
  const kept = settings.getByRole('region', { name: 'Files kept in the extension' });
  await kept.getByRole('list').waitFor();
  await shot('kept-files', kept);
  await storeShot('5-settings', settings, settings.locator('main'));
  await settings.close();

  step('Popup');
  const popup = await l.context.newPage();
  await popup.setViewportSize({ width: 420, height: 640 });
  await popup.goto(l.popupUrl());
  await popup.getByRole('list', { name: 'Jobs' }).waitFor();
  await shot('popup', popup.locator('main'));
  await popup.close();
  await page.close();

  console.log(
    `\nFiles: generate ${generated}\n       export ${exported}\n       purge backup ${backup}`,
  );
  return l;
}

/** Closes the browser and the sandbox (set once they exist). */
let cleanup: (() => Promise<void>) | null = null;

/** Ctrl-C or a kill closes the browser and the sandbox first; the returned stop does the same. */
function stopOnSignals(): (code: number) => Promise<void> {
  const stop = async (code: number) => {
    await cleanup?.();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  return stop;
}
/** The control-panel page of the tour, to say what it showed if a step fails. */
let debugPage: Page | null = null;

/**
 * The browser named by CHROME_PATH (FIREFOX_PATH), else an installed one; on Debian with none,
 * Debian's Chromium (Firefox ESR) is installed. Prints `Browser: <path>`.
 */
function findBrowser(): string {
  const find = firefox ? findFirefox : findChromium;
  const what = firefox ? 'Firefox' : 'Chrome, Chromium or Edge';
  let found: Found | null = find();
  if (!found && isDebian()) {
    const pkg = firefox ? 'firefox-esr' : 'chromium';
    console.log(`  no ${what} found: installing Debian's ${pkg}`);
    run('bash', ['scripts/ensure-browsers.sh', pkg]);
    found = find();
  }
  if (!found)
    throw new Error(
      `No ${what} found. Install one, or name it: ${firefox ? 'FIREFOX_PATH' : 'CHROME_PATH'}=/path/to/browser npm start`,
    );
  console.log(`Browser: ${found.path}${found.source === 'installed' ? '' : ` (${found.source})`}`);
  return found.path;
}

/** `npm start -- --firefox`: the sandbox, then Firefox on the bulk promotion's page. */
async function startFirefox(): Promise<void> {
  step('Building the Firefox extension (wxt build -b firefox)');
  if (run('npx', ['wxt', 'build', '-b', 'firefox']) !== 0) throw new Error('The build failed.');
  step('Finding Firefox');
  browserPath = findBrowser();
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  step('Starting the sandbox store');
  const sb = await startSandbox({ plan: 'standard', latencyMs: 40 });
  const startUrl = `https://store-${sb.storeHash}.mybigcommerce.com/manage/marketing/promotions/${BULK}/edit`;
  step(`Starting Firefox${headless ? ' (headless)' : ''} with the extension (web-ext run)`);
  const ff = await runFirefox({
    root: ROOT,
    work: WORK,
    firefox: browserPath,
    sandbox: sb,
    startUrl,
    headless,
  });
  cleanup = async () => {
    await ff.close();
    await sb.close().catch(() => {});
  };
  const stop = stopOnSignals();
  console.log(
    [
      `Sandbox store ${sb.storeHash} on ${sb.origin} (plan standard, 40 ms latency)`,
      `  Bulk promotion:  ${startUrl}`,
      `  Token (modify):     ${sb.tokens.modify}`,
      `  Token (read-only):  ${sb.tokens.readOnly}`,
      `Browser ${browserPath}, profile ${join(WORK, 'firefox-profile')}`,
    ].join('\n'),
  );
  await Promise.race([
    ff.reachedStore,
    sleep(90_000).then(() => {
      throw new Error('Firefox did not reach the sandbox store within 90 s.');
    }),
  ]);
  console.log(
    '  Firefox has the extension and opened the bulk promotion’s page in the sandbox store.',
  );
  if (headless) {
    console.log('Headless: Firefox ran the extension against the sandbox; stopping.');
    await stop(0);
    return;
  }
  console.log(
    '\nReady. In the panel, press "Connect this store" and paste the modify token above; Ctrl-C to stop.',
  );
  ff.child.once('exit', () => void stop(0));
}

async function main(): Promise<void> {
  if (firefox) return startFirefox();
  step('Building the extension (wxt build)');
  if (run('npx', ['wxt', 'build']) !== 0) throw new Error('The build failed.');
  step('Finding the browser');
  browserPath = findBrowser();

  if (SOCKET_PATH_BYTES > 107)
    throw new Error(
      `The system temp folder (${tmpdir()}) is too deep for Chromium's profile lock (${SOCKET_PATH_BYTES} bytes of the 107 a socket path may have). Run with TMPDIR=/tmp npm start.`,
    );
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  if (tour) for (const dir of [SHOTS, STORE_SHOTS]) mkdirSync(dir, { recursive: true });

  step('Starting the sandbox store');
  // 60 more bulk promotions than the usual seed, so that the manager page has pages to show.
  const sb = await startSandbox({ plan: 'standard', latencyMs: 40, seed: { bulkPromotions: 60 } });
  let l: Launched | null = null;
  cleanup = async () => {
    await l?.close().catch(() => {});
    await sb.close().catch(() => {});
  };
  const stop = stopOnSignals();

  step(`Launching Chromium ${headless ? '(headless)' : '(headed)'} with the extension`);
  l = await launchChromium(sb);
  console.log(banner(sb, l));

  step('Connecting the sandbox store on the options page');
  const options = await connectThroughOptions(l, sb);

  if (!tour) {
    await options.close();
    step('Opening the bulk promotion');
    const { page } = await openPanel(l, sb.storeHash, BULK);
    await page.bringToFront();
    console.log(
      `  ${page.url()}\n\nReady. Use the "Bulk coupon codes" panel, or the manager page (${managerUrl(l, sb.storeHash)}); Ctrl-C to stop.`,
    );
    l.context.on('close', () => void stop(0));
    return;
  }

  l = await runTour(l, sb, options);
  const shots = readdirSync(SHOTS)
    .filter((f) => f.endsWith('.png'))
    .sort();
  const downloads = readdirSync(l.downloadsDir).sort();
  console.log(
    `\nScreenshots in ${relative(ROOT, SHOTS)}/: ${shots.map((f) => `${f} (${Math.round(statSync(join(SHOTS, f)).size / 1024)} KB)`).join(', ')}`,
  );
  console.log(`CSV files in ${l.downloadsDir}/:\n  ${downloads.join('\n  ')}`);
  await stop(0);
}

main().catch(async (e: unknown) => {
  if (debugPage)
    console.error(
      `\nThe panel said: ${(
        await debugPage
          .locator('body')
          .innerText()
          .catch(() => '?')
      )
        .replace(/\s+/g, ' ')
        .slice(0, 1500)}`,
    );
  console.error(`\nnpm start failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  await cleanup?.().catch(() => {});
  process.exit(1);
});
