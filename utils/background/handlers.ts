import type { z } from 'zod';
import { ApiError } from '../api/errors';
import { createClient } from '../api/client';
import type { JobRegistry } from '../jobs/registry';
import { messageOf } from '../jobs/registry';
import { MessageSchemas } from '../message-schemas';
import { onMessage, type ProtocolMap, type PromotionInfo, type Result, type StoreView, type TokenCheck } from '../messages';
import { allowed, classifySender, storeOfSender, type SenderLike } from './trust';
import { createGovernor } from '../rate';

export interface StoresApi {
  list(): Promise<StoreView[]>;
  get(storeHash: string): Promise<StoreView | null>;
  put(view: StoreView): Promise<void>;
  remove(storeHash: string): Promise<void>;
}
export interface VaultApi {
  get(storeHash: string): Promise<string | null>;
  set(storeHash: string, token: string): Promise<void>;
  remove(storeHash: string): Promise<void>;
}

export interface HandlerDeps {
  registry: JobRegistry;
  stores: StoresApi;
  vault: VaultApi;
  extensionId: string;
  extensionOrigin: string;
  openOptions(storeHash?: string): Promise<void>;
  download(jobId: string, kind: 'generated' | 'export' | 'purge-backup'): Promise<void>;
  fetch?: typeof fetch;
  apiOrigin?: string;
}

type Key = keyof ProtocolMap;
type Data<K extends Key> = Parameters<ProtocolMap[K]>[0];
type Value<K extends Key> = ReturnType<ProtocolMap[K]> extends Result<infer V> ? V : never;

/**
 * Every message is checked twice before it does anything: who sent it (an extension
 * page, or our content script on a store's control panel, which may only touch that
 * store) and what it holds (a zod schema). Replies are Results with plain-words errors.
 */
export function registerHandlers(deps: HandlerDeps) {
  function handle<K extends Key>(key: K, fn: (data: Data<K>, sender: SenderLike) => Promise<Value<K>>) {
    const schema = MessageSchemas[key] as z.ZodType;
    onMessage(key, (async ({ data, sender }: { data: unknown; sender: SenderLike }): Promise<Result<Value<K>>> => {
      const context = classifySender(sender, deps.extensionId, deps.extensionOrigin);
      if (!allowed(context, key)) return { ok: false, error: 'This request is not allowed from here.' };
      const parsed = schema.safeParse(data);
      if (!parsed.success) return { ok: false, error: 'The request was malformed.' };
      const payload = parsed.data as Data<K>;
      if (context === 'content-script') {
        const own = storeOfSender(sender);
        const target = (payload as { storeHash?: string } | undefined)?.storeHash;
        if (target !== undefined && target !== own) return { ok: false, error: 'A control-panel page may only act on its own store.' };
      }
      try {
        return { ok: true, value: await fn(payload, sender) };
      } catch (e) {
        return { ok: false, error: messageOf(e) };
      }
    }) as never);
  }

  /** A job the content script names must belong to the store it runs in. */
  function checkJobStore(jobId: string, sender: SenderLike) {
    const job = deps.registry.get(jobId);
    if (!job) throw new ApiError('not-found', 'That job no longer exists.');
    const own = storeOfSender(sender);
    if (own !== null && job.storeHash !== own) throw new ApiError('invalid', 'A control-panel page may only act on its own store.');
    return job;
  }

  handle('getStore', async ({ storeHash }) => deps.stores.get(storeHash));
  handle('listStores', async () => deps.stores.list());
  handle('saveStore', async ({ storeHash, token }) => {
    const check = await checkToken(storeHash, token.trim(), deps);
    if (check.ok) {
      await deps.vault.set(storeHash, token.trim());
      const t = Date.now();
      const existing = await deps.stores.get(storeHash);
      await deps.stores.put({ storeHash, access: check.access, addedAt: existing?.addedAt ?? t, lastCheckedAt: t });
    }
    return check;
  });
  handle('removeStore', async ({ storeHash }) => {
    await deps.vault.remove(storeHash);
    await deps.stores.remove(storeHash);
    return null;
  });
  handle('openOptions', async ({ storeHash }) => {
    await deps.openOptions(storeHash);
    return null;
  });
  handle('getPromotion', async ({ storeHash, promotionId }) => {
    const client = await deps.registry.clientFor(storeHash);
    const p = await client.getPromotion(promotionId);
    const bulk = p.redemption_type === 'COUPON' && p.coupon_type === 'BULK';
    const info: PromotionInfo = {
      id: p.id,
      name: p.name,
      redemptionType: p.redemption_type,
      couponType: p.coupon_type ?? null,
      codeCount: bulk ? await client.codeCount(promotionId) : null,
    };
    return info;
  });
  handle('listBulkPromotions', async ({ storeHash }) => {
    const client = await deps.registry.clientFor(storeHash);
    const list = await client.listBulkPromotions();
    return list.map((p) => ({ id: p.id, name: p.name, redemptionType: p.redemption_type, couponType: p.coupon_type ?? null, codeCount: null }));
  });
  handle('startJob', async (request) => {
    const store = await deps.stores.get(request.storeHash);
    if (!store) throw new ApiError('auth', `Store ${request.storeHash} is not connected. Use "Connect this store" first.`);
    if (request.kind !== 'export' && store.access === 'read-only')
      throw new ApiError('scope', `The token saved for store ${request.storeHash} is read-only: it can export codes but not create or delete them. Save a token with the Marketing "modify" scope.`);
    // Ask the store first: a wrong promotion fails here in plain words, not mid-job.
    const client = await deps.registry.clientFor(request.storeHash);
    const p = await client.getPromotion(request.promotionId);
    if (p.redemption_type !== 'COUPON' || p.coupon_type !== 'BULK')
      throw new ApiError('not-bulk', `Promotion ${p.id} ("${p.name}") is not a bulk coupon promotion. These tools work only on coupon promotions that use bulk codes.`);
    const jobId = await deps.registry.start(request, p.name);
    return { jobId };
  });
  handle('controlJob', async ({ jobId, action }, sender) => {
    checkJobStore(jobId, sender);
    await deps.registry.control(jobId, action);
    return null;
  });
  handle('listJobs', async (data, sender) => {
    const own = storeOfSender(sender);
    const jobs = await deps.registry.list();
    const store = own ?? data?.storeHash;
    return store ? jobs.filter((j) => j.storeHash === store) : jobs;
  });
  handle('downloadFile', async ({ jobId, fileKind }, sender) => {
    const job = checkJobStore(jobId, sender);
    if (!job.files.some((f) => f.kind === fileKind)) throw new ApiError('not-found', 'That job has no such file.');
    await deps.download(jobId, fileKind);
    return null;
  });
  handle('removeJob', async ({ jobId }) => {
    await deps.registry.remove(jobId);
    return null;
  });
}

/**
 * Checks a token live, without changing anything in the store: a read tells whether the
 * token works at all; a deliberately invalid generate request on promotion 0 (which no
 * store has) is refused with 403 when the token lacks the modify scope, and with 404 or
 * 422 otherwise — nothing is ever created.
 */
export async function checkToken(storeHash: string, token: string, deps: Pick<HandlerDeps, 'fetch' | 'apiOrigin'>): Promise<TokenCheck> {
  const client = createClient({ storeHash, token, governor: createGovernor({ maxRetries: 2 }), fetch: deps.fetch, apiOrigin: deps.apiOrigin });
  try {
    await client.listBulkPromotions();
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'auth')
      return { ok: false, access: 'unknown', message: `BigCommerce did not accept this token for store ${storeHash}. Check the store hash and copy the access token again.` };
    if (e instanceof ApiError && e.kind === 'scope')
      return { ok: false, access: 'unknown', message: 'This token cannot read promotions. Create an API account with the Marketing scope set to "modify".' };
    return { ok: false, access: 'unknown', message: messageOf(e) };
  }
  try {
    await client.generate(0, { batch_size: 0, max_uses: 1, max_uses_per_customer: 1, code_length: 6 });
    return { ok: true, access: 'modify', message: 'This token can generate, export and purge codes.' };
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'scope')
      return {
        ok: true,
        access: 'read-only',
        message: 'The token lacks the Marketing "modify" scope.',
      };
    if (e instanceof ApiError && ['not-found', 'invalid', 'not-bulk'].includes(e.kind))
      return { ok: true, access: 'modify', message: 'This token can generate, export and purge codes.' };
    return { ok: false, access: 'unknown', message: messageOf(e) };
  }
}
