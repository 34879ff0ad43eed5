/** Driving the "Bulk coupon codes" panel the way a merchant does: by its labels and roles. */
import type { Locator, Page } from 'playwright-core';
import type { Launched } from './harness';

export const PANEL_HOST = 'bcm-bulk-coupons';

/** The panel by its name: English unless a test's browser speaks another language. */
export function panelOf(page: Page, name = 'Bulk coupon codes'): Locator {
  return page.getByRole('region', { name });
}

/** Opens a promotion's edit page (or the list, for null) in a new tab; waits for the panel. */
export async function openPanel(
  l: Launched,
  storeHash: string,
  promotionId: number | null,
  region?: string,
): Promise<{ page: Page; panel: Locator }> {
  const page = await l.context.newPage();
  await page.goto(l.panelUrl(promotionId, storeHash));
  const panel = panelOf(page, region);
  await panel.waitFor();
  return { page, panel };
}

/** The panel has loaded the promotion: its generate/export controls are there. */
export async function waitForOperations(
  panel: Locator,
  exportName = 'Export codes',
): Promise<void> {
  await panel.getByRole('button', { name: exportName }).waitFor();
}

/** Replaces a field's text by typing, as from the keyboard. */
export async function typeInto(page: Page, field: Locator, value: string): Promise<void> {
  await field.focus();
  await page.keyboard.press('ControlOrMeta+A');
  if (value === '') await page.keyboard.press('Backspace');
  else await page.keyboard.type(value);
}

/**
 * Chooses a select's option by its label with the arrow keys, as from the keyboard: the panel's
 * forms that write answer a person's input only, and selectOption() dispatches a script's events.
 */
export async function chooseByKeys(page: Page, select: Locator, label: string): Promise<void> {
  const labels = (await select.locator('option').allInnerTexts()).map((t) => t.trim());
  const target = labels.indexOf(label);
  if (target < 0) throw new Error(`No option “${label}” in ${labels.join(', ')}`);
  await select.focus();
  const from = await select.evaluate((el) => (el as HTMLSelectElement).selectedIndex);
  // A closed select on Linux moves its choice with the arrows (a change event each, the browser's own).
  for (let i = from; i !== target; i += target > from ? 1 : -1)
    await page.keyboard.press(target > from ? 'ArrowDown' : 'ArrowUp');
  const now = await select.evaluate((el) => (el as HTMLSelectElement).selectedIndex);
  if (now !== target) throw new Error(`“${label}” was not chosen (option ${now} is)`);
}

export interface GenerateInput {
  count: number;
  maxUses?: number;
  maxUsesPerCustomer?: number;
  codeLength?: number;
  prefix?: string;
  suffix?: string;
}

/** Fills "Generate codes" by keyboard and presses its button with Enter. */
export async function generateByKeyboard(
  page: Page,
  panel: Locator,
  input: GenerateInput,
): Promise<void> {
  await waitForOperations(panel);
  await typeInto(page, panel.getByLabel('Number of codes'), String(input.count));
  if (input.maxUses !== undefined)
    await typeInto(page, panel.getByLabel('Max uses per code'), String(input.maxUses));
  if (input.maxUsesPerCustomer !== undefined)
    await typeInto(
      page,
      panel.getByLabel('Max uses per customer'),
      String(input.maxUsesPerCustomer),
    );
  if (input.codeLength !== undefined)
    await typeInto(page, panel.getByLabel('Code length'), String(input.codeLength));
  if (input.prefix !== undefined) await typeInto(page, panel.getByLabel('Prefix'), input.prefix);
  if (input.suffix !== undefined) await typeInto(page, panel.getByLabel('Suffix'), input.suffix);
  await panel.getByRole('button', { name: 'Generate codes' }).focus();
  await page.keyboard.press('Enter');
}

/**
 * Waits for the job card's "Completed: …" status and returns it; a failure (role=alert) throws
 * with the panel's words so a broken run says why.
 */
export async function waitForCompleted(
  panel: Locator,
  timeout = 60_000,
  /** The word a completion starts with in the browser's language ("Abgeschlossen:" in German). */
  completed = /^Completed:/,
): Promise<string> {
  const done = panel.getByRole('status').filter({ hasText: completed });
  const failed = panel.getByRole('alert');
  await done.or(failed).first().waitFor({ timeout });
  if (await failed.count())
    throw new Error(`The panel shows an alert: ${(await failed.allInnerTexts()).join(' | ')}`);
  return done.first().innerText();
}

export async function startExport(panel: Locator, unusedOnly = false): Promise<void> {
  await waitForOperations(panel);
  const box = panel.getByLabel('only unused codes');
  if ((await box.isChecked()) !== unusedOnly) await box.setChecked(unusedOnly);
  await panel.getByRole('button', { name: 'Export codes' }).click();
}

export type PurgeChoice = 'all' | 'unused' | { file: string };

/**
 * Purge through the dialog: choose, find (dry run), read the count, type PURGE, press Purge.
 * Returns the dry-run sentence ("1,200 codes will be deleted") and all the confirm step said.
 */
export async function purgeThroughDialog(
  page: Page,
  panel: Locator,
  choice: PurgeChoice,
  beforeConfirm?: () => unknown,
): Promise<{ count: string; text: string }> {
  await waitForOperations(panel);
  await panel.getByRole('button', { name: 'Purge codes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Purge codes' });
  await dialog.waitFor();
  if (choice === 'all') await dialog.getByRole('radio', { name: 'All codes' }).check();
  else if (choice === 'unused') await dialog.getByRole('radio', { name: 'Unused codes' }).check();
  else {
    await dialog.getByRole('radio', { name: 'Codes from a CSV file' }).check();
    await dialog.getByLabel('CSV file with the codes').setInputFiles(choice.file);
    await dialog.getByText(/is ready \(/).waitFor();
  }
  await dialog.getByRole('button', { name: 'Find codes to delete' }).click();
  const count = dialog.getByRole('status').filter({ hasText: /will be deleted$/ });
  await count.waitFor({ timeout: 60_000 });
  const sentence = await count.innerText();
  const text = await dialog.innerText();
  await beforeConfirm?.();
  await typeInto(page, dialog.getByLabel('Type PURGE to confirm'), 'PURGE');
  await dialog.getByRole('button', { name: 'Purge', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  return { count: sentence, text };
}

/** Codes done so far by the job shown first in the panel (its progress bar), or null when none runs. */
export async function progressOf(panel: Locator): Promise<number | null> {
  const bar = panel.getByRole('progressbar').first();
  if (!(await bar.count())) return null;
  const now = await bar.getAttribute('aria-valuenow').catch(() => null);
  return now === null ? null : Number(now);
}

/** Waits until the running job has done at least `min` units. */
export async function waitForProgress(
  panel: Locator,
  min: number,
  timeout = 60_000,
): Promise<number> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const done = await progressOf(panel);
    if (done !== null && done >= min) return done;
    if (Date.now() > deadline) throw new Error(`Progress stayed at ${done} (waiting for ${min}).`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
