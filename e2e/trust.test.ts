/**
 * Nothing lost, in real Chromium: two tabs on one promotion, another app writing to it, a
 * backup the browser refuses to save, a navigation during a purge, page scripts that try to
 * confirm or resume a purge, customers redeeming codes while an unused purge waits for its
 * confirmation, and a store whose address redirects elsewhere.
 */
import { expect, test } from 'vitest';
import { expectExportFile, expectGeneratedFiles } from './codes';
import { readCsv, sleep } from './harness';
import {
  generateByKeyboard,
  openPanel,
  PANEL_HOST,
  panelOf,
  purgeThroughDialog,
  typeInto,
  waitForCompleted,
  waitForOperations,
  waitForProgress,
} from './panel';
import { connectedStore, fileOf, useBrowser } from './setup';

const suite = useBrowser();
const BULK = 1;

test('two tabs, one promotion: the second generate is refused naming the first, and no code is lost', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 200 });
  const before = sb.codes(BULK, store.storeHash);
  const a = await openPanel(l, store.storeHash, BULK);
  const b = await openPanel(l, store.storeHash, BULK);
  try {
    // Both tabs filled in, then pressed within the same second (the store answering slowly, so
    // neither tab has heard of the other's job yet).
    for (const tab of [a, b]) {
      await waitForOperations(tab.panel);
      await typeInto(tab.page, tab.panel.getByLabel('Number of codes'), '3000');
    }
    // Slow enough that the first job is still being checked with the store (2 s) when the
    // second tab's press lands, even on a busy machine. Pressed from the keyboard rather than
    // clicked: a click waits for the page to paint, and a tab in the background of a headless
    // window does not (a dispatched click is a script's, which the panel ignores).
    for (const tab of [a, b])
      await tab.panel.getByRole('button', { name: 'Generate codes' }).focus();
    sb.configure({ latencyMs: 2_000, jitterMs: 0 });
    await Promise.all([a, b].map((tab) => tab.page.keyboard.press('Enter')));
    const refusalIn = (tab: typeof a) =>
      tab.panel.getByRole('alert').filter({ hasText: 'already under way' });
    await Promise.any([a, b].map((tab) => refusalIn(tab).waitFor({ timeout: 20_000 })));
    const [refused, winner] = (await refusalIn(a).count()) ? [a, b] : [b, a];
    expect(await refusalIn(winner).count()).toBe(0);
    const text = await refusalIn(refused).innerText();
    expect(text).toMatch(
      /A job generating codes is already under way on “Spring sale — bulk codes” \(started .*, (running|about to start)\)/,
    );
    expect(text).toMatch(
      /Bulk coupon codes panel on this promotion’s page and in the extension’s toolbar popup/,
    );
    sb.configure({ latencyMs: 0, jitterMs: undefined });
    expect(await waitForCompleted(winner.panel, 60_000)).toBe('Completed: 3,000 codes generated.');
  } finally {
    sb.configure({ latencyMs: 0 });
  }
  const { others } = await expectGeneratedFiles(l, store, BULK, before, 3_000);
  expect(others).toEqual([]);
  expect(sb.codes(BULK, store.storeHash)).toHaveLength(3_200);
  await a.page.close();
  await b.page.close();
});

test('another app adds 500 codes of the same shape mid-job: none is deleted, they are listed apart, the file holds exactly N', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 100 });
  const before = sb.codes(BULK, store.storeHash);
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  sb.configure({ latencyMs: 300 });
  let theirs: string[] = [];
  try {
    await generateByKeyboard(page, panel, { count: 20_000, codeLength: 16 });
    await waitForProgress(panel, 5_000);
    theirs = sb.addCodes(BULK, { count: 500, codeLength: 16 }, store.storeHash).map((c) => c.code);
    sb.configure({ latencyMs: 0 });
    expect(await waitForCompleted(panel, 120_000)).toBe('Completed: 20,000 codes generated.');
  } finally {
    sb.configure({ latencyMs: 0 });
  }
  // Nothing the job did not make was deleted: every code of the other app is still there.
  const now = new Set(sb.codes(BULK, store.storeHash).map((c) => c.code));
  expect(theirs.filter((c) => !now.has(c))).toEqual([]);
  expect(sb.stats(store.storeHash).perEndpoint.deleteCodes.requests).toBe(0);
  await panel
    .getByText(/500 codes that this job did not make also appeared in the promotion while it ran/)
    .waitFor();
  await panel
    .getByText(/They were not deleted.*Purge codes › Codes from a CSV file with that file/)
    .waitFor();
  await panel.getByRole('button', { name: 'Download codes not made by this job' }).waitFor();
  const { others } = await expectGeneratedFiles(l, store, BULK, before, 20_000);
  expect(others.map((c) => c.code).sort()).toEqual([...theirs].sort());
  expect(sb.stats(store.storeHash).perEndpoint.deleteCodes.requests).toBe(0);
  await page.close();
});

test('downloads refused: the purge says the backup was not saved and deletes nothing; once saved again, it purges', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 400 });
  const before = sb.codes(BULK, store.storeHash);
  const cdp = await l.context.browser()!.newBrowserCDPSession();
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'deny' });
  try {
    await waitForOperations(panel);
    await panel.getByRole('button', { name: 'Purge codes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Purge codes' });
    await dialog.getByRole('radio', { name: 'All codes' }).check();
    await dialog.getByRole('button', { name: 'Find codes to delete' }).click();
    await dialog
      .getByRole('status')
      .filter({ hasText: '400 codes will be deleted' })
      .waitFor({ timeout: 30_000 });
    await sleep(1_500); // the browser has refused the backup's download by now
    // A merchant who types the word and presses Purge anyway deletes nothing.
    await typeInto(page, dialog.getByLabel('Type PURGE to confirm'), 'PURGE');
    const purge = dialog.getByRole('button', { name: 'Purge', exact: true });
    if (await purge.isEnabled()) await purge.click();
    await sleep(1_000);
    expect(sb.codes(BULK, store.storeHash)).toEqual(before);
    expect(await purge.isDisabled()).toBe(true);
    const alert = dialog.getByRole('alert').filter({ hasText: 'backup file could not be saved' });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.innerText()).toMatch(
      /could not be saved: the download was cancelled or refused.*Nothing has been deleted/,
    );

    // The merchant fixes the downloads folder and saves it again.
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
    await dialog.getByRole('button', { name: 'Save backup again' }).click();
    await dialog.getByText(/Backup saved:/).waitFor({ timeout: 20_000 });
    await dialog.getByRole('button', { name: 'Purge', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await waitForCompleted(panel)).toBe('Completed: 400 codes deleted.');
  } finally {
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' }).catch(() => {});
  }
  expect(sb.codes(BULK, store.storeHash)).toEqual([]);
  await expectExportFile(await l.waitForDownload(fileOf(store, BULK, 'purge-backup')), before);
  await page.close();
});

/** Opens the purge dialog on the bulk promotion and goes to the typed confirmation of "All codes". */
async function toConfirmStep(storeHash: string) {
  const { page, panel } = await openPanel(suite.l, storeHash, BULK);
  await waitForOperations(panel);
  await panel.getByRole('button', { name: 'Purge codes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Purge codes' });
  await dialog.getByRole('radio', { name: 'All codes' }).check();
  await dialog.getByRole('button', { name: 'Find codes to delete' }).click();
  await dialog
    .getByRole('status')
    .filter({ hasText: /will be deleted$/ })
    .waitFor({ timeout: 30_000 });
  await dialog
    .getByText(/Backup saved:|backup of these codes has been saved/)
    .waitFor({ timeout: 30_000 });
  return { page, panel, dialog };
}

test('the confirmation names the store, the promotion and its id; leaving for another promotion cancels the purge', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 300 });
  const before = sb.codes(BULK, store.storeHash);
  const { page, panel, dialog } = await toConfirmStep(store.storeHash);
  const text = await dialog.innerText();
  expect(text).toMatch(new RegExp(`Store\\s+${store.storeHash}`));
  expect(text).toMatch(/Promotion\s+Spring sale — bulk codes \(id 1\)/);
  expect(text).toContain('300 codes will be deleted');
  await typeInto(page, dialog.getByLabel('Type PURGE to confirm'), 'PURGE');

  // The app moves to another promotion (no page load) before the merchant presses Purge.
  await page.evaluate(() => {
    history.pushState({}, '', '/manage/marketing/promotions/2/edit');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await dialog.waitFor({ state: 'detached', timeout: 10_000 });
  await panel.getByText('Summer sale — bulk codes (empty)').waitFor();
  // Back on the first promotion: the purge was cancelled, nothing deleted, a new one can start.
  await page.goBack();
  await panel
    .getByRole('article')
    .filter({ hasText: 'Cancelled: no codes were deleted.' })
    .waitFor({ timeout: 10_000 });
  expect(sb.codes(BULK, store.storeHash)).toEqual(before);
  expect(await panel.getByRole('button', { name: 'Purge codes' }).isDisabled()).toBe(false);

  // The background too refuses a confirmation carrying another promotion than the purge's.
  const again = await toConfirmStep(store.storeHash);
  const popup = await l.context.newPage();
  await popup.goto(l.popupUrl());
  const reply = await popup.evaluate(async (storeHash) => {
    const chrome = (
      globalThis as unknown as {
        chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
      }
    ).chrome;
    const jobs = (await chrome.runtime.sendMessage({
      id: 1,
      type: 'listJobs',
      data: undefined,
      timestamp: Date.now(),
    })) as {
      res: { value: Array<{ id: string; status: string }> };
    };
    const job = jobs.res.value.find((j) => j.status === 'awaiting-confirmation')!;
    return chrome.runtime.sendMessage({
      id: 2,
      type: 'confirmPurge',
      data: { jobId: job.id, storeHash, promotionId: 2 },
      timestamp: Date.now(),
    });
  }, store.storeHash);
  // The background answers with the error's key: "…for another promotion than the purge’s.
  // Nothing was deleted." in the merchant's language, once a page words it.
  expect(reply).toEqual({ res: { ok: false, error: { key: 'errors.confirmOtherPromotion' } } });
  expect(sb.codes(BULK, store.storeHash)).toEqual(before);
  await popup.close();
  await again.dialog.getByRole('button', { name: 'Cancel' }).click();
  await again.page.close();
  await page.close();
});

test('page scripts typing and clicking in the panel cannot purge', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 150 });
  const before = sb.codes(BULK, store.storeHash);
  const { page, dialog } = await toConfirmStep(store.storeHash);
  // The control panel's own scripts (the page's main world) can reach the open shadow root.
  const reached = await page.evaluate(async (host) => {
    const tick = () => new Promise((r) => setTimeout(r, 100));
    const root = document.querySelector(host)?.shadowRoot;
    const field = root?.querySelector<HTMLInputElement>('#bcm-purge-confirm');
    const button = [...(root?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find(
      (b) => b.textContent === 'Purge',
    );
    if (!field || !button) return false;
    field.focus();
    field.value = 'PURGE';
    field.dispatchEvent(
      new InputEvent('input', { bubbles: true, data: 'PURGE', inputType: 'insertText' }),
    );
    await tick(); // let the panel render what it was "typed"
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    button.disabled = false;
    button.click();
    await tick();
    field.form?.requestSubmit();
    await tick();
    return true;
  }, PANEL_HOST);
  expect(reached).toBe(true);
  await sleep(1_500);
  expect(sb.codes(BULK, store.storeHash)).toEqual(before);
  expect(sb.stats(store.storeHash).perEndpoint.deleteCodes.requests).toBe(0);
  expect(
    await dialog.getByRole('status').filter({ hasText: '150 codes will be deleted' }).count(),
  ).toBe(1);
  // A person's typing still works.
  await typeInto(page, dialog.getByLabel('Type PURGE to confirm'), 'PURGE');
  await dialog.getByRole('button', { name: 'Purge', exact: true }).click();
  expect(await waitForCompleted(panelOf(page))).toBe('Completed: 150 codes deleted.');
  await page.close();
});

test('a page script retypes the count and max uses as a person clicks Generate: the person’s values are what is made', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 0 });
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  await waitForOperations(panel);
  await typeInto(page, panel.getByLabel('Number of codes'), '30');
  await typeInto(page, panel.getByLabel('Max uses per code'), '2');
  // The control panel's own scripts see the person's click first (capture, on window) and
  // "type" other values into the open shadow root before it reaches the button.
  await page.evaluate((host) => {
    const retype = (id: string, value: string) => {
      const field = document.querySelector(host)?.shadowRoot?.querySelector<HTMLInputElement>(id);
      if (!field) return;
      (window as { retyped?: number }).retyped =
        ((window as { retyped?: number }).retyped ?? 0) + 1;
      field.value = value;
      field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    };
    window.addEventListener(
      'click',
      () => {
        retype('#bcm-count', '1000');
        retype('#bcm-maxUses', '0');
      },
      true,
    );
  }, PANEL_HOST);
  await panel.getByRole('button', { name: 'Generate codes' }).click();
  expect(await waitForCompleted(panel)).toBe('Completed: 30 codes generated.');
  // The script did reach both fields.
  expect(await page.evaluate(() => (window as { retyped?: number }).retyped)).toBe(2);
  const made = sb.codes(BULK, store.storeHash);
  expect(made).toHaveLength(30);
  expect(new Set(made.map((c) => c.max_uses))).toEqual(new Set([2]));
  expect(await panel.getByLabel('Number of codes').inputValue()).toBe('30');
  await page.close();
});

test('a store address that redirects elsewhere: the token never leaves, the job stops in plain words', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 300 });
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  await waitForOperations(panel);
  sb.sink.reset();
  sb.configure({ faults: { redirect: 1 } });
  try {
    await panel.getByRole('button', { name: 'Export codes' }).click();
    const alert = panel.getByRole('alert');
    await alert.first().waitFor({ timeout: 60_000 });
    // Nothing at all reached the other host: no request, so no token.
    expect(sb.sink.requests()).toEqual([]);
    expect(await alert.first().innerText()).toMatch(
      /answered with a redirect.*never sends your access token anywhere but api\.bigcommerce\.com/,
    );
  } finally {
    sb.configure({ faults: {} });
  }
  await page.close();
});

test('customers redeem codes between the scan and the confirmation: those codes survive, the others go, and the panel says so', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 1_200 });
  const unused = sb.codes(BULK, store.storeHash).filter((c) => c.current_uses === 0);
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  let redeemed: string[] = [];
  const { count } = await purgeThroughDialog(page, panel, 'unused', () => {
    // A campaign: shoppers use 25 of the codes while the merchant reads the confirmation.
    redeemed = sb.redeem(BULK, { count: 25 }, store.storeHash).map((c) => c.code);
  });
  expect(count).toBe(`${unused.length.toLocaleString('en-US')} codes will be deleted`);
  expect(await waitForCompleted(panel)).toBe(
    `Completed: ${(unused.length - 25).toLocaleString('en-US')} codes deleted. 25 codes were redeemed since the scan and were kept. The backup file, saved again, says what became of each code.`,
  );
  const left = sb.codes(BULK, store.storeHash);
  expect(redeemed).toHaveLength(25);
  expect(left.filter((c) => redeemed.includes(c.code))).toHaveLength(25);
  expect(left.filter((c) => c.current_uses === 0)).toEqual([]);
  expect(sb.stats(store.storeHash).deleted.usedAtDelete).toBe(0);
  // The backup saved before deleting, then the same codes again, each with what became of it.
  const before = await readCsv(await l.waitForDownload(fileOf(store, BULK, 'purge-backup')));
  const after = await readCsv(await l.waitForDownload(fileOf(store, BULK, 'purge-backup')));
  expect(before[0]).not.toContain('outcome');
  expect(after[0]!.at(-1)).toBe('outcome');
  expect(after).toHaveLength(before.length);
  const outcome = new Map(after.slice(1).map((r) => [r[1], r.at(-1)]));
  for (const code of redeemed) expect(outcome.get(code)).toBe('kept: redeemed since the scan');
  expect([...outcome.values()].filter((o) => o === 'deleted')).toHaveLength(unused.length - 25);
  await page.close();
});

test('a page script clicks Resume on a paused purge: no DELETE follows; a person’s Resume carries on', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 20_000 });
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  try {
    // Slow answers once confirmed, so that the merchant's Pause lands mid-purge.
    await purgeThroughDialog(page, panel, 'all', () =>
      sb.configure({ latencyMs: 1_500, jitterMs: 0 }),
    );
    await panel.getByRole('button', { name: 'Pause' }).click();
    const card = panel.getByRole('article').filter({ hasText: 'Purge codes' });
    await card.getByText('Paused', { exact: true }).waitFor({ timeout: 30_000 });
  } finally {
    sb.configure({ latencyMs: 0, jitterMs: undefined });
  }
  await sleep(2_000); // answers still on their way when it paused land (a pause lets them)
  const deletes = () => sb.stats(store.storeHash).perEndpoint.deleteCodes.requests;
  const before = deletes();
  const left = sb.codes(BULK, store.storeHash).length;
  expect(left).toBeGreaterThan(0);
  // The control panel's own scripts reach the open shadow root and press Resume every way they can.
  const pressed = await page.evaluate((host) => {
    const root = document.querySelector(host)?.shadowRoot;
    const resume = [...(root?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find(
      (b) => b.textContent === 'Resume',
    );
    if (!resume) return false;
    resume.click();
    resume.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    resume.focus();
    resume.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    return true;
  }, PANEL_HOST);
  expect(pressed).toBe(true);
  await sleep(2_000);
  expect(deletes()).toBe(before);
  expect(sb.codes(BULK, store.storeHash)).toHaveLength(left);
  const card = panel.getByRole('article').filter({ hasText: 'Purge codes' });
  expect(await card.getByText('Paused', { exact: true }).count()).toBe(1);
  // A person's Resume carries on to the end.
  await card.getByRole('button', { name: 'Resume' }).click();
  expect(await waitForCompleted(panel, 120_000)).toBe('Completed: 20,000 codes deleted.');
  expect(sb.codes(BULK, store.storeHash)).toEqual([]);
  await page.close();
});
