/**
 * PRIVACY.md's claims that can be checked, and the store listings' justifications:
 * - the built manifests ask for exactly the permissions and hosts PRIVACY.md and the listings
 *   name, each justified for the Chrome Web Store, none stale;
 * - the manifests carry the release's facts (version, Firefox id, minimum versions, homepage);
 * - in real Chromium, a merchant's whole round (connect, the panel, an export, find a code,
 *   the popup, the manager page) sends no request anywhere but the sandbox's BigCommerce hosts.
 *   Every other suite's browser is held to the same in e2e/setup.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { FIREFOX_ID, MINIMUM_CHROME_VERSION, FIREFOX_MIN_VERSION } from '../wxt.config';
import { isSandboxRequest } from './harness';
import { openPanel, startExport, waitForCompleted } from './panel';
import { connectedStore, useBrowser } from './setup';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

interface Manifest {
  version: string;
  homepage_url?: string;
  permissions?: string[];
  host_permissions?: string[];
  minimum_chrome_version?: string;
  content_scripts?: Array<{ matches: string[] }>;
  web_accessible_resources?: Array<string | { matches: string[] }>;
  browser_specific_settings?: {
    gecko: {
      id: string;
      strict_min_version: string;
      data_collection_permissions: { required: string[] };
    };
  };
}

const chrome = JSON.parse(read('.output/chrome-mv3/manifest.json')) as Manifest;
const firefox = JSON.parse(read('.output/firefox-mv2/manifest.json')) as Manifest;
const pkg = JSON.parse(read('package.json')) as { version: string; homepage: string };

const isHost = (p: string) => p.includes('://');

/** API permissions (not hosts) of a manifest. */
function apiPermissions(m: Manifest): string[] {
  return (m.permissions ?? []).filter((p) => !isHost(p)).sort();
}

/** Every URL pattern the manifest names: host permissions, content scripts, web resources. */
function hostPatterns(m: Manifest): string[] {
  const all = [
    ...(m.host_permissions ?? []),
    ...(m.permissions ?? []).filter(isHost),
    ...(m.content_scripts ?? []).flatMap((c) => c.matches),
    ...(m.web_accessible_resources ?? []).flatMap((r) => (typeof r === 'string' ? [] : r.matches)),
  ];
  return [...new Set(all)].sort();
}

/** A markdown section's text, from its `## heading` to the next one. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`No "## ${heading}" section`);
  const end = markdown.indexOf('\n## ', start + 4);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** The `code` spans of a text. */
const codeSpans = (text: string) =>
  [...text.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/** A host pattern, as written in a document, covers the manifest's (`/manage*` style aside). */
const named = (doc: string, pattern: string) => codeSpans(doc).includes(pattern);

describe('what the manifests ask for is what the documents say', () => {
  const privacyWhere = section(read('PRIVACY.md'), 'Where it goes');
  const justifications = section(read('store/chrome-web-store.md'), 'Permission justifications');

  test('every Chrome permission and host has its justification, and none is stale', () => {
    expect(apiPermissions(chrome)).toEqual(['alarms', 'downloads', 'offscreen', 'storage']);
    for (const p of [...apiPermissions(chrome), ...hostPatterns(chrome)])
      expect(named(justifications, p), `a justification for ${p}`).toBe(true);
    // The table's first column names nothing the manifest does not ask for.
    const rows = justifications.split('\n').filter((l) => /^\| `/.test(l));
    const justified = rows.flatMap((r) => codeSpans(r.split(' | ')[0]!));
    const asked = new Set([...apiPermissions(chrome), ...hostPatterns(chrome)]);
    for (const j of justified.filter((j) => j !== 'store-*'))
      expect(asked.has(j), `${j} is justified but not asked for`).toBe(true);
  });

  test("PRIVACY.md's hosts are exactly the manifests' hosts, in both browsers", () => {
    const documented = codeSpans(privacyWhere).filter(isHost).sort();
    expect(documented).toEqual(hostPatterns(chrome));
    // Firefox's MV2 manifest has no `matches` for web-accessible resources: only the stylesheet.
    expect(hostPatterns(firefox)).toEqual(
      hostPatterns(chrome).filter((p) => p !== 'https://*.mybigcommerce.com/*'),
    );
    expect(firefox.web_accessible_resources).toEqual(['content-scripts/promotions.css']);
    // One server the extension sends to: the only host permission.
    expect(chrome.host_permissions).toEqual(['https://api.bigcommerce.com/*']);
    expect((firefox.permissions ?? []).filter(isHost)).toEqual(['https://api.bigcommerce.com/*']);
  });

  test("Firefox's permissions are named in the reviewers' notes; it declares no data collected", () => {
    const notes = section(read('store/firefox-addons.md'), 'Notes for reviewers');
    for (const p of [...apiPermissions(firefox), 'https://api.bigcommerce.com/*'])
      expect(named(notes, p), `${p} in the reviewer notes`).toBe(true);
    expect(firefox.browser_specific_settings?.gecko.data_collection_permissions).toEqual({
      required: ['none'],
    });
    expect(section(read('PRIVACY.md'), 'What is never collected')).toContain(
      '`data_collection_permissions` is `none`',
    );
  });

  test('both manifests: the version from package.json, minimum versions, the homepage, a fixed id', () => {
    expect(chrome.version).toBe(pkg.version);
    expect(firefox.version).toBe(pkg.version);
    expect(pkg.version).toBe('1.0.0');
    expect(chrome.homepage_url).toBe(pkg.homepage);
    expect(firefox.homepage_url).toBe(pkg.homepage);
    expect(chrome.minimum_chrome_version).toBe(MINIMUM_CHROME_VERSION);
    const gecko = firefox.browser_specific_settings!.gecko;
    expect(gecko.strict_min_version).toBe(FIREFOX_MIN_VERSION);
    expect(gecko.id).toBe(FIREFOX_ID);
    expect(gecko.id).toMatch(/^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/);
  });
});

describe('no request leaves for another host', () => {
  test('what counts as the sandbox', () => {
    expect(isSandboxRequest('https://api.bigcommerce.com/stores/x/v3/promotions')).toBe(true);
    expect(isSandboxRequest('https://store-abc.mybigcommerce.com/manage')).toBe(true);
    expect(isSandboxRequest('chrome-extension://abc/options.html')).toBe(true);
    expect(isSandboxRequest('https://www.google-analytics.com/collect')).toBe(false);
    expect(isSandboxRequest('https://fonts.googleapis.com/css')).toBe(false);
    expect(isSandboxRequest('http://api.bigcommerce.com/')).toBe(false);
    expect(isSandboxRequest('https://evil.com/?x=api.bigcommerce.com')).toBe(false);
  });

  const suite = useBrowser();

  test('connect, panel, export, find a code, popup and manager: only the sandbox is asked', async () => {
    const { l } = suite;
    const api: string[] = [];
    l.context.on('request', (r) => {
      if (new URL(r.url()).hostname === 'api.bigcommerce.com') api.push(r.url());
    });
    const store = await connectedStore(l, { bulkCodes: 30 });
    const { page, panel } = await openPanel(l, store.storeHash, store.promotions.bulk);
    await startExport(panel);
    await waitForCompleted(panel);
    await l.waitForDownload(/-export-/);
    const popup = await l.context.newPage();
    await popup.goto(l.popupUrl());
    await popup.getByRole('list', { name: 'Jobs' }).waitFor();
    const manager = await l.context.newPage();
    await manager.goto(l.popupUrl().replace('/popup.html', '/manager.html'));
    await manager.getByRole('heading', { name: 'Bulk coupon manager' }).waitFor();
    await Promise.all([page.close(), popup.close(), manager.close()]);

    expect(api.length, 'requests to the BigCommerce API were seen').toBeGreaterThan(3);
    expect(l.requestsElsewhere()).toEqual([]);
  });
});
