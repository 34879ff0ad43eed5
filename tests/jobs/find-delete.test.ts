/**
 * "Find a code" and "Delete this code", through the real handler and engine against the
 * sandbox: the code found anywhere in the store with its promotion, plain words when it is not
 * there or cannot be a code (before any request), and one code deleted only after its one-line
 * backup is on disk.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createStoreClients } from '../../utils/api/store-clients';
import { purgeSpools } from '../../utils/jobs/purge';
import type { HandlerContext, Services } from '../../utils/messages/define';
import { MESSAGES } from '../../utils/messages/table';
import { BACKUP_KEEP_MS } from '../../utils/vocabulary';
import { closeHarnesses, harness, spoolRows, waitFor, type Harness } from './helpers';
import { plainWords } from '@/utils/api/errors';

let h: Harness | null = null;
afterEach(closeHarnesses);

/** The findCode handler as an extension page calls it. */
function finder(t: Harness) {
  const clients = createStoreClients({
    tokenFor: async () => t.sandbox.tokens.modify,
    fetch: t.sandbox.fetch,
    apiOrigin: t.sandbox.origin,
    governor: {}, // the defaults
  });
  const ctx = {
    services: { clients } as unknown as Services,
    caller: { context: 'extension-page', store: null },
    jobOf: () => undefined,
  } as unknown as HandlerContext;
  return (code: string) => MESSAGES.findCode.handle({ storeHash: t.sandbox.storeHash, code }, ctx);
}

describe('find a code', () => {
  it('finds a code of any promotion, whatever its case, with its uses, limits and promotion', async () => {
    h = await harness({ seed: { bulkCodes: 120 } });
    const find = finder(h);
    const used = h.sandbox.codes(h.sandbox.promotions.bulk).find((c) => c.current_uses > 0)!;
    const r = await find(`  ${used.code.toLowerCase()} `);
    expect(r).toEqual({
      found: true,
      code: {
        id: used.id,
        code: used.code,
        current_uses: used.current_uses,
        max_uses: used.max_uses,
        max_uses_per_customer: used.max_uses_per_customer,
        created: used.created,
      },
      promotion: {
        id: h.sandbox.promotions.bulk,
        name: 'Spring sale — bulk codes',
        status: 'ENABLED',
        bulk: true,
      },
    });
    expect(await find('welcome10')).toMatchObject({
      found: true,
      promotion: { id: h.sandbox.promotions.single, bulk: false },
    });
    expect(await find('NO-SUCH-CODE')).toEqual({ found: false, code: 'NO-SUCH-CODE' });
  });

  it.each([
    ['', /Type a code to find/],
    ['   ', /Type a code to find/],
    ['X'.repeat(51), /at most 50 characters; this has 51/],
    ['50%OFF', /only letters, digits, spaces, _ and -: “%” cannot be in one/],
  ])('%j is answered before any request: %s', async (typed, error) => {
    h = await harness({ seed: { bulkCodes: 0 } });
    await expect(finder(h)(typed)).rejects.toThrow(error);
    expect(h.sandbox.stats().perEndpoint.findCode.requests).toBe(0);
  });
});

describe('delete this code', () => {
  it('saves a one-line backup, waits for it to be on disk, then deletes exactly that code', async () => {
    h = await harness({ seed: { bulkCodes: 30 } });
    const reg = h.registry();
    const target = h.sandbox.codes(h.sandbox.promotions.bulk)[7]!;
    const id = await reg.start({
      kind: 'delete-code',
      storeHash: h.sandbox.storeHash,
      promotionId: h.sandbox.promotions.bulk,
      code: target.code.toLowerCase(),
    });
    const job = await waitFor(reg, id, ['completed', 'failed']);
    expect(job.error).toBeNull();
    expect(job.deleteCode).toEqual({ code: target.code });
    expect(h.sandbox.codes(h.sandbox.promotions.bulk).map((c) => c.id)).not.toContain(target.id);
    expect(h.sandbox.codes(h.sandbox.promotions.bulk)).toHaveLength(29);
    expect(await spoolRows(h.spool, purgeSpools(id).targets)).toEqual([target]);
    expect(h.saves.map((s) => s.kind)).toEqual(['purge-backup']);
    // Its one-line backup outlives the job card, like a purge's.
    const removed = await reg.remove(id);
    expect(removed.keptUntil).toBe((await reg.find(id))!.files[0]!.createdAt! + BACKUP_KEEP_MS);
    expect(await reg.keptFiles()).toEqual([
      expect.objectContaining({ jobId: id, kind: 'purge-backup', rows: 1, listed: false }),
    ]);
    expect(await spoolRows(h.spool, purgeSpools(id).targets)).toEqual([target]);
  });

  it('with the backup refused by the browser nothing is deleted; saved again on Resume, then deleted', async () => {
    h = await harness({ seed: { bulkCodes: 10 } });
    h.downloadOutcome = { state: 'interrupted', error: 'USER_CANCELED' };
    const reg = h.registry();
    const target = h.sandbox.codes(h.sandbox.promotions.bulk)[0]!;
    const id = await reg.start({
      kind: 'delete-code',
      storeHash: h.sandbox.storeHash,
      promotionId: h.sandbox.promotions.bulk,
      code: target.code,
    });
    const failed = await waitFor(reg, id, ['completed', 'failed']);
    expect(failed.status).toBe('failed');
    expect(plainWords(failed.error ?? '')).toMatch(
      new RegExp(
        `backup of ${target.code} was not saved, so the code was not deleted: .*cancelled or refused.*Press Resume`,
      ),
    );
    expect(h.sandbox.codes(h.sandbox.promotions.bulk).map((c) => c.id)).toContain(target.id);
    expect(h.sandbox.stats().perEndpoint.deleteCodes.requests).toBe(0);
    h.downloadOutcome = { state: 'complete' };
    await reg.control(id, 'resume');
    expect((await waitFor(reg, id, ['completed', 'failed'])).status).toBe('completed');
    expect(h.sandbox.codes(h.sandbox.promotions.bulk).map((c) => c.id)).not.toContain(target.id);
  });

  it('a code no longer there: said plainly, nothing deleted', async () => {
    h = await harness({ seed: { bulkCodes: 5 } });
    const reg = h.registry();
    const id = await reg.start({
      kind: 'delete-code',
      storeHash: h.sandbox.storeHash,
      promotionId: h.sandbox.promotions.bulk,
      code: 'GONE',
    });
    const job = await waitFor(reg, id, ['completed', 'failed']);
    expect(plainWords(job.error ?? '')).toMatch(
      /GONE is no longer in this promotion, so there is nothing to delete/,
    );
    expect(h.sandbox.codes(h.sandbox.promotions.bulk)).toHaveLength(5);
  });
});
