/**
 * GET and DELETE /promotions/codes?code=X (getCouponCodeByCode, deleteCouponCodeByCode):
 * one code looked up store-wide, whatever promotion holds it, matched exactly
 * but ignoring case like the rest of the sandbox (and BigCommerce's checkout).
 */
import { encodeCursor } from '../cursor';
import { errors } from '../errors';
import { json, type Reply } from '../http';
import { codeView } from '../store';
import type { ApiRequest } from './context';

/** The spec marks `code` required (CodeQueryRequired); an empty value finds nothing useful either. */
function codeParam(r: ApiRequest): string | Reply {
  const code = r.query.get('code');
  if (code === null || code === '')
    return json(422, errors.invalid(["The 'code' query parameter is required."]));
  return code;
}

/**
 * 200 {data: [CouponCode] or [], meta: {cursor_pagination}}. There is only
 * ever one page, so the links are empty (a `next` would lead to a request the
 * spec gives no paging parameters for). per_page is the API's usual default.
 */
export function findCode(r: ApiRequest): Reply {
  const code = codeParam(r);
  if (typeof code !== 'string') return code;
  const c = r.store.codeByText(code);
  const cursor: Record<string, unknown> = { count: c ? 1 : 0, per_page: 50, links: {} };
  if (c) {
    cursor.start_cursor = encodeCursor(c.id);
    cursor.end_cursor = encodeCursor(c.id);
  }
  return json(200, { data: c ? [codeView(c)] : [], meta: { cursor_pagination: cursor } });
}

/** 204 whether or not the code existed (the spec's wording); it is deleted from whichever promotion holds it. */
export function deleteCodeByCode(r: ApiRequest): Reply {
  const code = codeParam(r);
  if (typeof code !== 'string') return code;
  const c = r.store.codeByText(code);
  const p = c ? r.store.promotion(c.promotionId) : undefined;
  if (c && p) r.store.deleteByApi(p, c.id);
  return { status: 204 };
}
