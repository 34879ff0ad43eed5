/**
 * Whether a job may start, in one place, before anything is claimed: its store is connected,
 * its token may write if the job writes, and its promotion is a bulk coupon one (asked of the
 * store, so a wrong promotion fails here in plain words, not mid-job). Sizes are the request's
 * schema's; what a request brings (a list, a file, a pattern), its kind checks as it takes it in.
 */
import type { BigCommerceClient } from '../api/client';
import { ApiError } from '../api/errors';
import type { StoreClients } from '../api/store-clients';
import { kindOf, type JobRequest } from './kinds';
import { isBulkCoupon } from '../vocabulary';
import { said } from '../vocabulary';

export interface StartRulesDeps {
  /** What the store's token may do; null when the store is not connected. */
  access(storeHash: string): Promise<'modify' | 'read-only' | 'unknown' | null>;
  clients: StoreClients;
}

/** The promotion's name, and the store's client, once every rule holds; else why not. */
export async function checkStart(
  request: JobRequest,
  deps: StartRulesDeps,
): Promise<{ promotionName: string; client: BigCommerceClient }> {
  const access = await deps.access(request.storeHash);
  if (!access) throw new ApiError('auth', said('errors.notConnectedStart', [request.storeHash]));
  if (kindOf(request.kind).writes && access === 'read-only')
    throw new ApiError('scope', said('errors.readOnlyToken', [request.storeHash]));
  const client = await deps.clients.clientFor(request.storeHash);
  const p = await client.getPromotion(request.promotionId);
  if (!isBulkCoupon(p))
    throw new ApiError('not-bulk', said('errors.notBulkNamed', [String(p.id), p.name]));
  return { promotionName: p.name, client };
}
