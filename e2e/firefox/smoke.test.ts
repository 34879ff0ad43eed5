/**
 * Firefox smoke test: the MV2 build in Debian's firefox-esr, driven over raw WebDriver BiDi,
 * against the sandbox store. From the panel on a bulk promotion's page, "Connect this store"
 * opens the options page, where the token is saved; back in the panel, generate codes, export
 * them, and check both CSV files the background saved against the store's codes; then purge
 * them, the backup on disk first and the confirmation typed by (trusted) keys; then "Find a code"
 * anywhere in the store, one that is not there, and "Delete this code" with its one-line backup.
 *
 * Needs `npx wxt build -b firefox` first (.output/firefox-mv2) and /usr/bin/firefox-esr.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { FIREFOX, launchFirefox, pacUrl, Tab, type Firefox } from './bidi';
import type { BidiConnection } from './bidi';
import { startProxy, type SandboxProxy } from './proxy';

const EXT_DIR = fileURLToPath(new URL('../../.output/firefox-mv2', import.meta.url));
const COUNT = 300;

/** The CSV the extension writes: BOM, header, one row a line; cells are plain or "quoted". */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') ((cell += '"'), i++);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(cell), (cell = ''));
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      (row.push(cell), rows.push(row), (row = []), (cell = ''));
    } else cell += ch;
  }
  if (cell || row.length) (row.push(cell), rows.push(row));
  const [header, ...data] = rows;
  return data.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

// In-page helpers (sources run by script.callFunction in the tab).
const PANEL_ROOT = `() => document.querySelector('bcm-bulk-coupons')?.shadowRoot ?? null`;

/** Sets an input's value as a page script would (an `input` event of its own: not a person's). */
const fill = `(fields) => {
  const root = (${PANEL_ROOT})() ?? document;
  for (const [selector, value] of Object.entries(fields)) {
    const el = root.querySelector(selector);
    if (!el) throw new Error('No field ' + selector);
    el.focus();
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }
  return true;
}`;

/**
 * Empties a field without an event (the form still holds its value) and focuses it, for a
 * person's keys to type into: the panel's forms that write count only a person's typing.
 */
const focusEmptied = `(selector) => {
  const root = (${PANEL_ROOT})() ?? document;
  const el = root.querySelector(selector);
  if (!el) throw new Error('No field ' + selector);
  el.value = '';
  el.focus();
  return true;
}`;

/** Clicks the page's own link (the app routes it without a page load); false while there is none. */
const clickLink = `(selector) => {
  const link = document.querySelector(selector);
  if (!link) return false;
  link.click();
  return true;
}`;

/**
 * Focuses the enabled button whose text is exactly `text`, for a person's key to press it (the
 * panel answers only a person's input on what can set a write going); false while there is none.
 */
const focusButton = `(text) => {
  const root = (${PANEL_ROOT})() ?? document;
  const button = Array.from(root.querySelectorAll('button')).find((b) => b.textContent.trim() === text && !b.disabled);
  if (!button) return false;
  button.focus();
  return true;
}`;

/** Clicks the enabled button whose text is exactly `text`, as a page script would; false while there is none. */
const clickButton = `(text) => {
  const root = (${PANEL_ROOT})() ?? document;
  const button = Array.from(root.querySelectorAll('button')).find((b) => b.textContent.trim() === text && !b.disabled);
  if (!button) return false;
  button.click();
  return true;
}`;

/** Each job card in the panel: its title, status badge and whole text. */
const jobCards = `() => {
  const root = (${PANEL_ROOT})();
  if (!root) return null;
  return Array.from(root.querySelectorAll('article.bcm-job')).map((a) => ({
    title: a.querySelector('.bcm-job-title')?.firstChild?.textContent?.trim() ?? '',
    badge: a.querySelector('.bcm-badge')?.textContent?.trim() ?? '',
    text: a.textContent ?? '',
  }));
}`;

/** Waits for a top-level tab whose URL passes `test` (e.g. one the extension opened). */
async function waitForTab(
  bidi: BidiConnection,
  test: (url: string) => boolean,
  timeoutMs = 10_000,
) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { contexts } = await bidi.send<{ contexts: { context: string; url: string }[] }>(
      'browsingContext.getTree',
      { maxDepth: 0 },
    );
    const found = contexts.find((c) => test(c.url));
    if (found) return found;
    if (Date.now() > until)
      throw new Error(`No such tab; open: ${contexts.map((c) => c.url).join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Firefox (firefox-esr over WebDriver BiDi)', () => {
  let sandbox: Sandbox | undefined;
  let proxy: SandboxProxy | undefined;
  let firefox: Firefox | undefined;
  let dir = '';
  let downloads = '';
  let tab: Tab;
  let extensionPage: Tab | undefined;

  beforeAll(async () => {
    // Missing prerequisites fail loudly: a skipped browser suite would look like a pass.
    if (!existsSync(join(EXT_DIR, 'manifest.json')))
      throw new Error(`No Firefox build in ${EXT_DIR}: run \`npx wxt build -b firefox\` first.`);
    if (!existsSync(FIREFOX))
      throw new Error(
        `No ${FIREFOX}: run \`bash scripts/ensure-browsers.sh\` (or set FIREFOX_BIN).`,
      );
    dir = mkdtempSync(join(tmpdir(), 'bcm-firefox-'));
    downloads = join(dir, 'downloads');
    sandbox = await startSandbox({ seed: { bulkCodes: 50 } });
    proxy = await startProxy({ targetPort: sandbox.port });

    const manifest = JSON.parse(readFileSync(join(EXT_DIR, 'manifest.json'), 'utf8')) as {
      browser_specific_settings: { gecko: { id: string } };
    };
    firefox = await launchFirefox({
      dir,
      prefs: {
        'network.proxy.type': 2,
        'network.proxy.autoconfig_url': pacUrl(proxy.port),
        'browser.download.dir': downloads,
        'browser.download.folderList': 2,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.alwaysOpenPanel': false,
        'browser.download.panel.shown': true,
      },
    });
    const installed = await firefox.bidi.send<{ extension: string }>('webExtension.install', {
      extensionData: { type: 'path', path: EXT_DIR },
    });
    expect(installed.extension).toBe(manifest.browser_specific_settings.gecko.id);
    tab = await Tab.open(firefox.bidi);
  });

  afterAll(async () => {
    // Each step on its own: one failing must not keep the others from running.
    await firefox?.close().catch(() => {});
    await proxy?.close().catch(() => {});
    await sandbox?.close().catch(() => {});
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('connects the store, generates, exports and purges codes, saving every CSV file first; finds a code and deletes it', async () => {
    const sb = sandbox!;
    try {
      // 1. The empty bulk promotion's page in the (fake) control panel, reached as a merchant does:
      //    the dashboard, then the app's own links (no page load). The panel says the store is not
      //    connected and offers to open the settings.
      const promotionId = sb.promotions.bulkEmpty;
      await tab.navigate(`https://store-${sb.storeHash}.mybigcommerce.com/manage/dashboard`);
      await tab.run(`() => { window.__noReload = true; }`);
      expect(
        await tab.waitFor<boolean>(
          clickLink,
          'nav a[href$="/manage/marketing/promotions"]',
          'the menu’s Promotions link',
        ),
      ).toBe(true);
      expect(
        await tab.waitFor<boolean>(
          clickLink,
          `#app table a[href$="/promotions/${promotionId}/edit"]`,
          'the promotion’s link',
        ),
      ).toBe(true);
      expect(
        await tab.waitFor<boolean>(
          clickButton,
          'Connect this store',
          'the panel’s "Connect this store" button',
        ),
      ).toBe(true);
      expect(await tab.run<boolean>(`() => window.__noReload === true`)).toBe(true);

      // 2. The background opens the options page in a new tab (BiDi itself may not navigate to
      //    moz-extension: URLs); its URL also tells the extension's internal UUID.
      const options = await waitForTab(
        firefox!.bidi,
        (url) => url.startsWith('moz-extension://') && url.includes('/options.html'),
      );
      expect(new URL(options.url).searchParams.get('store')).toBe(sb.storeHash);
      const optionsTab = new Tab(firefox!.bidi, options.context);
      await optionsTab.waitFor(
        `() => document.querySelector('#bcm-store-hash')?.value || null`,
        null,
        'the options form',
      );
      expect(
        await optionsTab.run<string>(`() => document.querySelector('#bcm-store-hash').value`),
      ).toBe(sb.storeHash);
      await optionsTab.run(fill, { '#bcm-token': sb.tokens.modify });
      expect(await optionsTab.run<boolean>(clickButton, 'Save store')).toBe(true);
      const saved = await optionsTab.waitFor<string>(
        `() => document.querySelector('.bcm-success, .bcm-error, .bcm-notice')?.textContent ?? null`,
        null,
        'the outcome of "Save store"',
      );
      expect(saved).toContain(`Store ${sb.storeHash} is connected`);
      // Kept open: an extension page, where the second test reads the toolbar badge.
      extensionPage = optionsTab;

      // Back on the control panel, the panel picks the store up by itself (on focus / visibility).
      await firefox!.bidi.send('browsingContext.activate', { context: tab.context });
      await tab.waitFor(
        `() => !!(${PANEL_ROOT})()?.querySelector('#bcm-count')`,
        null,
        'the panel’s generate form',
        10_000,
      );

      // 3. Generate: a page script's click makes nothing; a person's key (Enter on the button) does.
      await tab.run(focusEmptied, '#bcm-count');
      await tab.type(String(COUNT));
      expect(
        await tab.waitFor<boolean>(
          clickButton,
          'Generate codes',
          'an enabled "Generate codes" button',
          5_000,
        ),
      ).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(sb.codes(promotionId)).toHaveLength(0);
      expect(await tab.run<boolean>(focusButton, 'Generate codes')).toBe(true);
      await tab.type('\uE007');
      const generated = await tab.waitFor<{ title: string; badge: string; text: string }>(
        `() => (${jobCards})()?.find((j) => j.title === 'Generate codes' && ['Completed', 'Failed', 'Cancelled'].includes(j.badge)) ?? null`,
        null,
        'the generate job to finish',
        40_000,
        200,
      );
      expect(generated.badge).toBe('Completed');
      expect(generated.text).toContain(`${COUNT} codes generated`);
      expect(sb.codes(promotionId)).toHaveLength(COUNT);

      // 4. Export.
      expect(
        await tab.waitFor<boolean>(
          clickButton,
          'Export codes',
          'an enabled "Export codes" button',
          5_000,
        ),
      ).toBe(true);
      const exported = await tab.waitFor<{ title: string; badge: string; text: string }>(
        `() => (${jobCards})()?.find((j) => j.title === 'Export codes' && ['Completed', 'Failed', 'Cancelled'].includes(j.badge)) ?? null`,
        null,
        'the export job to finish',
        40_000,
        200,
      );
      expect(exported.badge).toBe('Completed');

      // 5. Both files, saved by the background through a blob: URL, under the extension's names.
      const prefix = `${sb.storeHash}-promotion-${promotionId}-`;
      const deadline = Date.now() + 15_000;
      let names: string[] = [];
      for (;;) {
        const all = existsSync(downloads) ? readdirSync(downloads) : [];
        names = all.filter((n) => n.startsWith(prefix) && n.endsWith('.csv')).sort();
        // Firefox writes into a .part file next to the target until the download completes.
        if (names.length >= 2 && !all.some((n) => n.endsWith('.part'))) break;
        if (Date.now() > deadline)
          throw new Error(`Expected 2 CSV files in ${downloads}, found: ${JSON.stringify(all)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const generatedFile = names.find((n) => n.includes('-generated-'));
      const exportFile = names.find((n) => n.includes('-export-'));
      expect(names).toHaveLength(2);
      // The hash and the id (stable), then the promotion's name in a safe form.
      expect(generatedFile).toMatch(
        /^[a-z0-9]+-promotion-\d+-summer-sale-bulk-codes-empty-generated-\d{8}T\d{6}Z\.csv$/,
      );
      expect(exportFile).toMatch(
        /^[a-z0-9]+-promotion-\d+-summer-sale-bulk-codes-empty-export-\d{8}T\d{6}Z\.csv$/,
      );

      const store = sb.codes(promotionId);
      const generatedRows = parseCsv(readFileSync(join(downloads, generatedFile!), 'utf8'));
      expect(generatedRows.map((r) => r.code).sort()).toEqual(store.map((c) => c.code).sort());
      expect(
        generatedRows.every((r) => r.max_uses === '1' && r.max_uses_per_customer === '1'),
      ).toBe(true);

      const exportRows = parseCsv(readFileSync(join(downloads, exportFile!), 'utf8'));
      expect(
        exportRows.map((r) => ({
          id: Number(r.id),
          code: r.code,
          current_uses: Number(r.current_uses),
          max_uses: Number(r.max_uses),
          max_uses_per_customer: Number(r.max_uses_per_customer),
          created: r.created,
        })),
      ).toEqual(store);

      // 6. Purge them all. Nothing is deleted before the backup is on disk (Firefox's downloads
      //    report it), and the typed confirmation takes only a person's keys (BiDi input actions).
      expect(
        await tab.waitFor<boolean>(
          clickButton,
          'Purge codes',
          'an enabled "Purge codes" button',
          5_000,
        ),
      ).toBe(true);
      // The choice and the button by a person's keys (Space on the radio, Enter on the button).
      await tab.waitFor<boolean>(
        `() => { const r = (${PANEL_ROOT})()?.querySelector('#bcm-purge-all'); if (!r) return false; r.focus(); return true; }`,
        null,
        'the "All codes" choice',
      );
      await tab.type(' ');
      expect(
        await tab.run<boolean>(
          `() => (${PANEL_ROOT})()?.querySelector('#bcm-purge-all')?.checked === true`,
        ),
      ).toBe(true);
      expect(
        await tab.waitFor<boolean>(
          focusButton,
          'Find codes to delete',
          'an enabled "Find codes to delete" button',
          5_000,
        ),
      ).toBe(true);
      await tab.type('\uE007');
      const backupSaved = await tab.waitFor<string>(
        `() => (${PANEL_ROOT})()?.querySelector('[role=dialog] .bcm-backup .bcm-success')?.textContent ?? null`,
        null,
        'the backup to be saved',
        30_000,
        200,
      );
      expect(backupSaved).toMatch(
        new RegExp(
          `Backup saved: ${prefix}summer-sale-bulk-codes-empty-purge-backup-\\d{8}T\\d{6}Z\\.csv \\(${COUNT} codes\\)`,
        ),
      );
      // A page script's "typing" does not count.
      await tab.run(fill, { '#bcm-purge-confirm': 'PURGE' });
      expect(await tab.run<boolean>(clickButton, 'Purge')).toBe(false);
      expect(sb.codes(promotionId)).toHaveLength(COUNT);
      await tab.run(
        `() => { const f = (${PANEL_ROOT})().querySelector('#bcm-purge-confirm'); f.value = ''; f.focus(); }`,
      );
      await tab.type('PURGE\uE007');
      const purged = await tab.waitFor<{ title: string; badge: string; text: string }>(
        `() => (${jobCards})()?.find((j) => j.title === 'Purge codes' && ['Completed', 'Failed', 'Cancelled'].includes(j.badge)) ?? null`,
        null,
        'the purge to finish',
        40_000,
        200,
      );
      expect(purged.text).toContain(`Completed: ${COUNT} codes deleted.`);
      expect(sb.codes(promotionId)).toEqual([]);
      const backupFile = readdirSync(downloads).find(
        (n) => n.startsWith(prefix) && n.includes('-purge-backup-') && n.endsWith('.csv'),
      );
      expect(
        parseCsv(readFileSync(join(downloads, backupFile!), 'utf8')).map((r) => Number(r.id)),
      ).toEqual(store.map((c) => c.id));

      // 7. Find a code of the other bulk promotion from this panel (a lookup is store-wide), typed
      //    with spaces around and in lower case; one that is not there; then delete it: its
      //    one-line backup on disk first, the confirmation by a person's key only.
      const bulkId = sb.promotions.bulk;
      const before = sb.codes(bulkId);
      const target = before[3]!;
      const findResult = `() => (${PANEL_ROOT})()?.querySelector('.bcm-find-result')?.textContent ?? null`;
      await tab.run(focusEmptied, '#bcm-find-code');
      await tab.type(`  ${target.code.toLowerCase()} `);
      await tab.type('\uE007'); // Enter in the field: a person's key, as "Find" requires
      const link = await tab.waitFor<{ name: string; href: string }>(
        `() => { const a = (${PANEL_ROOT})()?.querySelector('.bcm-find-result a'); return a ? { name: a.textContent, href: a.getAttribute('href') } : null; }`,
        null,
        'the code to be found',
      );
      expect(link).toEqual({
        name: 'Spring sale — bulk codes',
        href: `https://store-${sb.storeHash}.mybigcommerce.com/manage/marketing/promotions/${bulkId}/edit`,
      });
      expect(await tab.run<string>(findResult)).toContain(`${target.code}`);
      await tab.run(focusEmptied, '#bcm-find-code');
      await tab.type('NOPE-NOT-HERE');
      await tab.type('\uE007'); // Enter in the field: a person's key, as "Find" requires
      await tab.waitFor(
        `() => (${findResult})() === 'No code NOPE-NOT-HERE in this store.'`,
        null,
        '"not found"',
      );

      await tab.run(focusEmptied, '#bcm-find-code');
      await tab.type(target.code);
      await tab.type('\uE007'); // Enter in the field: a person's key, as "Find" requires
      // A page script's click on "Delete this code" does not even ask; a person's key does.
      expect(
        await tab.waitFor<boolean>(
          clickButton,
          'Delete this code',
          'the "Delete this code" button',
        ),
      ).toBe(true);
      await new Promise((r) => setTimeout(r, 200));
      expect(
        await tab.run<string | null>(
          `() => (${PANEL_ROOT})()?.querySelector('#bcm-find-question')?.textContent ?? null`,
        ),
      ).toBeNull();
      await tab.run(
        `() => { const b = Array.from((${PANEL_ROOT})().querySelectorAll('.bcm-find-result button')).find((x) => x.textContent.trim() === 'Delete this code'); b.focus(); }`,
      );
      await tab.type('\uE007');
      const question = await tab.waitFor<string>(
        `() => (${PANEL_ROOT})()?.querySelector('#bcm-find-question')?.textContent ?? null`,
        null,
        'the question',
      );
      expect(question).toMatch(
        new RegExp(`^Delete the code ${target.code}\\? A backup with this one code is saved first`),
      );
      // A page script's click on the confirmation does nothing.
      expect(await tab.run<boolean>(clickButton, 'Delete this code')).toBe(true);
      await new Promise((r) => setTimeout(r, 500));
      expect(sb.codes(bulkId)).toHaveLength(before.length);
      await tab.run(
        `() => { const b = Array.from((${PANEL_ROOT})().querySelectorAll('.bcm-find-confirm button')).find((x) => x.textContent.trim() === 'Delete this code'); b.focus(); }`,
      );
      await tab.type('\uE007');
      const deleted = await tab.waitFor<string>(
        `() => { const t = (${findResult})() ?? ''; return /Completed|stopped/.test(t) ? t : null; }`,
        null,
        'the code to be deleted',
        30_000,
        200,
      );
      expect(deleted).toContain(
        `Completed: the code ${target.code} was deleted. Its backup was saved first.`,
      );
      expect(sb.codes(bulkId)).toEqual(before.filter((c) => c.id !== target.id));
      const onePrefix = `${sb.storeHash}-promotion-${bulkId}-`;
      const oneBackup = readdirSync(downloads).find(
        (n) => n.startsWith(onePrefix) && n.includes('-purge-backup-') && n.endsWith('.csv'),
      );
      expect(parseCsv(readFileSync(join(downloads, oneBackup!), 'utf8'))).toEqual([
        {
          id: String(target.id),
          code: target.code,
          current_uses: String(target.current_uses),
          max_uses: String(target.max_uses),
          max_uses_per_customer: String(target.max_uses_per_customer),
          created: target.created,
        },
      ]);

      // Nothing tried to leave the machine.
      expect(proxy!.refused).toEqual([]);
    } catch (e) {
      const log = firefox?.log().split('\n').slice(-40).join('\n') ?? '';
      throw new Error(
        `${(e as Error).message}\n--- proxy refused: ${JSON.stringify(proxy?.refused)}\n--- firefox output (tail):\n${log}`,
        {
          cause: e,
        },
      );
    }
  }, 120_000);

  it('exports beside a paused generate, then resumes it to an exact end; the toolbar badge follows', async () => {
    const sb = sandbox!;
    const page = extensionPage!;
    const badge = () =>
      page.run<{ text: string; title: string; color: number[] }>(
        `async () => ({ text: await browser.browserAction.getBadgeText({}), title: await browser.browserAction.getTitle({}), color: await browser.browserAction.getBadgeBackgroundColor({}) })`,
      );
    const promotionId = sb.promotions.bulk;
    const before = sb.codes(promotionId);
    await tab.navigate(
      `https://store-${sb.storeHash}.mybigcommerce.com/manage/marketing/promotions/${promotionId}/edit`,
    );
    await tab.waitFor(`() => !!(${PANEL_ROOT})()?.querySelector('#bcm-count')`, null, 'the form');
    expect((await badge()).text).toBe('');
    sb.configure({ latencyMs: 300 });
    try {
      await tab.run(focusEmptied, '#bcm-count');
      await tab.type('6000');
      // What starts a write is pressed by a person's key (a script's click is ignored).
      expect(await tab.waitFor<boolean>(focusButton, 'Generate codes', 'Generate', 5_000)).toBe(
        true,
      );
      await tab.type('\uE007');
      // While it runs: its progress in the badge (waited for past 10%, so that codes exist when
      // it pauses), its name and time left in the title.
      const running = await page.waitFor<{ text: string; title: string }>(
        `async () => { const text = await browser.browserAction.getBadgeText({}); return /^[1-9]\\d%$/.test(text) ? { text, title: await browser.browserAction.getTitle({}) } : null; }`,
        null,
        'a progress badge',
        20_000,
        100,
      );
      expect(running.title).toContain('Generate codes on “Spring sale — bulk codes”');
      expect(await tab.waitFor<boolean>(clickButton, 'Pause', 'Pause', 10_000)).toBe(true);
      await tab.waitFor(
        `() => (${jobCards})()?.find((j) => j.title === 'Generate codes' && j.badge === 'Paused') ?? null`,
        null,
        'the generate to pause',
        30_000,
        200,
      );
    } finally {
      sb.configure({ latencyMs: 0 });
    }
    // Paused by the merchant: nothing needs them, nothing runs.
    expect((await badge()).text).toBe('');
    const paused = sb.codes(promotionId);
    expect(paused.length).toBeGreaterThan(before.length);
    expect(paused.length).toBeLessThan(before.length + 6000);

    // Export beside the paused generate.
    expect(await tab.waitFor<boolean>(clickButton, 'Export codes', 'Export', 5_000)).toBe(true);
    const exported = await tab.waitFor<{ badge: string; text: string }>(
      `() => (${jobCards})()?.find((j) => j.title === 'Export codes' && ['Completed', 'Failed'].includes(j.badge)) ?? null`,
      null,
      'the export to finish',
      40_000,
      200,
    );
    expect(exported.badge).toBe('Completed');
    const prefix = `${sb.storeHash}-promotion-${promotionId}-spring-sale-bulk-codes-export-`;
    let file: string | undefined;
    for (let i = 0; i < 100 && !file; i++) {
      const all = readdirSync(downloads);
      file = all.find((n) => n.startsWith(prefix) && !all.includes(`${n}.part`));
      if (!file) await new Promise((r) => setTimeout(r, 100));
    }
    const rows = parseCsv(readFileSync(join(downloads, file!), 'utf8'));
    expect(rows.map((r) => Number(r.id)).sort((a, b) => a - b)).toEqual(paused.map((c) => c.id));

    // Resumed, it ends exactly: 6,000 new codes, none lost.
    expect(await tab.waitFor<boolean>(focusButton, 'Resume', 'Resume', 5_000)).toBe(true);
    await tab.type('\uE007');
    const done = await tab.waitFor<{ badge: string; text: string }>(
      `() => (${jobCards})()?.find((j) => j.title === 'Generate codes' && ['Completed', 'Failed'].includes(j.badge)) ?? null`,
      null,
      'the generate to finish',
      60_000,
      200,
    );
    expect(done.text).toContain('6,000 codes generated');
    expect(sb.codes(promotionId)).toHaveLength(before.length + 6000);
    expect((await badge()).text).toBe('');

    // A purge waiting for its confirmation needs the merchant: "!" in the control panel's red.
    expect(await tab.waitFor<boolean>(clickButton, 'Purge codes', 'Purge', 5_000)).toBe(true);
    await tab.waitFor<boolean>(
      `() => { const r = (${PANEL_ROOT})()?.querySelector('#bcm-purge-unused'); if (!r) return false; r.focus(); return true; }`,
      null,
      'the "Unused codes" choice',
    );
    await tab.type(' ');
    expect(await tab.waitFor<boolean>(focusButton, 'Find codes to delete', 'Find', 5_000)).toBe(
      true,
    );
    await tab.type('\uE007');
    const attention = await page.waitFor<{ text: string; title: string; color: number[] }>(
      `async () => { const text = await browser.browserAction.getBadgeText({}); return text === '!' ? { text, title: await browser.browserAction.getTitle({}), color: await browser.browserAction.getBadgeBackgroundColor({}) } : null; }`,
      null,
      'the "!" badge',
      30_000,
      100,
    );
    expect(attention.color.slice(0, 3)).toEqual([0xdb, 0x36, 0x43]);
    expect(attention.title).toContain(
      'Purge codes on “Spring sale — bulk codes”: waiting for your confirmation',
    );
    // Closing the dialog cancels the purge: nothing goes on, the badge is empty again.
    expect(await tab.waitFor<boolean>(clickButton, 'Cancel', 'Cancel', 5_000)).toBe(true);
    await page.waitFor(
      `async () => (await browser.browserAction.getBadgeText({})) === '' || null`,
      null,
      'an empty badge',
      10_000,
      100,
    );
    expect(sb.codes(promotionId)).toHaveLength(before.length + 6000);
  });
});
