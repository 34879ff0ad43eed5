import type { z } from 'zod';
import { GovernorError, type Endpoint, type Governor } from '../rate';
import { readCouponCodes } from './code-rows';
import { ApiError, badResponse, busyError, errorForStatus, networkError, redirectError, type ErrorContext } from './errors';
import { readCapped } from './read-capped';
import {
  BulkDeleteMetaSchema,
  CodeListSchema,
  CodegenResponseSchema,
  PromotionListSchema,
  PromotionResponseSchema,
  type CouponCode,
  type Promotion,
} from './schemas';

export const DEFAULT_API_ORIGIN = 'https://api.bigcommerce.com';
/** Largest answer read: a page of 250 codes is about 40 KB; anything near this is not BigCommerce. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Largest code count believed: more than any real promotion holds (a total of 10^12 is a broken answer). */
export const MAX_SANE_TOTAL = 10_000_000;

export interface ClientOptions {
  storeHash: string;
  token: string;
  governor: Governor;
  fetch?: typeof fetch;
  /** Tests and the sandbox point this elsewhere; merchants never change it. */
  apiOrigin?: string;
  /** A request with no answer after this long counts as a network failure. */
  timeoutMs?: number;
}

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
  const fetchFn = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const base = `${opts.apiOrigin ?? DEFAULT_API_ORIGIN}/stores/${encodeURIComponent(opts.storeHash)}/v3`;
  const timeoutMs = opts.timeoutMs ?? 60_000;

  interface Call {
    endpoint: Endpoint;
    method: 'GET' | 'POST' | 'DELETE';
    path: string;
    query?: Record<string, string | number | undefined>;
    body?: unknown;
    /** Repeat blindly after a 500 or network failure? Only for idempotent calls. */
    retryUnsafe: boolean;
    ctx: ErrorContext;
    signal?: AbortSignal;
    /** See RunOptions.stopSignal: ends the call only while it is not yet sent. */
    stopSignal?: AbortSignal;
  }

  async function send(call: Call): Promise<{ status: number; text: string }> {
    const url = new URL(base + call.path);
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    // The API wants `id:in` with a literal colon; URLSearchParams would encode it as %3A.
    const href = url.href.replace(/id%3Ain=/g, 'id:in=').replace(/%2C/g, ',');
    const headers: Record<string, string> = { 'X-Auth-Token': opts.token, Accept: 'application/json' };
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    // The token must never travel to another host: a redirect is not followed but reported.
    const init: RequestInit = {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      redirect: 'manual',
    };

    // The body of the answer the governor hands back (the last attempt's), or why it was refused.
    let text = '';
    let refused: ApiError | null = null;
    const attempt = async (signal: AbortSignal): Promise<Response> => {
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        const res = await fetchFn(href, { ...init, signal: AbortSignal.any([signal, timeout]) });
        refused = null;
        text = '';
        // Browsers hide a manual redirect as an 'opaqueredirect' answer of status 0; Node shows the 3xx.
        if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
          void res.body?.cancel().catch(() => undefined);
          refused = redirectError(res.headers.get('location'));
          return new Response(null, { status: 200 });
        }
        // Read the body inside the attempt: a connection dropped mid-body is a network
        // failure the governor should see, not a surprise for the caller later. The governor
        // needs only status and headers: the text stays here rather than being copied into a
        // new body and read out again (two more copies of every page).
        const body = await readCapped(res, MAX_BODY_BYTES);
        if (body === null) {
          refused = badResponse('answer', `larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`);
          return new Response(null, { status: 200 });
        }
        text = body;
        return new Response(null, { status: res.status, headers: res.headers });
      } catch (e) {
        if (timeout.aborted && !signal.aborted) throw new TypeError('request timed out');
        throw e;
      }
    };

    let res: Response;
    try {
      res = await opts.governor.run(call.endpoint, attempt, { signal: call.signal, stopSignal: call.stopSignal, retryUnsafe: call.retryUnsafe });
    } catch (e) {
      if (e instanceof GovernorError) {
        if (e.ambiguous) throw new ApiError('ambiguous', 'The request failed without telling whether it took effect.', e.status);
        if (e.kind === 'rate-limited') throw busyError();
        if (e.kind === 'server' && e.status) throw errorForStatus(e.status, '', call.ctx);
        throw networkError();
      }
      throw e; // aborts propagate untouched
    }
    if (refused) throw refused;
    if (res.status >= 200 && res.status < 300) return { status: res.status, text };
    // Partial-success deletes come back as 422 with a meta block: the caller decides.
    if (call.endpoint === 'delete' && res.status === 422) return { status: res.status, text };
    throw errorForStatus(res.status, text, call.ctx);
  }

  function parse<S extends z.ZodType>(schema: S, text: string, what: string): z.infer<S> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw badResponse(what, text.trim() ? `not JSON: ${text.trim().slice(0, 60)}` : 'empty body');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw badResponse(what, issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unexpected shape');
    }
    return parsed.data;
  }

  const ctx = (promotionId?: number, action: 'read' | 'write' = 'read'): ErrorContext => ({
    storeHash: opts.storeHash,
    promotionId,
    action,
  });

  return {
    storeHash: opts.storeHash,

    async getPromotion(promotionId: number, signal?: AbortSignal): Promise<Promotion> {
      const { text } = await send({
        endpoint: 'other',
        method: 'GET',
        path: `/promotions/${promotionId}`,
        retryUnsafe: true,
        ctx: ctx(promotionId),
        signal,
      });
      return parse(PromotionResponseSchema, text, 'promotion').data;
    },

    /** Every COUPON promotion with BULK codes (the store rarely has more than a few pages). */
    async listBulkPromotions(signal?: AbortSignal): Promise<Promotion[]> {
      const out: Promotion[] = [];
      for (let page = 1; page <= 200; page++) {
        const { text } = await send({
          endpoint: 'other',
          method: 'GET',
          path: '/promotions',
          query: { redemption_type: 'COUPON', limit: 250, page },
          retryUnsafe: true,
          ctx: ctx(),
          signal,
        });
        const body = parse(PromotionListSchema, text, 'promotion list');
        out.push(...body.data.filter((p) => p.redemption_type === 'COUPON' && p.coupon_type === 'BULK'));
        const totalPages = body.meta?.pagination?.total_pages;
        if (body.data.length < 250 || totalPages == null || page >= totalPages) break;
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
        retryUnsafe: true,
        ctx: ctx(promotionId),
        signal,
      });
      const body = parse(CodeListSchema, text, 'page of codes');
      if (body.data.length > q.limit) throw badResponse('page of codes', `${body.data.length} codes where at most ${q.limit} were asked`);
      const codes = readCouponCodes(body.data);
      if (!Array.isArray(codes)) throw badResponse('page of codes', codes.problem);
      const cursor = body.meta?.cursor_pagination;
      // A count beyond any real promotion is a broken answer: treated as no count at all, so
      // readers fall back to the cursor walk and counters stop with a message.
      const pagination = sanePagination(body.meta?.pagination);
      // A next link is the API's own word that more pages follow.
      const hasNext = cursor ? Boolean(cursor.links?.next) : pagination ? (pagination.current_page ?? 0) < pagination.total_pages : false;
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
     * made the codes surfaces as ApiError 'ambiguous' for the caller to reconcile.
     * `stopSignal` stops it only until it is sent; `signal` cuts it off even then.
     */
    async generate(promotionId: number, body: CodegenBody, signal?: AbortSignal, stopSignal?: AbortSignal): Promise<string[]> {
      const { text } = await send({
        endpoint: 'generate',
        method: 'POST',
        path: `/promotions/${promotionId}/codegen`,
        body,
        retryUnsafe: false,
        ctx: ctx(promotionId, 'write'),
        signal,
        stopSignal,
      });
      let parsed;
      try {
        parsed = parse(CodegenResponseSchema, text, 'generate response');
      } catch (e) {
        // The store answered 2xx, so it likely made the codes: let the caller reconcile.
        throw new ApiError('ambiguous', (e as Error).message);
      }
      const codes = parsed.data.codes.map((c) => c.code);
      if (codes.length !== body.batch_size)
        throw new ApiError('ambiguous', `asked for ${body.batch_size} codes, received ${codes.length}`);
      return codes;
    },

    /** DELETE /codes?id:in=… Deleting is idempotent, so failures are retried. */
    async deleteCodes(promotionId: number, ids: number[], signal?: AbortSignal): Promise<DeleteResult> {
      const { status, text } = await send({
        endpoint: 'delete',
        method: 'DELETE',
        path: `/promotions/${promotionId}/codes`,
        query: { 'id:in': ids.join(',') },
        retryUnsafe: true,
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
      if ((!meta || meta.success === 0) && ids.length > 50)
        throw new ApiError('too-many-ids', `The store refused ${ids.length} ids in one delete.`, 422);
      if (!meta) throw errorForStatus(422, text, ctx(promotionId, 'write'));
      return { deleted: meta.success, failed: meta.failed ?? Math.max(0, ids.length - meta.success) };
    },
  };
}

function sanePagination<P extends { total: number; total_pages: number }>(p: P | undefined): P | undefined {
  if (!p || p.total > MAX_SANE_TOTAL || p.total_pages > MAX_SANE_TOTAL) return undefined;
  return p;
}
