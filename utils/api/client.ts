/**
 * The BigCommerce API calls the jobs need, one method per endpoint: what to ask and how to read
 * the answer. How a call travels (governor, timeout, redirects, errors) is in transport.ts.
 */
import { codeCalls } from './code-calls';
import { readCouponCodes } from './code-rows';
import { ApiError, badResponse, errorForStatus, type ErrorContext } from './errors';
import {
  BulkDeleteMetaSchema,
  CodeListSchema,
  CodegenResponseSchema,
  PromotionListSchema,
  PromotionResponseSchema,
  StoreInfoSchema,
  type CouponCode,
  type Promotion,
} from './schemas';
import { createTransport, parseBody, type TransportOptions } from './transport';
import { DELETE_BATCH_LEGACY, isBulkCoupon, PAGE_SIZE, said, STORE_NAME_MAX } from '../vocabulary';

export { DEFAULT_API_ORIGIN, MAX_BODY_BYTES } from './transport';
/** Largest code count believed: more than any real promotion holds (a total of 10^12 is a broken answer). */
export const MAX_SANE_TOTAL = 10_000_000;

export type ClientOptions = TransportOptions;
/** How long connecting a store waits for its name. */
const STORE_NAME_WAIT_MS = 10_000;

/** Body of POST /codegen, as the API names it. */
export interface CodegenBody {
  batch_size: number;
  max_uses: number;
  max_uses_per_customer: number;
  prefix?: string;
  suffix?: string;
  delimiter?: '-' | '_';
  exclude_characters?: string[];
  code_length: number;
}

export interface CodePage {
  codes: CouponCode[];
  /** From `pagination` (present without a cursor): the promotion's code count. */
  total: number | null;
  totalPages: number | null;
  /** Cursor to pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface DeleteResult {
  deleted: number;
  /** Ids the API reported as not deleted (a partial 422). */
  failed: number;
}

export type BigCommerceClient = ReturnType<typeof createClient>;

export function createClient(opts: ClientOptions) {
  const send = createTransport(opts);

  const ctx = (promotionId?: number, action: 'read' | 'write' = 'read'): ErrorContext => ({
    storeHash: opts.storeHash,
    promotionId,
    action,
  });

  return {
    storeHash: opts.storeHash,
    ...codeCalls(send, ctx),

    async getPromotion(promotionId: number, signal?: AbortSignal): Promise<Promotion> {
      const { text } = await send({
        endpoint: 'other',
        method: 'GET',
        path: `/promotions/${promotionId}`,
        idempotent: true,
        ctx: ctx(promotionId),
        signal,
      });
      return parseBody(PromotionResponseSchema, text, 'promotion').data;
    },

    /**
     * The store's name (GET /v2/store), or null: the token needs the Information & settings
     * scope for it, which a Marketing-only API account lacks (a 403, said by no one).
     */
    async storeName(signal?: AbortSignal): Promise<string | null> {
      try {
        const { text } = await send({
          endpoint: 'other',
          method: 'GET',
          path: '/store',
          v2: true,
          idempotent: true,
          ctx: ctx(),
          // A name is a courtesy: connecting the store does not wait long for it.
          signal: signal ?? AbortSignal.timeout(STORE_NAME_WAIT_MS),
        });
        const name = parseBody(StoreInfoSchema, text, 'store information').name.trim();
        return name === '' ? null : name.slice(0, STORE_NAME_MAX);
      } catch {
        return null;
      }
    },

    /** Every COUPON promotion with BULK codes (the store rarely has more than a few pages). */
    async listBulkPromotions(signal?: AbortSignal): Promise<Promotion[]> {
      const out: Promotion[] = [];
      for (let page = 1; page <= 200; page++) {
        const { text } = await send({
          endpoint: 'other',
          method: 'GET',
          path: '/promotions',
          query: { redemption_type: 'COUPON', limit: PAGE_SIZE, page },
          idempotent: true,
          ctx: ctx(),
          signal,
        });
        const body = parseBody(PromotionListSchema, text, 'promotion list');
        out.push(...body.data.filter(isBulkCoupon));
        const totalPages = body.meta?.pagination?.total_pages;
        if (body.data.length < PAGE_SIZE || totalPages == null || page >= totalPages) break;
      }
      return out;
    },

    /**
     * One page of codes. Without a cursor the API returns both pagination blocks (so the
     * first page tells the total); with `after` only the cursor block; with `page` only the
     * offset block (deprecated, used for exact parallel reads).
     */
    async listCodes(
      promotionId: number,
      q: { limit: number; after?: string; page?: number },
      signal?: AbortSignal,
    ): Promise<CodePage> {
      const { text } = await send({
        endpoint: 'list',
        method: 'GET',
        path: `/promotions/${promotionId}/codes`,
        query: { limit: q.limit, after: q.after, page: q.page },
        idempotent: true,
        ctx: ctx(promotionId),
        signal,
      });
      const body = parseBody(CodeListSchema, text, 'page of codes');
      if (body.data.length > q.limit)
        throw badResponse(
          'page of codes',
          `${body.data.length} codes where at most ${q.limit} were asked`,
        );
      const codes = readCouponCodes(body.data);
      if (!Array.isArray(codes)) throw badResponse('page of codes', codes.problem);
      const cursor = body.meta?.cursor_pagination;
      // A count beyond any real promotion is a broken answer: treated as no count at all, so
      // readers fall back to the cursor walk and counters stop with a message.
      const pagination = sanePagination(body.meta?.pagination);
      // A next link is the API's own word that more pages follow.
      const hasNext = cursor
        ? Boolean(cursor.links?.next)
        : pagination
          ? (pagination.current_page ?? 0) < pagination.total_pages
          : false;
      return {
        codes,
        total: pagination?.total ?? null,
        totalPages: pagination?.total_pages ?? null,
        nextCursor: hasNext && cursor?.end_cursor ? cursor.end_cursor : null,
      };
    },

    /** Codes matching one exact code string (used to spot codes of an ambiguous batch). */
    async codeCount(promotionId: number, signal?: AbortSignal): Promise<number> {
      const page = await this.listCodes(promotionId, { limit: 1 }, signal);
      if (page.total == null) throw badResponse('page of codes', 'no total in pagination');
      return page.total;
    },

    /**
     * POST /codegen. Not idempotent: a failure that may have happened after the store
     * made the codes surfaces as ApiError 'ambiguous': the caller does not claim them (settle.ts lists what they made).
     * `stopSignal` stops it only until it is sent; `signal` cuts it off even then.
     */
    async generate(
      promotionId: number,
      body: CodegenBody,
      signal?: AbortSignal,
      stopSignal?: AbortSignal,
    ): Promise<string[]> {
      const { text } = await send({
        endpoint: 'generate',
        method: 'POST',
        path: `/promotions/${promotionId}/codegen`,
        body,
        idempotent: false,
        ctx: ctx(promotionId, 'write'),
        signal,
        stopSignal,
      });
      let parsed;
      try {
        parsed = parseBody(CodegenResponseSchema, text, 'generate response');
      } catch (e) {
        // The store answered 2xx, so it likely made the codes, but the answer does not say which.
        throw new ApiError('ambiguous', e instanceof ApiError ? e.said : said('errors.ambiguous'));
      }
      const codes = parsed.data.codes.map((c) => c.code);
      if (codes.length !== body.batch_size)
        throw new ApiError(
          'ambiguous',
          said('errors.codegenCount', [body.batch_size, codes.length]),
        );
      return codes;
    },

    /** DELETE /codes?id:in=… Deleting is idempotent, so failures are retried. */
    async deleteCodes(
      promotionId: number,
      ids: number[],
      signal?: AbortSignal,
    ): Promise<DeleteResult> {
      const { status, text } = await send({
        endpoint: 'delete',
        method: 'DELETE',
        path: `/promotions/${promotionId}/codes`,
        query: { 'id:in': ids.join(',') },
        // Partial-success deletes come back as 422 with a meta block: read below.
        accept: [422],
        idempotent: true,
        ctx: ctx(promotionId, 'write'),
        signal,
      });
      if (status !== 422) return { deleted: ids.length, failed: 0 };
      let meta: { total: number; success: number; failed?: number } | null = null;
      try {
        meta = BulkDeleteMetaSchema.parse(JSON.parse(text)).meta;
      } catch {
        meta = null;
      }
      // A refusal with nothing deleted on a batch above the older limit of 50 is the
      // store saying "too many ids" (published limits differ: 250 now, 50 before).
      if ((!meta || meta.success === 0) && ids.length > DELETE_BATCH_LEGACY)
        throw new ApiError('too-many-ids', said('errors.tooManyIds', [ids.length]), 422);
      if (!meta) throw errorForStatus(422, text, ctx(promotionId, 'write'));
      return {
        deleted: meta.success,
        failed: meta.failed ?? Math.max(0, ids.length - meta.success),
      };
    },
  };
}

function sanePagination<P extends { total: number; total_pages: number }>(
  p: P | undefined,
): P | undefined {
  if (!p || p.total > MAX_SANE_TOTAL || p.total_pages > MAX_SANE_TOTAL) return undefined;
  return p;
}
