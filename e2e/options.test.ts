/**
 * The options page, as a merchant uses it: connecting a store checks the token live with
 * BigCommerce (here the sandbox) and says plainly what it can do; removing a store wipes it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { Launched } from './harness';
import { openPanel } from './panel';
import { useBrowser } from './setup';

const suite = useBrowser();

async function submit(
  l: Launched,
  storeHash: string,
  token: string,
): Promise<{ page: Page; role: string; text: string }> {
  const page = await l.context.newPage();
  await page.goto(l.optionsUrl());
  await page.getByLabel('Store hash').fill(storeHash);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Save store' }).press('Enter');
  const outcome = page.locator('form').locator('[role="status"], [role="alert"]').first();
  await outcome.waitFor({ timeout: 30_000 });
  return {
    page,
    role: (await outcome.getAttribute('role')) ?? '',
    text: await outcome.innerText(),
  };
}

/** Plain words: no status codes, exception names or raw JSON. */
function expectPlain(text: string) {
  expect(text).not.toMatch(/\b(401|403|404|500)\b|Error:|TypeError|undefined|null|\{|\}/);
}

describe('the browser of the English suites', () => {
  // Debian's Chromium has every language (chromium-l10n) and follows LANG/LANGUAGE: the
  // harness must pin English, or these suites fail on a German machine.
  test("speaks English, whatever this machine's LANG and LANGUAGE", async () => {
    const worker = await suite.l.serviceWorker();
    const ui = await worker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { i18n: { getUILanguage(): string } } }
      ).chrome.i18n.getUILanguage(),
    );
    expect(ui).toMatch(/^en/);
  });
});

describe('connecting a store', () => {
  test('a modify token: "Connected", full access, listed', async () => {
    const { l } = suite;
    const store = l.sandbox.createStore();
    const { page, role, text } = await submit(l, store.storeHash, store.tokens.modify);
    expect(role).toBe('status');
    expect(text).toContain(
      `Store ${store.storeHash} is connected with full access (Marketing: modify).`,
    );
    expect(text).toContain('This token can generate, export and purge codes.');
    await page
      .getByRole('listitem')
      .filter({ hasText: `Store ${store.storeHash}` })
      .getByText('Full access (Marketing: modify)')
      .waitFor();
    // The token field is emptied once saved.
    expect(await page.getByLabel('Access token').inputValue()).toBe('');
    await page.close();
  });

  test('a wrong token: an alert in plain words, and nothing saved', async () => {
    const { l } = suite;
    const store = l.sandbox.createStore();
    const other = l.sandbox.createStore();
    for (const token of [other.tokens.modify, 'x'.repeat(31)]) {
      const { page, role, text } = await submit(l, store.storeHash, token);
      expect(role).toBe('alert');
      expect(text).toBe(
        `BigCommerce did not accept this token for store ${store.storeHash}. Check the store hash and copy the access token again.`,
      );
      expectPlain(text);
      expect(
        await page
          .getByRole('listitem')
          .filter({ hasText: `Store ${store.storeHash}` })
          .count(),
      ).toBe(0);
      await page.close();
    }
    // A store hash that does not exist is said plainly too.
    const { page, role, text } = await submit(l, 'nosuchstore9', store.tokens.modify);
    expect(role).toBe('alert');
    expectPlain(text);
    expect(text.length).toBeGreaterThan(20);
    await page.close();
  });

  test('a read-only token: connected for export only, and says which scope is missing', async () => {
    const { l } = suite;
    const store = l.sandbox.createStore();
    const { page, role, text } = await submit(l, store.storeHash, store.tokens.readOnly);
    expect(role).toBe('status');
    expect(text).toContain(
      `Store ${store.storeHash} is connected with read-only access: you can export codes, but not generate or purge them.`,
    );
    expect(text).toContain('The token lacks the Marketing "modify" scope.');
    await page
      .getByRole('listitem')
      .filter({ hasText: `Store ${store.storeHash}` })
      .getByText('Read-only access (Marketing: read-only): export only')
      .waitFor();
    await page.close();
  });
});

describe('removing a store', () => {
  test('wipes its token and record from the extension; the panel says it is not connected', async () => {
    const { l } = suite;
    const store = l.sandbox.createStore();
    await l.connectStore(store.tokens.modify, store.storeHash);
    const stored = async () =>
      (await l.serviceWorker()).evaluate(async () => {
        const local = JSON.stringify(await chrome.storage.local.get(null));
        const tokens = await new Promise<unknown[]>((resolve, reject) => {
          const open = indexedDB.open('bcm-vault');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('tokens')) return resolve([]);
            const all = db.transaction('tokens').objectStore('tokens').getAll();
            all.onsuccess = () => resolve(all.result);
            all.onerror = () => reject(all.error);
          };
        });
        return { local, tokens: JSON.stringify(tokens) };
      });
    const before = await stored();
    expect(before.tokens).toContain(store.tokens.modify);
    expect(before.local).toContain(store.storeHash);
    expect(before.local).not.toContain(store.tokens.modify);

    const page = await l.context.newPage();
    await page.goto(l.optionsUrl());
    const row = page.getByRole('listitem').filter({ hasText: `Store ${store.storeHash}` });
    await row.getByRole('button', { name: 'Remove' }).click();
    // Asks first; "Keep" keeps it.
    await row.getByRole('button', { name: 'Keep' }).click();
    await row.getByRole('button', { name: 'Remove' }).click();
    await row.getByRole('button', { name: 'Yes, remove' }).click();
    await expect.poll(() => row.count()).toBe(0);
    await page.close();

    const after = await stored();
    expect(after.tokens).not.toContain(store.tokens.modify);
    expect(after.local).not.toContain(`"storeHash":"${store.storeHash}"`);
    const { page: cp, panel } = await openPanel(l, store.storeHash, 1);
    await panel.getByText('This store is not connected yet.').waitFor();
    await cp.close();
  });
});

declare const chrome: { storage: { local: { get(keys: null): Promise<Record<string, unknown>> } } };
