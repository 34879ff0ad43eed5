/**
 * A German Chromium (`--lang=de`, with Debian's chromium-l10n): the extension speaks German
 * through browser.i18n on every page (issue 26's contract names), the toolbar button's name
 * included, and connecting a store through the German settings works.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openPanel, waitForOperations } from './panel';
import { connectedStore, useBrowser } from './setup';

const suite = useBrowser({ lang: 'de' });

describe('in a German browser', () => {
  test('the browser speaks German to the extension', async () => {
    const worker = await suite.l.serviceWorker();
    const ui = await worker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { i18n: { getUILanguage(): string } } }
      ).chrome.i18n.getUILanguage(),
    );
    expect(ui).toMatch(/^de/);
  });

  test('settings: "Store-Hash", "Zugriffstoken", "Shop speichern", and a store connected with them', async () => {
    const { l } = suite;
    const store = l.sandbox.createStore();
    const page = await l.context.newPage();
    await page.goto(l.optionsUrl());
    await expect(page.title()).resolves.toBe('Bulk Coupon Manager – Einstellungen');
    await page.getByRole('heading', { name: 'Shop verbinden' }).waitFor();
    await page.getByLabel('Store-Hash').fill(store.storeHash);
    await page.getByLabel('Zugriffstoken').fill(store.tokens.modify);
    await page.getByRole('button', { name: 'Shop speichern' }).click();
    const status = page.locator('form [role="status"]');
    await status.waitFor({ timeout: 30_000 });
    expect(await status.innerText()).toContain(
      `Shop ${store.storeHash} ist mit vollem Zugriff verbunden`,
    );
    await page.close();

    // The panel in the control panel: the region "Massen-Gutscheincodes".
    const panel = await l.context.newPage();
    await panel.goto(l.panelUrl(null, store.storeHash));
    const region = panel.getByRole('region', { name: 'Massen-Gutscheincodes' });
    await region.waitFor({ timeout: 30_000 });
    await region.getByRole('button', { name: 'Ausblenden' }).waitFor();
    await panel.close();
  });

  test('popup and manager page in German', async () => {
    const { l } = suite;
    const popup = await l.context.newPage();
    await popup.goto(l.popupUrl());
    await popup.getByRole('heading', { name: 'Gutschein-Aufträge' }).waitFor();
    await popup.getByRole('link', { name: 'Manager öffnen' }).waitFor();
    await popup.getByRole('link', { name: 'Einstellungen öffnen' }).waitFor();
    await popup.close();

    const manager = await l.context.newPage();
    await manager.goto(l.popupUrl().replace('/popup.html', '/manager.html'));
    await manager.getByRole('heading', { name: 'Gutschein-Manager' }).waitFor();
    await manager.getByRole('heading', { name: 'Shops' }).waitFor();
    await expect(manager.title()).resolves.toBe('Gutschein-Manager');
    await manager.close();
  });

  test('a job’s card and the toolbar title in German: an export’s completion', async () => {
    const { l } = suite;
    const store = l.sandbox.createStore({ bulkCodes: 1234 });
    // Connected through the German settings (the harness's connectStore reads the English labels).
    const settings = await l.context.newPage();
    await settings.goto(l.optionsUrl(store.storeHash));
    await settings.getByLabel('Store-Hash').fill(store.storeHash);
    await settings.getByLabel('Zugriffstoken').fill(store.tokens.modify);
    await settings.getByRole('button', { name: 'Shop speichern' }).click();
    await settings.locator('form [role="status"]').waitFor({ timeout: 30_000 });
    await settings.close();

    const page = await l.context.newPage();
    await page.goto(l.panelUrl(1, store.storeHash));
    const panel = page.getByRole('region', { name: 'Massen-Gutscheincodes' });
    const exportButton = panel.getByRole('button', { name: 'Codes exportieren', exact: true });
    await exportButton.waitFor({ timeout: 30_000 });
    await exportButton.click();
    // The background sends the job's words as keys; the card says them in German.
    const done = panel.getByRole('status').filter({ hasText: /^Abgeschlossen:/ });
    await done.first().waitFor({ timeout: 60_000 });
    expect(await done.first().innerText()).toBe('Abgeschlossen: 1.234 Codes exportiert.');
    await panel
      .getByRole('heading', { name: /^Codes exportieren/ })
      .first()
      .waitFor();
    await panel.getByRole('button', { name: 'CSV erneut herunterladen' }).waitFor();
    await page.close();

    // Nothing under way: the toolbar button's title is the extension's German name.
    const worker = await l.serviceWorker();
    await expect
      .poll(
        () =>
          worker.evaluate(() =>
            (
              globalThis as unknown as {
                chrome: { action: { getTitle(d: object): Promise<string> } };
              }
            ).chrome.action.getTitle({}),
          ),
        { timeout: 15_000 },
      )
      .toBe('Bulk Coupon Manager für BigCommerce');
  });

  test('the manifest’s name has its German message', async () => {
    const worker = await suite.l.serviceWorker();
    const name = await worker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { i18n: { getMessage(k: string): string } } }
      ).chrome.i18n.getMessage('manifest_name'),
    );
    expect(name).toBe('Bulk Coupon Manager für BigCommerce');
  });

  test('the panel’s forms: "Anzahl der Codes", "Codes erzeugen", "Codes exportieren", "Codes löschen"', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 0 });
    const { page, panel } = await openPanel(l, store.storeHash, 1, 'Massen-Gutscheincodes');
    await waitForOperations(panel, 'Codes exportieren');
    await panel.getByLabel('Anzahl der Codes', { exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Codes erzeugen' }).waitFor();
    await panel.getByRole('button', { name: 'Codes löschen' }).waitFor();
    await panel.getByRole('button', { name: 'Codes importieren' }).waitFor();
    expect(await panel.getByRole('button', { name: 'Generate codes' }).count()).toBe(0);
    await page.close();
  });

  test('an import’s refused lines and a code that cannot exist, said in German', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 0 });
    const { page, panel } = await openPanel(l, store.storeHash, 1, 'Massen-Gutscheincodes');
    await waitForOperations(panel, 'Codes exportieren');
    const file = join(l.downloadsDir, '..', 'german-import.csv');
    writeFileSync(file, 'code\r\nGUT-1\r\n=SUMME(A1)\r\nGUT-1\r\n');
    await panel.getByRole('button', { name: 'Codes importieren' }).click();
    const dialog = page.getByRole('dialog', { name: 'Codes importieren' });
    await dialog.getByLabel('CSV-Datei mit Codes').setInputFiles(file);
    const preview = dialog.getByRole('status').filter({ hasText: 'werden abgelehnt' });
    await preview.waitFor({ timeout: 30_000 });
    const text = await preview.innerText();
    expect(text).toContain('1 Code wird angelegt');
    expect(text).toContain('Tabellenformeln, keine Codes: 1 Zeile');
    expect(text).toContain('Die Zelle sieht wie eine Tabellenformel aus (=SUMME(A1))');
    expect(text).toContain('Der Code steht bereits in Zeile 2 der Datei');
    await dialog.getByRole('button', { name: 'Abbrechen' }).click();

    // "Code suchen" checks the typed code before any request, in German.
    const find = panel.getByLabel('Code suchen');
    await find.fill('50%RABATT');
    await panel.getByRole('button', { name: 'Suchen', exact: true }).click();
    await panel
      .getByText(
        'Ein Code enthält nur Buchstaben, Ziffern, Leerzeichen, _ und -: “%” kann darin nicht vorkommen, daher kann ihn kein Shop enthalten.',
      )
      .waitFor();
    await page.close();
  });
});
