/**
 * What the extension adds to the merchant's control panel page:
 *  - the content script's size, raw and gzip (level 9), from the production build;
 *  - time from navigation start to the "Bulk coupon codes" region being visible, on the bulk
 *    promotion's edit page in Chromium with the extension (via e2e/harness.ts), median of N
 *    loads after one warm-up, each in a new tab;
 *  - the page's own load time (navigation start to the load event's end) with the extension
 *    and without it (plain Chromium, same flags, no extension).
 * "Visible" is read in the page itself: a rAF loop started by an init script records
 * performance.now() (ms since navigation start) at the first frame where the region, inside
 * the panel's open shadow root, has a non-empty box and passes checkVisibility().
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

export function contentScriptWeight(root = process.cwd()): FileWeight[] {
  const files: Array<[string, string | undefined]> = [
    ['content-scripts/promotions.js', '≤ 30 KB gzip'],
    ['content-scripts/promotions.css', undefined],
  ];
  return files
    .filter(([f]) => existsSync(join(root, BUILD, f)))
    .map(([f, target]) => {
      const buf = readFileSync(join(root, BUILD, f));
      return { path: `${BUILD}/${f}`, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length, ...(target ? { target } : {}) };
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

async function loadTimes(
  context: BrowserContext,
  url: string,
  loads: number,
  withPanel: boolean,
): Promise<{ load: number[]; dcl: number[]; panel: number[] }> {
  const out = { load: [] as number[], dcl: [] as number[], panel: [] as number[] };
  for (let i = 0; i <= loads; i++) {
    const page = await context.newPage();
    try {
      await page.goto(url, { waitUntil: 'load' });
      let panelAt: number | null = null;
      if (withPanel) {
        await page.waitForFunction(() => (window as unknown as { __bcmPanelVisibleAt?: number }).__bcmPanelVisibleAt !== undefined, null, {
          timeout: 30_000,
          polling: 50,
        });
        panelAt = await page.evaluate(() => (window as unknown as { __bcmPanelVisibleAt: number }).__bcmPanelVisibleAt);
      }
      const nav = await page.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return { load: n.loadEventEnd, dcl: n.domContentLoadedEventEnd };
      });
      if (i === 0) continue; // warm-up: certificate, caches, the worker's first start
      out.load.push(nav.load);
      out.dcl.push(nav.dcl);
      if (panelAt !== null) out.panel.push(panelAt);
    } finally {
      await page.close();
    }
  }
  return out;
}

export async function runPageWeight(opts: { loads: number; browser: boolean }): Promise<PageWeightResult> {
  const files = contentScriptWeight();
  if (!opts.browser) return { files, timing: null };
  const { launchExtension, CHROMIUM, sandboxBrowserArgs } = await import('../e2e/harness');
  const { chromium } = await import('playwright-core');
  const { startSandbox } = await import('../sandbox/server');
  const sandbox = await startSandbox({ port: 0, plan: 'unlimited' });
  try {
    const l = await launchExtension({ sandbox, headless: true });
    let withExt: Awaited<ReturnType<typeof loadTimes>>;
    const url = l.panelUrl(sandbox.promotions.bulk);
    try {
      await l.connectStore();
      await l.context.addInitScript({ content: PROBE });
      withExt = await loadTimes(l.context, url, opts.loads, true);
    } finally {
      await l.close({ removeFiles: true });
    }
    // The same page in the same Chromium, launched the same way (a persistent profile, the
    // same flags and viewport), with no extension: only the extension differs.
    const profile = mkdtempSync(join(tmpdir(), 'bcm-page-'));
    const plain = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: sandboxBrowserArgs(sandbox),
    });
    let without: Awaited<ReturnType<typeof loadTimes>>;
    try {
      await plain.addInitScript({ content: PROBE }); // the same page-side work as with the extension
      without = await loadTimes(plain, url, opts.loads, false);
    } finally {
      await plain.close();
      rmSync(profile, { recursive: true, force: true });
    }
    return {
      files,
      timing: [
        stats('navigation → "Bulk coupon codes" region visible (with extension)', withExt.panel),
        stats('navigation → load event end, with extension', withExt.load),
        stats('navigation → load event end, without extension', without.load),
        stats('navigation → DOMContentLoaded end, with extension', withExt.dcl),
        stats('navigation → DOMContentLoaded end, without extension', without.dcl),
      ],
    };
  } catch (e) {
    return { files, timing: null, error: (e as Error).message.split('\n')[0] };
  } finally {
    await sandbox.close();
  }
}
