/**
 * The manager's message, listPromotionPage, through its real handler against the sandbox: pages
 * of a store's bulk promotions by name, kept two minutes, code counts for the page shown only,
 * and what a merchant meets: a promotion deleted since the list was read, a revoked token, a
 * store without bulk promotions, a promotion without codes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { createPromotionListCache, LIST_TTL_MS, sortByName } from '../../utils/api/promotion-lists';
import { createStoreClients } from '../../utils/api/store-clients';
import type { HandlerContext, Services } from '../../utils/messages/define';
import type { PromotionPage } from '../../utils/messages';
import { allowedFrom, dispatch } from '../../utils/messages/register';
import { MESSAGES } from '../../utils/messages/table';
import { plainWords } from '@/utils/api/errors';
import type { Reply } from '@/utils/messages/views';

/** A reply as the page shows it: its error worded (in English, as the tests' browser speaks). */
const worded = (r: Reply<unknown>) => (r.ok ? r : { ok: false, error: plainWords(r.error) });

let sb: Sandbox | null = null;
afterEach(async () => {
  await sb?.close();
  sb = null;
});

interface Setup {
  sb: Sandbox;
  services: Services;
  /** The handler as the manager page (an extension page) calls it. */
  ask(
    data?: Partial<{ filter: string; page: number; refresh: boolean; recount: number[] }>,
  ): Promise<PromotionPage>;
  /** Requests the store answered, by endpoint. */
  requests(): { promotions: number; listCodes: number };
  advance(ms: number): void;
  token: { value: string | null };
}

async function setup(
  opts: SandboxOptions = { seed: { bulkCodes: 30, bulkPromotions: 60 } },
): Promise<Setup> {
  const s = await startSandbox({ port: 0, ...opts });
  sb = s;
  let t = 5_000_000;
  const token = { value: s.tokens.modify as string | null };
  const clients = createStoreClients({
    tokenFor: async () => token.value,
    fetch: s.fetch,
    apiOrigin: s.origin,
    governor: {}, // the defaults
  });
  const services = {
    clients,
    promotionLists: createPromotionListCache({ now: () => t }),
  } as unknown as Services;
  const ctx = {
    services,
    caller: { context: 'extension-page', store: null },
    jobOf: () => undefined,
  } as unknown as HandlerContext;
  const schema = MESSAGES.listPromotionPage.schema;
  return {
    sb: s,
    services,
    token,
    ask: (data = {}) =>
      MESSAGES.listPromotionPage.handle(schema.parse({ storeHash: s.storeHash, ...data }), ctx),
    requests: () => {
      const e = s.stats().perEndpoint;
      return { promotions: e.promotions.requests, listCodes: e.listCodes.requests };
    },
    advance: (ms) => (t += ms),
  };
}

describe('a page of bulk promotions', () => {
  it('62 bulk promotions by name in pages of 25, with status and the code counts of the page shown only', async () => {
    const s = await setup();
    const page = await s.ask();
    expect(page).toMatchObject({
      storeHash: s.sb.storeHash,
      page: 1,
      pages: 3,
      pageSize: 25,
      filter: '',
      matching: 62,
      total: 62,
      loadedAt: 5_000_000,
    });
    expect(page.promotions).toHaveLength(25);
    const names = page.promotions.map((p) => p.name);
    expect(names).toEqual(
      [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true })),
    );
    expect(names[0]).toBe('Back to school 2024 — bulk codes');
    for (const p of page.promotions) expect(p.codeCount).toBe(s.sb.codes(p.id).length);
    expect(new Set(page.promotions.map((p) => p.status))).toEqual(new Set(['ENABLED', 'DISABLED']));
    // Single-code and automatic promotions are not listed.
    const third = await s.ask({ page: 3 });
    expect(third.promotions).toHaveLength(12);
    const all = [...page.promotions, ...(await s.ask({ page: 2 })).promotions, ...third.promotions];
    expect(all.map((p) => p.id).sort((a, b) => a - b)).toEqual([
      1,
      2,
      ...Array.from({ length: 60 }, (_, i) => i + 5),
    ]);
    // One read of the list (62 promotions fit a page of 250), one count a promotion shown.
    expect(s.requests()).toEqual({ promotions: 1, listCodes: 62 });
  });

  it('a filter by name, from the kept list: no new request for the list', async () => {
    const s = await setup();
    await s.ask();
    const friday = await s.ask({ filter: '  FRIDAY black ' });
    expect(friday.promotions.map((p) => p.name)).toEqual([
      'Black Friday 2024 — bulk codes',
      'Black Friday 2025 — bulk codes',
      'Black Friday 2026 — bulk codes',
    ]);
    expect(friday).toMatchObject({
      page: 1,
      pages: 1,
      filter: 'FRIDAY black',
      matching: 3,
      total: 62,
    });
    expect(await s.ask({ filter: 'no such promotion' })).toMatchObject({
      promotions: [],
      page: 1,
      pages: 1,
      matching: 0,
      total: 62,
    });
    expect(s.requests().promotions).toBe(1);
  });

  it('kept two minutes; Refresh and recount read again; a page past the end shows the last', async () => {
    const s = await setup();
    await s.ask();
    const spring = () => s.ask({ filter: 'spring sale' }).then((p) => p.promotions[0]!);
    const before = await spring();
    expect(before).toMatchObject({ id: 1, codeCount: 30 });
    s.sb.addCodes(1, { count: 5 });
    expect((await spring()).codeCount).toBe(30); // kept
    expect((await s.ask({ filter: 'spring sale', recount: [1] })).promotions[0]!.codeCount).toBe(
      35,
    );
    expect(s.requests().promotions).toBe(1);
    s.advance(LIST_TTL_MS);
    await s.ask({ filter: 'spring sale' });
    expect(s.requests().promotions).toBe(2);
    const refreshed = await s.ask({ refresh: true, page: 7 });
    expect(refreshed).toMatchObject({ page: 3, pages: 3 });
    expect(s.requests().promotions).toBe(3);
  });

  it('a promotion deleted since the list was read: counting it finds it gone, so the list is read again without it', async () => {
    const s = await setup();
    await s.ask();
    // The 30th by name sits on page 2, whose counts are not kept yet; it is deleted meanwhile.
    const data = (await s.sb
      .fetch(`${s.sb.origin}/__sandbox/panel-data`)
      .then((r) => r.json())) as {
      promotions: Array<{ id: number; name: string; coupon_type: string | null }>;
    };
    const victim = sortByName(data.promotions.filter((p) => p.coupon_type === 'BULK'))[29]!;
    s.sb.removePromotion(victim.id);
    s.advance(1_000);
    const page2 = await s.ask({ page: 2 });
    expect(page2.promotions.map((p) => p.id)).not.toContain(victim.id);
    expect(page2.promotions.every((p) => p.codeCount !== null)).toBe(true);
    expect(page2).toMatchObject({ total: 61, loadedAt: 5_001_000 });
    expect(s.requests().promotions).toBe(2);
  });

  it('a deleted promotion whose count is kept stays listed until Refresh (choosing it says it is gone)', async () => {
    const s = await setup();
    const first = (await s.ask()).promotions[0]!;
    s.sb.removePromotion(first.id);
    expect((await s.ask()).promotions[0]!.id).toBe(first.id);
    const refreshed = await s.ask({ refresh: true });
    expect(refreshed.promotions.map((p) => p.id)).not.toContain(first.id);
    expect(refreshed.total).toBe(61);
  });

  it('a store with no bulk promotions: an empty first page, total 0', async () => {
    const s = await setup({ seed: { bulkCodes: 3 } });
    s.sb.removePromotion(1);
    s.sb.removePromotion(2);
    expect(await s.ask()).toMatchObject({
      promotions: [],
      page: 1,
      pages: 1,
      matching: 0,
      total: 0,
    });
  });

  it('a promotion with 0 codes counts 0, not "unknown"', async () => {
    const s = await setup({ seed: { bulkCodes: 3 } });
    const page = await s.ask();
    expect(page.promotions).toEqual([
      { id: 1, name: 'Spring sale — bulk codes', status: 'ENABLED', codeCount: 3 },
      { id: 2, name: 'Summer sale — bulk codes (empty)', status: 'ENABLED', codeCount: 0 },
    ]);
  });
});

describe('what goes wrong, in plain words', () => {
  const revoked =
    /^BigCommerce did not accept the access token for store sandbox1: it is wrong or has been revoked\. Create a new API account token and save it in the extension's settings\.$/;

  it('a revoked token: the store’s error with the way to fix it, nothing kept', async () => {
    const s = await setup();
    s.token.value = 'a'.repeat(31);
    await expect(s.ask()).rejects.toThrow(revoked);
    s.token.value = s.sb.tokens.modify;
    expect((await s.ask()).total).toBe(62);
  });

  it('revoked after the list was read: counting the next page says so too', async () => {
    const s = await setup();
    await s.ask();
    s.token.value = 'b'.repeat(31);
    await expect(s.ask({ page: 2 })).rejects.toThrow(revoked);
  });

  it('a store not connected says so before any request', async () => {
    const s = await setup();
    s.token.value = null;
    await expect(s.ask()).rejects.toThrow(
      /Store sandbox1 is not connected to the extension\. Connect it in the extension's settings/,
    );
    expect(s.requests()).toEqual({ promotions: 0, listCodes: 0 });
  });

  it('only extension pages may ask, and only sane requests are read', async () => {
    expect(allowedFrom('content-script', 'listPromotionPage')).toBe(false);
    expect(allowedFrom('extension-page', 'listPromotionPage')).toBe(true);
    const s = await setup({ seed: { bulkCodes: 1 } });
    const o = {
      services: s.services,
      extensionId: 'abcdefghijklmnop',
      extensionOrigin: 'chrome-extension://abcdefghijklmnop',
    };
    const page = { id: o.extensionId, url: `${o.extensionOrigin}/manager.html` };
    const panel = {
      id: o.extensionId,
      url: `https://store-${s.sb.storeHash}.mybigcommerce.com/manage/marketing/promotions`,
      tab: { id: 3 },
    };
    expect(
      worded(await dispatch('listPromotionPage', { storeHash: s.sb.storeHash }, panel, o)),
    ).toEqual({
      ok: false,
      error: 'This request is not allowed from here.',
    });
    for (const bad of [
      { storeHash: s.sb.storeHash, filter: 'x'.repeat(256) },
      { storeHash: s.sb.storeHash, page: 0 },
      { storeHash: 'NOT A HASH' },
    ])
      expect(worded(await dispatch('listPromotionPage', bad, page, o))).toEqual({
        ok: false,
        error: 'The request was malformed.',
      });
    expect(
      await dispatch('listPromotionPage', { storeHash: s.sb.storeHash }, page, o),
    ).toMatchObject({ ok: true, value: { total: 2 } });
  });
});
