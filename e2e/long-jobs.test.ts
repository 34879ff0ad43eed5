/**
 * Long jobs a merchant walks away from: an export beside a paused generate (only writing jobs
 * wait for each other), and the toolbar badge that tells how jobs stand with the panel closed.
 */
import { afterEach, expect, test } from 'vitest';
import { expectExportFile, expectGeneratedFiles } from './codes';
import type { Launched } from './harness';
import {
  generateByKeyboard,
  openPanel,
  startExport,
  typeInto,
  waitForCompleted,
  waitForOperations,
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

/** The toolbar button as the browser shows it: `chrome.action` read in the service worker. */
async function badgeOf(l: Launched): Promise<{ text: string; title: string; color: number[] }> {
  return (await l.serviceWorker()).evaluate(async () => {
    const action = (
      globalThis as unknown as {
        chrome: {
          action: {
            getBadgeText(d: object): Promise<string>;
            getTitle(d: object): Promise<string>;
            getBadgeBackgroundColor(d: object): Promise<number[]>;
          };
        };
      }
    ).chrome.action;
    return {
      text: await action.getBadgeText({}),
      title: await action.getTitle({}),
      color: await action.getBadgeBackgroundColor({}),
    };
  });
}

async function waitForBadge(l: Launched, text: RegExp, timeout = 30_000) {
  const until = Date.now() + timeout;
  for (;;) {
    const badge = await badgeOf(l);
    if (text.test(badge.text)) return badge;
    if (Date.now() > until) throw new Error(`The badge stayed "${badge.text}" (${badge.title}).`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('the toolbar badge: progress with the job’s name and time left, "!" in red when a purge waits, empty when nothing goes on', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 300 });
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  await waitForOperations(panel);
  expect((await badgeOf(l)).text).toBe('');
  sb.configure({ latencyMs: 300 });
  await generateByKeyboard(page, panel, { count: 8_000 });
  const running = await waitForBadge(l, /^\d+%$/);
  expect(running.title).toMatch(/^Generate codes on “Spring sale — bulk codes”: \d+%/);
  sb.configure({ latencyMs: 0 });
  await waitForCompleted(panel, 60_000);
  await waitForBadge(l, /^$/);
  expect((await badgeOf(l)).title).toBe('Bulk Coupon Manager for BigCommerce');

  await panel.getByRole('button', { name: 'Purge codes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Purge codes' });
  await dialog.getByRole('radio', { name: 'All codes' }).check();
  await dialog.getByRole('button', { name: 'Find codes to delete' }).click();
  await dialog
    .getByRole('status')
    .filter({ hasText: /will be deleted$/ })
    .waitFor();
  const attention = await waitForBadge(l, /^!$/);
  expect(attention.color).toEqual([0xdb, 0x36, 0x43, 255]);
  expect(attention.title).toBe(
    'Purge codes on “Spring sale — bulk codes”: waiting for your confirmation',
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await waitForBadge(l, /^$/);
  expect(sb.codes(BULK, store.storeHash)).toHaveLength(8_300);
  await page.close();
});

test('estimates before a start; the one-time notifications offer, left: the job goes on, nothing else changes', async () => {
  const { l } = suite;
  const store = await connectedStore(l, { bulkCodes: 300, plan: 'standard' });
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  await waitForOperations(panel);
  // Every form says what its job will cost before it starts.
  await panel
    .getByText(
      /^Either one: About \d+ s on this store's plan; uses 2 requests \(\d+% of the store's hourly quota/,
    )
    .waitFor();
  await typeInto(page, panel.getByLabel('Number of codes'), '80000');
  const estimate = panel.getByText(/on this store's plan; uses 322 requests/);
  await estimate.waitFor();
  expect(await estimate.innerText()).toMatch(/^About 1 min \d+ s on this store's plan/);
  await panel.getByRole('button', { name: 'Purge codes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Purge codes' });
  await dialog.getByRole('radio', { name: 'All codes' }).check();
  await dialog.getByText(/uses 4 requests/).waitFor();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  // A job of over a minute: the panel offers notifications, once.
  await panel.getByRole('button', { name: 'Generate codes' }).click();
  const offer = panel.getByRole('group', { name: /This job will take a while/ });
  await offer.waitFor();
  const opened = l.context.waitForEvent('page');
  await offer.getByRole('button', { name: 'Turn on notifications' }).click();
  const alerts = await opened;
  await alerts.waitForLoadState();
  expect(new URL(alerts.url()).pathname).toBe('/alerts.html');
  await alerts.getByRole('heading', { name: 'While you are away' }).waitFor();
  // The page asks only on a click of its own (the browser's prompt); the merchant leaves it.
  expect(await alerts.getByLabel(/^Notify me when a job completes/).isChecked()).toBe(false);
  expect(await alerts.getByLabel(/^Keep this computer awake/).isChecked()).toBe(false);
  const granted = await (
    await l.serviceWorker()
  ).evaluate(() =>
    (
      globalThis as unknown as {
        chrome: { permissions: { contains(p: object): Promise<boolean> } };
      }
    ).chrome.permissions.contains({ permissions: ['notifications'] }),
  );
  expect(granted).toBe(false);
  await alerts.close();
  expect(await offer.count()).toBe(0);

  // The job goes on as ever (the badge shows it); cancelled here, it was never in question.
  await waitForBadge(l, /^\d+%$/);
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await panel
    .getByRole('status')
    .filter({ hasText: /^Cancelled/ })
    .waitFor({ timeout: 60_000 });
  // Offered once only: another long job starts without asking again.
  await panel.getByRole('button', { name: 'Generate codes' }).click();
  await waitForBadge(l, /^\d+%$/);
  await new Promise((r) => setTimeout(r, 1000));
  expect(await panel.getByRole('group', { name: /This job will take a while/ }).count()).toBe(0);
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await panel
    .getByRole('status')
    .filter({ hasText: /^Cancelled/ })
    .first()
    .waitFor({ timeout: 60_000 });
  await page.close();
});
