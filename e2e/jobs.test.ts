/**
 * Generate, export and purge from the panel on a bulk promotion's page, each checked against
 * the store: the downloaded files hold exactly the codes the store made, holds or deleted.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { expectExportFile, expectGeneratedFiles } from './codes';
import {
  generateByKeyboard,
  openPanel,
  purgeThroughDialog,
  startExport,
  waitForCompleted,
} from './panel';
import { connectedStore, fileOf, useBrowser } from './setup';

const suite = useBrowser();
const BULK = 1;

describe('generate', () => {
  test('N codes by keyboard: the CSV holds exactly the new codes of the store', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 300 });
    const before = l.sandbox.codes(BULK, store.storeHash);
    const { page, panel } = await openPanel(l, store.storeHash, BULK);
    await panel.getByText('Spring sale — bulk codes').waitFor();

    await generateByKeyboard(page, panel, {
      count: 777,
      maxUses: 3,
      maxUsesPerCustomer: 1,
      prefix: 'e2e',
      codeLength: 8,
    });
    expect(await waitForCompleted(panel)).toBe('Completed: 777 codes generated.');

    const { fresh, others } = await expectGeneratedFiles(l, store, BULK, before, 777);
    expect(others).toEqual([]);
    for (const c of fresh) {
      expect(c.code).toMatch(/^E2E[A-Z0-9]{8}$/);
      expect([c.max_uses, c.max_uses_per_customer]).toEqual([3, 1]);
    }
    // The panel's count follows the store.
    await panel.getByText('1,077 codes').waitFor();
    await page.close();
  });
});

describe('export', () => {
  test('all codes: the CSV equals the store, every column', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 1234 });
    const { page, panel } = await openPanel(l, store.storeHash, BULK);
    await startExport(panel);
    expect(await waitForCompleted(panel)).toBe('Completed: 1,234 codes exported.');
    await expectExportFile(
      await l.waitForDownload(fileOf(store, BULK, 'export')),
      l.sandbox.codes(BULK, store.storeHash),
    );
    await page.close();
  });

  test('only unused codes', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 1234 });
    const codes = l.sandbox.codes(BULK, store.storeHash);
    const unused = codes.filter((c) => c.current_uses === 0);
    expect(unused.length).toBeLessThan(codes.length);
    const { page, panel } = await openPanel(l, store.storeHash, BULK);
    await startExport(panel, true);
    await waitForCompleted(panel);
    await expectExportFile(await l.waitForDownload(fileOf(store, BULK, 'export')), unused);
    await page.close();
  });

  test('an empty promotion exports a file with the header only', async () => {
    const { l } = suite;
    const store = await connectedStore(l);
    const { page, panel } = await openPanel(l, store.storeHash, 2);
    await panel.getByText('Summer sale — bulk codes (empty)').waitFor();
    await startExport(panel);
    expect(await waitForCompleted(panel)).toBe('Completed: 0 codes exported.');
    await expectExportFile(await l.waitForDownload(fileOf(store, 2, 'export')), []);
    await page.close();
  });
});

describe('purge', () => {
  test('all codes: the store is empty and the backup holds exactly what was deleted', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 600 });
    const before = l.sandbox.codes(BULK, store.storeHash);
    const { page, panel } = await openPanel(l, store.storeHash, BULK);
    // The dry run deletes nothing.
    const dryRun = await purgeThroughDialog(page, panel, 'all', () =>
      expect(l.sandbox.codes(BULK, store.storeHash)).toEqual(before),
    );
    expect(dryRun.count).toBe('600 codes will be deleted');
    expect(await waitForCompleted(panel)).toBe('Completed: 600 codes deleted.');
    expect(l.sandbox.codes(BULK, store.storeHash)).toEqual([]);
    await expectExportFile(await l.waitForDownload(fileOf(store, BULK, 'purge-backup')), before);
    // Other promotions are untouched.
    expect(l.sandbox.codes(3, store.storeHash).map((c) => c.code)).toEqual(['WELCOME10']);
    await page.close();
  });

  test('unused codes: the used ones stay', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 600 });
    const before = l.sandbox.codes(BULK, store.storeHash);
    const unused = before.filter((c) => c.current_uses === 0);
    const used = before.filter((c) => c.current_uses > 0);
    const { page, panel } = await openPanel(l, store.storeHash, BULK);
    expect((await purgeThroughDialog(page, panel, 'unused')).count).toBe(
      `${unused.length} codes will be deleted`,
    );
    await waitForCompleted(panel);
    expect(l.sandbox.codes(BULK, store.storeHash)).toEqual(used);
    await expectExportFile(await l.waitForDownload(fileOf(store, BULK, 'purge-backup')), unused);
    await page.close();
  });

  test('codes from a CSV file: exactly those, and codes not in the promotion are left alone', async () => {
    const { l } = suite;
    const store = await connectedStore(l, { bulkCodes: 600 });
    const before = l.sandbox.codes(BULK, store.storeHash);
    const listed = before.filter((_, i) => i % 7 === 3);
    // A "code" column among others, a code in lower case, one unknown code and one of another promotion.
    const lines = [
      'id,code,note',
      ...listed.map((c, i) => `${c.id},${i === 0 ? c.code.toLowerCase() : c.code},x`),
      '0,NOSUCHCODE1,x',
      '0,WELCOME10,x',
    ];
    const file = join(l.downloadsDir, '..', `${store.storeHash}-to-delete.csv`);
    writeFileSync(file, lines.join('\r\n') + '\r\n');

    const { page, panel } = await openPanel(l, store.storeHash, BULK);
    const dryRun = await purgeThroughDialog(page, panel, { file });
    expect(dryRun.count).toBe(`${listed.length} codes will be deleted`);
    expect(dryRun.text).toContain(`Your file lists ${listed.length + 2} codes.`);
    expect(dryRun.text).toContain(
      '2 codes from your file were not found in this promotion and will be left alone.',
    );
    await waitForCompleted(panel);
    const gone = new Set(listed.map((c) => c.id));
    expect(l.sandbox.codes(BULK, store.storeHash)).toEqual(before.filter((c) => !gone.has(c.id)));
    expect(l.sandbox.codes(3, store.storeHash).map((c) => c.code)).toEqual(['WELCOME10']);
    await expectExportFile(await l.waitForDownload(fileOf(store, BULK, 'purge-backup')), listed);
    await page.close();
  });
});
