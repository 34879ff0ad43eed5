/**
 * A job carried over a browser restart with the same profile: the browser is closed mid-job
 * and started again. An export (it only reads) resumes by itself; a generate waits, marked
 * "Stopped by the browser", until the merchant presses Resume, and so do codes in a pattern;
 * all finish exactly.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { expectExportFile, expectGeneratedFiles } from './codes';
import { launchExtension, readCsv, sleep, type Launched } from './harness';
import {
  chooseByKeys,
  generateByKeyboard,
  openPanel,
  startExport,
  typeInto,
  waitForCompleted,
  waitForProgress,
} from './panel';
import { fileOf } from './setup';

const BULK = 1;
let sb: Sandbox;
const launches: Launched[] = [];

beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(async () => {
  for (const l of launches) await l.close({ removeFiles: true });
  await sb.close();
});

/** Codes in the promotion once the count has stopped moving for a second. */
async function settledCount(storeHash: string): Promise<number> {
  let last = -1;
  for (;;) {
    const n = sb.codes(BULK, storeHash).length;
    if (n === last) return n;
    last = n;
    await sleep(1000);
  }
}

async function launch(profileDir?: string): Promise<Launched> {
  const l = await launchExtension({ sandbox: sb, profileDir });
  launches.push(l);
  return l;
}

test('export: the browser closed mid-job; after the restart it resumes by itself and equals the store', async () => {
  const store = sb.createStore({ bulkCodes: 30_000 });
  const first = await launch();
  await first.connectStore(store.tokens.modify, store.storeHash);
  const { panel } = await openPanel(first, store.storeHash, BULK);
  await panel.getByText('30,000 codes').waitFor();
  sb.configure({ latencyMs: 300 });
  await startExport(panel);
  await waitForProgress(panel, 5_000);
  await first.close();

  // Same profile, no page opened: the background picks the export up on its own.
  const second = await launch(first.profileDir);
  expect(second.extensionId).toBe(first.extensionId);
  const file = await second.waitForDownload(fileOf(store, BULK, 'export'), 90_000);
  sb.configure({ latencyMs: 0 });
  await expectExportFile(file, sb.codes(BULK, store.storeHash));
  const { page, panel: after } = await openPanel(second, store.storeHash, BULK);
  expect(await waitForCompleted(after)).toBe('Completed: 30,000 codes exported.');
  await page.close();
  await second.close();
});

test('generate: the browser closed mid-job; after the restart it says so, and Resume finishes exactly N codes', async () => {
  const store = sb.createStore({ bulkCodes: 100 });
  const before = sb.codes(BULK, store.storeHash);
  const first = await launch();
  await first.connectStore(store.tokens.modify, store.storeHash);
  const { page, panel } = await openPanel(first, store.storeHash, BULK);
  sb.configure({ latencyMs: 300 });
  await generateByKeyboard(page, panel, { count: 20_000, prefix: 'R' });
  await waitForProgress(panel, 4_000);
  await first.close();

  const second = await launch(first.profileDir);
  const { page: again, panel: resumed } = await openPanel(second, store.storeHash, BULK);
  const card = resumed.getByRole('article').filter({ hasText: 'Stopped by the browser' });
  await card.getByText('The browser stopped this job').waitFor();
  await card.getByText('press Resume to carry on').waitFor();
  // Nothing runs until the merchant says so (requests cut off by the close may still land
  // on the store for a moment: count once they have).
  const made = (await settledCount(store.storeHash)) - before.length;
  await sleep(1500);
  expect(sb.codes(BULK, store.storeHash).length - before.length).toBe(made);
  expect(made).toBeGreaterThan(0);
  expect(made).toBeLessThan(20_000);

  await card.getByRole('button', { name: 'Resume' }).click();
  await waitForProgress(resumed, 15_000, 90_000);
  sb.configure({ latencyMs: 0 });
  expect(await waitForCompleted(resumed, 120_000)).toBe('Completed: 20,000 codes generated.');
  await expectGeneratedFiles(second, store, BULK, before, 20_000);
  await again.close();
  await second.close();
});

test('codes in my own pattern: the browser closed mid-job; Resume after the restart makes exactly N, none twice', async () => {
  const store = sb.createStore({ bulkCodes: 0 });
  const first = await launch();
  await first.connectStore(store.tokens.modify, store.storeHash);
  const { page, panel } = await openPanel(first, store.storeHash, BULK);
  await panel.getByRole('radio', { name: 'Codes in my own pattern' }).check();
  await typeInto(page, panel.getByLabel('Pattern', { exact: true }), 'R-####-####');
  await chooseByKeys(page, panel.getByLabel('Characters', { exact: true }), 'Digits');
  sb.configure({ latencyMs: 300 });
  await generateByKeyboard(page, panel, { count: 3_000 });
  await waitForProgress(panel, 600);
  await first.close();

  const second = await launch(first.profileDir);
  const { page: again, panel: resumed } = await openPanel(second, store.storeHash, BULK);
  const card = resumed.getByRole('article').filter({ hasText: 'Stopped by the browser' });
  await card.getByRole('button', { name: 'Resume' }).click();
  sb.configure({ latencyMs: 0 });
  expect(await waitForCompleted(resumed, 120_000)).toMatch(/^Completed: 3,000 codes generated\./);
  // Requests cut off by the close were settled by looking their codes up: none made twice, none lost.
  const codes = sb.codes(BULK, store.storeHash).map((c) => c.code);
  expect(codes).toHaveLength(3_000);
  for (const c of codes) expect(c).toMatch(/^R-\d{4}-\d{4}$/);
  const file = await readCsv(await second.waitForDownload(fileOf(store, BULK, 'generated')));
  expect(
    file
      .slice(1)
      .map((r) => r[0])
      .sort(),
  ).toEqual([...codes].sort());
  expect(sb.stats(store.storeHash).perEndpoint.deleteCodes.requests).toBe(0);
  await again.close();
  await second.close();
});
