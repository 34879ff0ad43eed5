/**
 * Chrome stops an extension's service worker when it likes (idle, memory, updates). Stopped
 * mid-job through CDP, the worker comes back (woken by the open panel or its alarm) and the job
 * carries on by itself from its checkpoint, with exact results.
 */
import { afterEach, expect, test } from 'vitest';
import { expectExportFile, expectGeneratedFiles } from './codes';
import {
  generateByKeyboard,
  openPanel,
  progressOf,
  startExport,
  waitForCompleted,
  waitForProgress,
} from './panel';
import { connectedStore, fileOf, useBrowser } from './setup';

const suite = useBrowser();
const BULK = 1;

afterEach(() => suite.sb.configure({ latencyMs: 0 }));

/** Marks the running worker, so that its absence later proves a new one started. */
async function markWorker(): Promise<void> {
  await (
    await suite.l.serviceWorker()
  ).evaluate(() => ((globalThis as { __e2eMark?: boolean }).__e2eMark = true));
}
async function workerIsNew(): Promise<boolean> {
  return (await suite.l.serviceWorker()).evaluate(
    () => !(globalThis as { __e2eMark?: boolean }).__e2eMark,
  );
}

test('generate: the worker stopped twice mid-job, the job resumes by itself; its file holds exactly N codes and nothing is deleted', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 100 });
  const before = sb.codes(BULK, store.storeHash);
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  sb.configure({ latencyMs: 350 });
  await generateByKeyboard(page, panel, { count: 20_000 });

  for (const at of [4_000, 11_000]) {
    await waitForProgress(panel, at);
    await markWorker();
    await l.stopServiceWorker();
    const stoppedAt = (await progressOf(panel)) ?? 0;
    expect(stoppedAt).toBeLessThan(20_000);
    // It moves on again without anyone pressing anything.
    await waitForProgress(panel, stoppedAt + 500, 60_000);
    expect(await workerIsNew()).toBe(true);
  }
  // Requests cut off by the stops may still have made codes in the store; the job cannot prove
  // they are its own, so it lists them apart at the end (quicker without the added latency).
  sb.configure({ latencyMs: 0 });
  expect(await waitForCompleted(panel, 120_000)).toBe('Completed: 20,000 codes generated.');
  sb.configure({ latencyMs: 0 });
  await expectGeneratedFiles(l, store, BULK, before, 20_000);
  await page.close();
});

test('export: the worker stopped mid-job, the export resumes by itself and equals the store', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 20_000 });
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  await panel.getByText('20,000 codes').waitFor();
  sb.configure({ latencyMs: 300 });
  await startExport(panel);
  await waitForProgress(panel, 4_000);
  await markWorker();
  await l.stopServiceWorker();
  expect(await waitForCompleted(panel, 120_000)).toBe('Completed: 20,000 codes exported.');
  expect(await workerIsNew()).toBe(true);
  sb.configure({ latencyMs: 0 });
  await expectExportFile(
    await l.waitForDownload(fileOf(store, BULK, 'export')),
    sb.codes(BULK, store.storeHash),
  );
  await page.close();
});
