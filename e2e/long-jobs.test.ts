/**
 * Long jobs a merchant walks away from: an export beside a paused generate (only writing jobs
 * wait for each other), and the toolbar badge that tells how jobs stand with the panel closed.
 */
import { afterEach, expect, test } from 'vitest';
import { expectExportFile, expectGeneratedFiles } from './codes';
import {
  generateByKeyboard,
  openPanel,
  startExport,
  waitForCompleted,
  waitForProgress,
} from './panel';
import { connectedStore, fileOf, useBrowser } from './setup';

const suite = useBrowser();
const BULK = 1;

afterEach(() => suite.sb.configure({ latencyMs: 0 }));

test('export beside a paused generate: the file equals the store, then the generate resumes to an exact end', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 500 });
  const before = sb.codes(BULK, store.storeHash);
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  sb.configure({ latencyMs: 300 });
  await generateByKeyboard(page, panel, { count: 12_000 });
  await waitForProgress(panel, 2_000);
  await panel.getByRole('button', { name: 'Pause' }).click();
  await panel.getByText('Paused. Press Resume to carry on.').waitFor({ timeout: 30_000 });
  sb.configure({ latencyMs: 0 });

  const exportButton = panel.getByRole('button', { name: 'Export codes' });
  expect(await exportButton.isDisabled()).toBe(false);
  // Writing jobs still wait for the paused one.
  expect(await panel.getByRole('button', { name: 'Purge codes' }).isDisabled()).toBe(true);
  await startExport(panel);
  expect(await waitForCompleted(panel)).toMatch(/^Completed: [\d,]+ codes exported\.$/);
  const held = sb.codes(BULK, store.storeHash);
  expect(held.length).toBeGreaterThan(before.length);
  expect(held.length).toBeLessThan(before.length + 12_000);
  await expectExportFile(await l.waitForDownload(fileOf(store, BULK, 'export')), held);

  await panel.getByRole('button', { name: 'Resume' }).click();
  const done = panel.getByRole('status').filter({ hasText: /codes generated\.$/ });
  await done.waitFor({ timeout: 120_000 });
  expect(await done.innerText()).toBe('Completed: 12,000 codes generated.');
  await expectGeneratedFiles(l, store, BULK, before, 12_000);
  await page.close();
});
