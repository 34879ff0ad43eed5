/**
 * The token stays in the extension: it never reaches the control panel's DOM (shadow root
 * included) nor the content script's world (its storage and every answer the background gives
 * it), and the page's own scripts cannot message the extension at all (no externally_connectable),
 * so they can neither start a job nor read a store's settings.
 */
import type { CDPSession, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import {
  PANEL_HOST,
  generateByKeyboard,
  openPanel,
  panelOf,
  startExport,
  waitForCompleted,
  waitForOperations,
} from './panel';
import { connectedStore, fileOf, useBrowser } from './setup';
import { sleep } from './harness';

const suite = useBrowser();
const BULK = 1;

/** Every piece of HTML of the page: documents, open shadow roots, same-origin frames. */
async function allHtml(page: Page): Promise<string> {
  const parts: string[] = [];
  for (const frame of page.frames()) {
    parts.push(
      await frame.evaluate(() => {
        const out: string[] = [document.documentElement.outerHTML];
        const walk = (root: Document | ShadowRoot) => {
          for (const el of Array.from(root.querySelectorAll('*'))) {
            if (el.shadowRoot) {
              out.push(el.shadowRoot.innerHTML);
              walk(el.shadowRoot);
            }
            if (el instanceof HTMLInputElement) out.push(el.value);
          }
        };
        walk(document);
        return out.join('\n');
      }),
    );
  }
  return parts.join('\n');
}

/** Evaluates in the content script's isolated world (found through CDP). */
async function inContentScript<T>(
  page: Page,
  extensionId: string,
  expression: string,
): Promise<{ value: T; session: CDPSession }> {
  const session = await page.context().newCDPSession(page);
  const contexts: Array<{
    id: number;
    origin: string;
    auxData?: { type?: string; frameId?: string };
  }> = [];
  session.on('Runtime.executionContextCreated', (e) =>
    contexts.push((e as { context: (typeof contexts)[number] }).context),
  );
  await session.send('Runtime.enable');
  await sleep(200);
  const world = contexts.find(
    (c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`,
  );
  if (!world) throw new Error(`No content-script world among ${JSON.stringify(contexts)}`);
  const r = (await session.send('Runtime.evaluate', {
    contextId: world.id,
    expression,
    awaitPromise: true,
    returnByValue: true,
  })) as {
    result: { value: T };
    exceptionDetails?: unknown;
  };
  if (r.exceptionDetails)
    throw new Error(`Content-script evaluation failed: ${JSON.stringify(r.exceptionDetails)}`);
  return { value: r.result.value, session };
}

test('the token is in neither the DOM (shadow root included) nor the content script’s world, over a whole session', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 300 });
  const token = store.tokens.modify;
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  await generateByKeyboard(page, panel, { count: 40 });
  await waitForCompleted(panel);
  await l.waitForDownload(fileOf(store, BULK, 'generated'));
  await panel.getByRole('button', { name: 'Dismiss' }).click();
  await startExport(panel);
  await waitForCompleted(panel);
  await panel.getByRole('button', { name: 'Purge codes' }).click();
  await page.getByRole('dialog', { name: 'Purge codes' }).waitFor();

  const html = await allHtml(page);
  expect(html).toContain('Bulk coupon codes'); // the shadow root was searched
  expect(html).toContain('Which codes to delete');
  expect(html).not.toContain(token);
  expect(html).not.toContain(sb.tokens.modify);
  expect(await page.locator('input[type="password"]').count()).toBe(0);
  expect(await page.locator(PANEL_HOST).count()).toBe(1);

  // The content script's world: what it can read, and what the background answers it.
  const message = (id: number, type: string, data: unknown) =>
    `chrome.runtime.sendMessage({ id: ${id}, type: '${type}', data: ${JSON.stringify(data)}, timestamp: Date.now() }).then((r) => r, (e) => ({ thrown: String(e) }))`;
  const { value, session } = await inContentScript<Record<string, unknown>>(
    page,
    l.extensionId,
    `(async () => ({
      local: await chrome.storage.local.get(null),
      session: await chrome.storage.session.get(null).then((v) => v, (e) => 'refused: ' + e.message),
      databases: (await indexedDB.databases()).map((d) => d.name),
      listStores: await ${message(1, 'listStores', undefined)},
      getStore: await ${message(2, 'getStore', { storeHash: store.storeHash })},
      saveStore: await ${message(3, 'saveStore', { storeHash: store.storeHash, token: 'abc' })},
      removeStore: await ${message(4, 'removeStore', { storeHash: store.storeHash })},
      otherStore: await ${message(5, 'getStore', { storeHash: sb.storeHash })},
      listJobs: await ${message(6, 'listJobs', {})},
      promotion: await ${message(7, 'getPromotion', { storeHash: store.storeHash, promotionId: BULK })},
    }))()`,
  );
  await session.detach();
  const text = JSON.stringify(value);
  expect(text).not.toContain(token);
  expect(text).not.toMatch(/token|secret/i);
  expect(value.session).toMatch(/^refused/);
  expect(value.databases).not.toContain('bcm-vault');
  // Settings are for the extension's own pages only, and another store is out of reach. The
  // background answers with the error's key (the page words it in the merchant's language).
  for (const key of ['listStores', 'saveStore', 'removeStore'])
    expect(value[key], key).toEqual({
      res: { ok: false, error: { key: 'errors.notAllowed' } },
    });
  expect(value.otherStore).toEqual({
    res: { ok: false, error: { key: 'errors.ownStoreOnly' } },
  });
  expect((value.getStore as { res: { ok: boolean } }).res.ok).toBe(true);
  expect((value.listJobs as { res: { value: unknown[] } }).res.value.length).toBe(2);
  // The refused removeStore removed nothing.
  await page.reload();
  await waitForOperations(panelOf(page));
  await page.close();
});

test('a page script cannot message the extension: it can neither start a job nor read a store', async () => {
  const { l, sb } = suite;
  const store = await connectedStore(l, { bulkCodes: 10 });
  const { page, panel } = await openPanel(l, store.storeHash, BULK);
  await waitForOperations(panel);
  const before = sb.stats(store.storeHash).perEndpoint.codegen.requests;

  const attempts = await page.evaluate(
    async ({ extensionId, storeHash }) => {
      const w = window as unknown as {
        chrome?: { runtime?: { sendMessage?: unknown; connect?: unknown } };
      };
      const result: Record<string, string> = {
        chrome: typeof w.chrome,
        runtime: typeof w.chrome?.runtime,
        sendMessage: typeof w.chrome?.runtime?.sendMessage,
        connect: typeof w.chrome?.runtime?.connect,
      };
      const start = {
        id: 1,
        type: 'startJob',
        data: { kind: 'generate', storeHash, promotionId: 1, params: { count: 5 } },
        timestamp: Date.now(),
      };
      try {
        const send = w.chrome?.runtime?.sendMessage as
          ((id: string, m: unknown) => Promise<unknown>) | undefined;
        result.startJob = send ? JSON.stringify(await send(extensionId, start)) : 'no sendMessage';
      } catch (e) {
        result.startJob = `threw: ${String(e)}`;
      }
      // Messages posted to the window (where content scripts listen) do nothing either.
      window.postMessage(start, '*');
      window.postMessage({ type: 'getStore', data: { storeHash } }, '*');
      // The extension's pages are not web-accessible, and its databases are not the page's.
      result.options = await fetch(`chrome-extension://${extensionId}/options.html`).then(
        (r) => `fetched ${r.status}`,
        (e) => `refused: ${String(e)}`,
      );
      result.databases = JSON.stringify((await indexedDB.databases()).map((d) => d.name));
      return result;
    },
    { extensionId: l.extensionId, storeHash: store.storeHash },
  );
  expect(
    attempts.chrome === 'undefined' ||
      attempts.runtime === 'undefined' ||
      attempts.sendMessage === 'undefined',
  ).toBe(true);
  expect(attempts.startJob).toMatch(/^(no sendMessage|threw: )/);
  expect(attempts.options).toMatch(/^refused/);
  expect(attempts.databases).not.toContain('bcm-vault');
  await sleep(1500);
  expect(sb.stats(store.storeHash).perEndpoint.codegen.requests).toBe(before);
  expect(await panel.getByRole('article').count()).toBe(0); // no job appeared
  await page.close();
});
