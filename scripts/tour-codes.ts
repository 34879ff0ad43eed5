/**
 * `npm start`'s tour, codes of your own and one code found: codes in a pattern, an import whose
 * file has lines that cannot become codes, and "Find a code" in the popup down to deleting that
 * one code. Screenshots of what a merchant sees on the way.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Launched } from '../e2e/harness';
import { generateByKeyboard, typeInto, waitForCompleted, waitForOperations } from '../e2e/panel';

type Shoot = (name: string, target: Locator) => Promise<void>;

/** 120 codes in the pattern SPRING-####-#### (the create endpoint, one request a code). */
export async function tourPattern(page: Page, panel: Locator, shoot: Shoot): Promise<string> {
  await waitForOperations(panel);
  await panel.getByRole('radio', { name: 'Codes in my own pattern' }).check();
  await typeInto(page, panel.getByLabel('Pattern', { exact: true }), 'SPRING-####-####');
  await panel
    .getByText(/SPRING-[A-Z0-9]{4}-[A-Z0-9]{4}/)
    .first()
    .waitFor();
  await generateByKeyboard(page, panel, { count: 120, maxUses: 1, maxUsesPerCustomer: 1 });
  const done = await waitForCompleted(panel, 120_000);
  await panel.getByRole('radio', { name: 'Codes in my own pattern' }).scrollIntoViewIfNeeded();
  await shoot('pattern', panel);
  await panel.getByRole('radio', { name: /Codes made by BigCommerce/ }).check();
  return done;
}

/** An import of 60 codes from a file that also has a repeat, a formula and a code too long. */
export async function tourImport(
  l: Launched,
  page: Page,
  panel: Locator,
  shoot: Shoot,
): Promise<string> {
  const file = join(l.downloadsDir, '..', 'codes-to-import.csv');
  const codes = Array.from({ length: 60 }, (_, i) => `PARTNER-${String(i + 1).padStart(3, '0')}`);
  const lines = [
    'code,max_uses',
    ...codes.map((c) => `${c},1`),
    'partner-007,1',
    '=HYPERLINK("x"),1',
    `${'X'.repeat(60)},1`,
  ];
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  await panel.getByRole('button', { name: 'Import codes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import codes' });
  await dialog.getByLabel('CSV file with codes').setInputFiles(file);
  await dialog
    .getByRole('status')
    .filter({ hasText: /will be created/ })
    .waitFor({ timeout: 30_000 });
  await shoot('import-preview', dialog);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const done = await waitForCompleted(panel, 120_000);
  await shoot('import-completed', panel.getByRole('article').first());
  return done;
}

/** Finds a code from the toolbar popup, then deletes it after the confirmation naming it. */
export async function tourFind(l: Launched, code: string, shoot: Shoot): Promise<string> {
  const popup = await l.context.newPage();
  try {
    await popup.setViewportSize({ width: 420, height: 760 });
    await popup.goto(l.popupUrl());
    const search = popup.getByRole('search');
    await typeInto(popup, search.getByLabel('Find a code'), `  ${code.toLowerCase()} `);
    await popup.keyboard.press('Enter');
    const result = search.getByRole('status');
    await result
      .getByRole('button', { name: 'Delete this code', exact: true })
      .waitFor({ timeout: 30_000 });
    await shoot('find-code', search);
    await result.getByRole('button', { name: 'Delete this code', exact: true }).click();
    const question = result.getByRole('group', { name: new RegExp(`^Delete the code ${code}\\?`) });
    await question.waitFor();
    await shoot('find-delete-confirm', search);
    await question.getByRole('button', { name: 'Delete this code', exact: true }).click();
    const done = result.getByText(/^Completed: the code .* was deleted/);
    const failed = popup.getByRole('alert');
    await done.or(failed).first().waitFor({ timeout: 60_000 });
    if (await failed.count())
      throw new Error(`The popup shows an alert: ${(await failed.allInnerTexts()).join(' | ')}`);
    return await done.innerText();
  } finally {
    await popup.close();
  }
}
