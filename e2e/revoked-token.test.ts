/**
 * A store connected with a token that BigCommerce later stops accepting (the API account was
 * deleted). Simulated by restarting the sandbox on the same port with another seed: the same
 * store hash, new tokens. The panel and a running job say so plainly, in an alert.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { launchExtension, type Launched } from './harness';
import { openPanel, startExport, waitForOperations, waitForProgress } from './panel';

let sb: Sandbox;
let l: Launched;

beforeAll(async () => {
  sb = await startSandbox({ seed: { bulkCodes: 20_000 } });
  l = await launchExtension({ sandbox: sb });
});
afterAll(async () => {
  await l?.close({ removeFiles: true });
  await sb?.close();
});

/** The same store on the same port, but the API account behind the saved token is gone. */
async function revokeTokens(): Promise<void> {
  const port = sb.port;
  await sb.close();
  sb = await startSandbox({ port, seed: { bulkCodes: 20_000, random: 4242 } });
}

test('revoked while exporting and then on the next visit: alerts in plain words, with what to do', async () => {
  await l.connectStore(sb.tokens.modify, sb.storeHash);
  const { page, panel } = await openPanel(l, sb.storeHash, 1);
  await waitForOperations(panel);
  sb.configure({ latencyMs: 300 });
  await startExport(panel);
  await waitForProgress(panel, 2_000);
  const old = sb.tokens.modify;
  await revokeTokens();
  expect(sb.tokens.modify).not.toBe(old);

  // The panel says so at once (the job failed; asking about the promotion fails the same way).
  const alert = panel.getByRole('alert');
  await alert.waitFor({ timeout: 30_000 });
  const text = await alert.innerText();
  expect(text).toBe(
    `BigCommerce did not accept the access token for store ${sb.storeHash}: it is wrong or has been revoked. ` +
      "Create a new API account token and save it in the extension's settings.",
  );
  expect(await panel.getByRole('button', { name: 'Generate codes' }).count()).toBe(0);
  expect(await panel.getByRole('button', { name: 'Export codes' }).count()).toBe(0);

  // The job itself failed with the same words (the popup lists it).
  const popup = await l.context.newPage();
  await popup.goto(l.popupUrl());
  const jobAlert = popup
    .getByRole('listitem')
    .filter({ hasText: 'Export codes' })
    .getByRole('alert');
  expect(await jobAlert.innerText()).toBe(`Exporting codes stopped: ${text}`);
  await popup.close();

  // On the next visit, the same alert before anything is offered.
  await page.reload();
  await panel.getByRole('alert').waitFor();
  expect(await panel.getByRole('alert').innerText()).toBe(text);
  expect(await panel.getByRole('button', { name: 'Export codes' }).count()).toBe(0);
  await page.close();
});
