/** Shared guard of the code endpoints: 404 for an unknown promotion, 405 unless it is a bulk coupon one. */
import { errors } from '../errors';
import { json, type Reply } from '../http';
import type { Promotion } from '../store';
import type { ApiRequest } from './context';

export function bulkPromotion(r: ApiRequest): Promotion | Reply {
  const raw = r.params.promotion_id ?? '';
  const p = /^\d{1,15}$/.test(raw) ? r.store.promotion(Number(raw)) : undefined;
  if (!p) return json(404, errors.promotionNotFound(raw));
  if (!r.store.isBulk(p)) return json(405, errors.notBulk());
  return p;
}

export function isReply(x: Promotion | Reply): x is Reply {
  return !('codeIds' in x);
}
