/**
 * A French Chromium (`--lang=fr`, with Debian's chromium-l10n): the panel and its forms speak
 * French through browser.i18n (issue 26's contract names).
 */
import { describe, expect, test } from 'vitest';
import { openPanel, waitForOperations } from './panel';
import { connectedStore, useBrowser } from './setup';

const suite = useBrowser({ lang: 'fr' });

describe('in a French browser', () => {
  test('the panel "Codes promo en masse": "Nombre de codes", "Générer des codes", "Exporter les codes", "Supprimer des codes"', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 0 });
    const { page, panel } = await openPanel(l, store.storeHash, 1, 'Codes promo en masse');
    await waitForOperations(panel, 'Exporter les codes');
    await panel.getByLabel('Nombre de codes', { exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Générer des codes' }).waitFor();
    await panel.getByRole('button', { name: 'Supprimer des codes' }).waitFor();
    await panel.getByRole('button', { name: 'Importer des codes' }).waitFor();
    expect(await panel.getByRole('button', { name: 'Export codes' }).count()).toBe(0);
    await page.close();
  });
});
