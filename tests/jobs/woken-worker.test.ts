/**
 * A message can be what wakes the worker (Chrome stops an idle one after 30 s): a job's
 * buttons must find the job though the table has not been read back yet.
 */
import { afterEach, expect, it } from 'vitest';
import type { Services } from '../../utils/messages/define';
import { dispatch } from '../../utils/messages/register';
import { harness, waitFor, type Harness } from './helpers';

let h: Harness | null = null;
afterEach(async () => {
  await h?.sandbox.close();
  h = null;
});

it('the first message after the worker woke acts on a job it has not loaded yet', async () => {
  h = await harness({ seed: { bulkCodes: 30 } });
  const before = h.registry();
  const id = await before.start({
    kind: 'purge',
    storeHash: h.sandbox.storeHash,
    promotionId: h.sandbox.promotions.bulk,
    mode: 'all',
  });
  await waitFor(before, id, ['awaiting-confirmation']);
  h!.kill(before);

  const woken = h.registry(); // nothing read yet
  const o = {
    services: { registry: woken } as unknown as Services,
    extensionId: 'abcdefghijklmnop',
    extensionOrigin: 'chrome-extension://abcdefghijklmnop',
  };
  const page = { id: o.extensionId, url: `${o.extensionOrigin}/popup.html` };
  expect(await dispatch('controlJob', { jobId: id, action: 'cancel' }, page, o)).toEqual({
    ok: true,
    value: null,
  });
  expect((await woken.find(id))!.status).toBe('cancelled');
  expect(h.sandbox.codes(h.sandbox.promotions.bulk)).toHaveLength(30);
});
