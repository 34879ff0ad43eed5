/**
 * The single-code calls: create one code (POST /promotions/{id}/codes, for imports and codes in
 * the merchant's own pattern) and look one up, in a promotion or anywhere in the store.
 */
import { readCouponCodes } from './code-rows';
import { ApiError, badResponse, extractReason, type ErrorContext, type Unreadable } from './errors';
import { CodeListSchema, PromotionListSchema, type CouponCode, type Promotion } from './schemas';
import { parseBody, type Send } from './transport';
import { codeKey, said, type SaidValue } from '../vocabulary';

/** Body of POST /codes. Both limits are always sent: this endpoint's default is 0 (unlimited), unlike codegen's 1. */
export interface CreateCodeBody {
  code: string;
  max_uses: number;
  max_uses_per_customer: number;
}

/** What the store did with one code: made it, or refused it (a code it already has, or one it will not take). */
/** A refusal's reason: BigCommerce's own words as they came, or ours when it gave none. */
export type CreateResult =
  { created: CouponCode } | { refused: 'conflict' | 'invalid'; reason: SaidValue };

/** Rows a lookup asks for: the store's filter is documented only as "filter by code". */
const LOOKUP_ROWS = 10;

/**
 * The row of a page of codes that is `code` (letter case aside, as the store compares), read
 * like any page's rows; null when none is. Never merely the first row: a store whose filter
 * matched loosely (or not at all) must not pass another code off as this one.
 */
function sameCode(text: string, what: Unreadable, code: string): CouponCode | null {
  const body = parseBody(CodeListSchema, text, what);
  const codes = readCouponCodes(body.data.slice(0, LOOKUP_ROWS));
  if (!Array.isArray(codes)) throw badResponse(what, codes.problem);
  const wanted = codeKey(code);
  return codes.find((c) => codeKey(c.code) === wanted) ?? null;
}

export function codeCalls(
  send: Send,
  ctx: (promotionId?: number, action?: 'read' | 'write') => ErrorContext,
) {
  return {
    /**
     * POST /codes. Not idempotent: a failure that may have happened after the store made the
     * code surfaces as ApiError 'ambiguous', settled by looking the code up. The spec does not
     * say which status a duplicate gets: 409 and 422 come back as refusals for the caller to
     * tell apart (by looking the code up).
     */
    async createCode(
      promotionId: number,
      body: CreateCodeBody,
      signal?: AbortSignal,
      stopSignal?: AbortSignal,
    ): Promise<CreateResult> {
      const { status, text } = await send({
        endpoint: 'create',
        method: 'POST',
        path: `/promotions/${promotionId}/codes`,
        body,
        accept: [409, 422],
        idempotent: false,
        ctx: ctx(promotionId, 'write'),
        signal,
        stopSignal,
      });
      if (status === 409)
        return {
          refused: 'conflict',
          reason: extractReason(text) ?? said('lineReasons.existsInStore'),
        };
      if (status === 422)
        return {
          refused: 'invalid',
          reason: extractReason(text) ?? said('lineReasons.noReasonGiven'),
        };
      let data: unknown;
      try {
        data = (JSON.parse(text) as { data?: unknown }).data;
      } catch {
        data = undefined;
      }
      const codes = readCouponCodes([data]);
      // The store answered 2xx, so it made the code, but the answer does not say how: look it up.
      if (!Array.isArray(codes))
        throw new ApiError('ambiguous', badResponse('new code', codes.problem).said);
      return { created: codes[0]! };
    },

    /** A code of this promotion, by its text (the store compares without regard to case), or null. */
    async findCodeIn(
      promotionId: number,
      code: string,
      signal?: AbortSignal,
    ): Promise<CouponCode | null> {
      const { text } = await send({
        endpoint: 'list',
        method: 'GET',
        path: `/promotions/${promotionId}/codes`,
        query: { code, limit: LOOKUP_ROWS },
        idempotent: true,
        ctx: ctx(promotionId),
        signal,
      });
      return sameCode(text, 'page of codes', code);
    },

    /** The promotion holding a code (GET /promotions?code=), or null. */
    async promotionOfCode(code: string, signal?: AbortSignal): Promise<Promotion | null> {
      const { text } = await send({
        endpoint: 'other',
        method: 'GET',
        path: '/promotions',
        query: { code, limit: 1 },
        idempotent: true,
        ctx: ctx(),
        signal,
      });
      return parseBody(PromotionListSchema, text, 'promotion list').data[0] ?? null;
    },

    /** A code anywhere in the store (GET /promotions/codes?code=), or null. */
    async findCode(code: string, signal?: AbortSignal): Promise<CouponCode | null> {
      const { text } = await send({
        endpoint: 'other',
        method: 'GET',
        path: '/promotions/codes',
        query: { code },
        idempotent: true,
        ctx: ctx(),
        signal,
      });
      return sameCode(text, 'code lookup', code);
    },
  };
}
