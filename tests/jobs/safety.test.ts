/**
 * Safe on a live store (issue 22): an "unused" purge never deletes a code redeemed since the
 * scan, nothing resumes on an old plan, a list names codes as the store does. The real engine
 * against the sandbox store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { confirm, harness, waitFor, type Harness } from './helpers';

let h: Harness | null = null;
afterEach(async () => {
  await h?.sandbox.close();
  h = null;
});

const bulk = (t: Harness) => ({
  storeHash: t.sandbox.storeHash,
  promotionId: t.sandbox.promotions.bulk,
});
const codesNow = (t: Harness) => t.sandbox.codes(t.sandbox.promotions.bulk).map((c) => c.code);

describe('a purge list names codes as the store matches them', () => {
  it('ASCII case only: straße10, ﬁnal-1 and ſale name no code (lines refused with their numbers); gone-1 names GONE-1', async () => {
    h = await harness({ seed: { bulkCodes: 0 } });
    h.sandbox.addCodes(h.sandbox.promotions.bulk, ['STRASSE10', 'FINAL-1', 'SALE', 'GONE-1']);
    const reg = h.registry();
    const id = await reg.start({
      kind: 'purge',
      ...bulk(h),
      mode: 'list',
      csvText: 'code\nstraße10\nﬁnal-1\nſale\ngone-1\n',
    });
    const planned = await waitFor(reg, id, ['awaiting-confirmation', 'failed']);
    expect(planned.purge?.targetCount).toBe(1);
    expect(planned.purge?.skippedLines).toBe(3);
    await confirm(reg, id);
    await waitFor(reg, id, ['completed']);
    expect(codesNow(h).sort()).toEqual(['FINAL-1', 'SALE', 'STRASSE10']);
  });
});
