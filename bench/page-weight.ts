/**
 * What the extension adds to the merchant's control panel page:
 *  - the content script's size, raw and gzip (level 9), from the production build;
 *  - time from navigation start to the "Bulk coupon codes" region being visible, on the bulk
 *    promotion's edit page in Chromium with the extension (via e2e/harness.ts), median of N
 *    loads after one warm-up, each in a new tab;
 *  - the page's own load time (navigation start to the load event's end) with the extension,
 *    without it (plain Chromium, same flags, no extension), and with the extension whose
 *    content script is empty (what Chrome's injecting any content script costs), the three
 *    browsers loading in turn;
 *  - the same three load times on the dashboard, a control panel page without the panel: the
 *    script runs on every control panel page (the app navigates without page loads) and
 *    stays idle there.
 * "Visible" is read in the page itself: a rAF loop started by an init script records
 * performance.now() (ms since navigation start) at the first frame where the region, inside
 * the panel's open shadow root, has a non-empty box and passes checkVisibility().
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';

export interface FileWeight {
  path: string;
  raw: number;
  gzip: number;
  target?: string;
}

export interface TimingRow {
  label: string;
  median: number;
  min: number;
  max: number;
  n: number;
}

export interface PageWeightResult {
  files: FileWeight[];
  timing: TimingRow[] | null;
  error?: string;
}

const BUILD = '.output/chrome-mv3';
/**
 * The content script's budget, gzip. 30 KB until the panel took in importing, patterns, "Find a
 * code" and the usage chart (33.7 KB); splitting those off would need a web-accessible chunk,
 * which every control-panel page could then load and use to detect the extension.
 */
export const CONTENT_SCRIPT_BUDGET_KB = 35;

export function contentScriptWeight(root = process.cwd()): FileWeight[] {
  const files: Array<[string, string | undefined]> = [
    ['content-scripts/promotions.js', `≤ ${CONTENT_SCRIPT_BUDGET_KB} KB gzip`],
    ['content-scripts/promotions.css', undefined],
  ];
  return files
    .filter(([f]) => existsSync(join(root, BUILD, f)))
    .map(([f, target]) => {
      const buf = readFileSync(join(root, BUILD, f));
      return {
        path: `${BUILD}/${f}`,
        raw: buf.length,
        gzip: gzipSync(buf, { level: 9 }).length,
        ...(target ? { target } : {}),
      };
    });
}

/** Runs in the page before its own scripts: records when the panel's region first shows. */
const PROBE = `(() => {
  const find = (root) => {
    const host = root.querySelector('bcm-bulk-coupons');
    const sr = host && host.shadowRoot;
    return sr ? sr.querySelector('section[aria-label="Bulk coupon codes"]') : null;
  };
  const tick = () => {
    const el = find(document);
    if (el) {
      const r = el.getBoundingClientRect();
      const visible = r.width > 0 && r.height > 0 && (typeof el.checkVisibility !== 'function' || el.checkVisibility({ visibilityProperty: true, opacityProperty: true }));
      if (visible) { window.__bcmPanelVisibleAt = performance.now(); return; }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

function stats(label: string, xs: number[]): TimingRow {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return { label, median: mid, min: s[0]!, max: s[s.length - 1]!, n: s.length };
}

interface Target {
  context: BrowserContext;
  withPanel: boolean;
  load: number[];
  dcl: number[];
  panel: number[];
}

/** One load of `url` in a new tab of the target; the first load of each is a warm-up. */
async function loadOnce(t: Target, url: string, keep: boolean): Promise<void> {
  const page = await t.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    let panelAt: number | null = null;
    if (t.withPanel) {
      await page.waitForFunction(
        () =>
          (window as unknown as { __bcmPanelVisibleAt?: number }).__bcmPanelVisibleAt !== undefined,
        null,
        {
          timeout: 30_000,
          polling: 50,
        },
      );
      panelAt = await page.evaluate(
        () => (window as unknown as { __bcmPanelVisibleAt: number }).__bcmPanelVisibleAt,
      );
    }
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { load: n.loadEventEnd, dcl: n.domContentLoadedEventEnd };
    });
    if (!keep) return; // warm-up: certificate, caches, the worker's first start
    t.load.push(nav.load);
    t.dcl.push(nav.dcl);
    if (panelAt !== null) t.panel.push(panelAt);
  } finally {
    await page.close();
  }
}

/**
 * Loads the page in every target in turn, round after round (the order reversed every other
 * round), so a busy spell on the shared machine falls on all of them alike.
 */
async function interleavedLoads(targets: Target[], url: string, loads: number): Promise<void> {
  for (let i = 0; i <= loads; i++) {
    for (const t of i % 2 ? [...targets].reverse() : targets) await loadOnce(t, url, i > 0);
  }
}

/** A copy of the build whose content script does nothing: what Chrome's injecting any script costs. */
function emptyScriptBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bcm-empty-cs-'));
  cpSync(BUILD, dir, { recursive: true });
  writeFileSync(join(dir, 'content-scripts/promotions.js'), '(function(){})();\n');
  return dir;
}

export async function runPageWeight(opts: {
  loads: number;
  browser: boolean;
}): Promise<PageWeightResult> {
  const files = contentScriptWeight();
  if (!opts.browser) return { files, timing: null };
  const { launchExtension, CHROMIUM, sandboxBrowserArgs } = await import('../e2e/harness');
  const { chromium } = await import('playwright-core');
  const { startSandbox } = await import('../sandbox/server');
  const sandbox = await startSandbox({ port: 0, plan: 'unlimited' });
  const profile = mkdtempSync(join(tmpdir(), 'bcm-page-'));
  const emptyBuild = emptyScriptBuild();
  const closers: Array<() => Promise<unknown>> = [];
  try {
    const target = (context: BrowserContext, withPanel: boolean): Target => ({
      context,
      withPanel,
      load: [],
      dcl: [],
      panel: [],
    });
    const ours = await launchExtension({ sandbox, headless: true });
    closers.push(() => ours.close({ removeFiles: true }));
    await ours.connectStore();
    // The same extension with a content script that does nothing: the part of the difference
    // that is Chrome's (making the script's world and injecting it), not our script's work.
    const empty = await launchExtension({ sandbox, headless: true, extensionDir: emptyBuild });
    closers.push(() => empty.close({ removeFiles: true }));
    // The same Chromium launched the same way (a persistent profile, the same flags and
    // viewport), with no extension.
    const plain = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: sandboxBrowserArgs(sandbox),
    });
    closers.push(() => plain.close());
    const targets = {
      ours: target(ours.context, true),
      empty: target(empty.context, false),
      plain: target(plain, false),
    };
    // The same page-side work in every browser.
    for (const t of Object.values(targets)) await t.context.addInitScript({ content: PROBE });
    await interleavedLoads(
      Object.values(targets),
      ours.panelUrl(sandbox.promotions.bulk),
      opts.loads,
    );
    const elsewhere = {
      ours: target(ours.context, false),
      empty: target(empty.context, false),
      plain: target(plain, false),
    };
    await interleavedLoads(
      Object.values(elsewhere),
      new URL('/manage/dashboard', ours.panelUrl(null)).href,
      opts.loads,
    );
    return {
      files,
      timing: [
        stats(
          'navigation → "Bulk coupon codes" region visible (with extension)',
          targets.ours.panel,
        ),
        stats('navigation → load event end, with extension', targets.ours.load),
        stats('navigation → load event end, without extension', targets.plain.load),
        stats(
          'navigation → load event end, extension with an empty content script',
          targets.empty.load,
        ),
        stats('navigation → DOMContentLoaded end, with extension', targets.ours.dcl),
        stats('navigation → DOMContentLoaded end, without extension', targets.plain.dcl),
        stats(
          'dashboard (no panel): navigation → load event end, with extension',
          elsewhere.ours.load,
        ),
        stats(
          'dashboard (no panel): navigation → load event end, without extension',
          elsewhere.plain.load,
        ),
        stats(
          'dashboard (no panel): navigation → load event end, extension with an empty content script',
          elsewhere.empty.load,
        ),
      ],
    };
  } catch (e) {
    return { files, timing: null, error: (e as Error).message.split('\n')[0] };
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
    rmSync(emptyBuild, { recursive: true, force: true });
    await sandbox.close();
  }
}
