/**
 * With the store misbehaving (5% errors 500, 5% requests done but never answered, 2% chance of
 * starting a second-long burst of 429s without headers), the files are still exact: every code
 * the store made is in the generate file once, and the export equals the store.
 */
import { afterEach, expect, test } from 'vitest';
import { ENDPOINT_KEYS, type SandboxStats } from '../sandbox/types';
import { expectExportFile, expectGeneratedFiles } from './codes';
import { generateByKeyboard, openPanel, startExport, waitForCompleted } from './panel';
import { connectedStore, fileOf, useBrowser } from './setup';

const suite = useBrowser();
const BULK = 1;
const FAULTS = { error500: 0.05, drop: 0.05, burst429: 0.02 };

afterEach(() => suite.sb.configure({ faults: {} }));

function faultsSeen(stats: SandboxStats): number {
  let n = 0;
  for (const key of ENDPOINT_KEYS) {
    const e = stats.perEndpoint[key];
    n += e.errors500 + e.dropped + e.status429NoHeaders;
  }
  return n;
}

test('generate under faults: the file holds exactly the codes the store made', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 500 });
  const before = sb.codes(BULK, store.storeHash);
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  await panel.getByText('500 codes').waitFor();
  sb.configure({ faults: FAULTS });
  await generateByKeyboard(page, panel, { count: 12_000, prefix: 'F' });
  expect(await waitForCompleted(panel, 120_000)).toBe('Completed: 12,000 codes generated.');
  sb.configure({ faults: {} });
  // Dropped answers: what the store made for them is listed apart, never claimed, never deleted.
  await expectGeneratedFiles(l, store, BULK, before, 12_000);
  expect(faultsSeen(sb.stats(store.storeHash))).toBeGreaterThan(0);
  await page.close();
});

test('export under faults: the file equals the store', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 15_000 });
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  await panel.getByText('15,000 codes').waitFor();
  sb.configure({ faults: FAULTS });
  await startExport(panel);
  expect(await waitForCompleted(panel, 120_000)).toBe('Completed: 15,000 codes exported.');
  const file = await l.waitForDownload(fileOf(store, BULK, 'export'));
  expect(faultsSeen(sb.stats(store.storeHash))).toBeGreaterThan(0);
  await expectExportFile(file, sb.codes(BULK, store.storeHash));
  await page.close();
});
