/**
 * How one call to the store's API travels: the URL and headers, one attempt with its timeout,
 * through the store's rate governor; redirects refused (the token must not follow them),
 * bodies read with a size cap, and every failure turned into an ApiError in plain words.
 * Endpoint methods (client.ts) say what to call; this says how.
 */
import type { z } from 'zod';
import { GovernorError, type Endpoint, type Governor } from '../rate';
import {
  ApiError,
  badResponse,
  busyError,
  errorForStatus,
  networkError,
  redirectError,
  type ErrorContext,
  type Unreadable,
} from './errors';
import { readCapped } from './read-capped';
import { said } from '../vocabulary';

export const DEFAULT_API_ORIGIN = 'https://api.bigcommerce.com';
/** Largest answer read: a page of 250 codes is about 40 KB; anything near this is not BigCommerce. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** How long a request may go unanswered before it counts as a network failure, unless told otherwise. */
const DEFAULT_TIMEOUT_MS = 60_000;

export interface TransportOptions {
  storeHash: string;
  token: string;
  governor: Governor;
  fetch?: typeof fetch;
  /** Tests and the sandbox point this elsewhere; merchants never change it. */
  apiOrigin?: string;
  /** A request with no answer after this long counts as a network failure. */
  timeoutMs?: number;
}

/** One call, as the endpoint methods describe it. */
export interface ApiCall {
  endpoint: Endpoint;
  method: 'GET' | 'POST' | 'DELETE';
  /** Below /stores/{hash}/v3 (or /v2, with `v2`). */
  path: string;
  /** A v2 endpoint (the store's information): the same host, token and quota. */
  v2?: boolean;
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /** See RunOptions.idempotent: true if the call may be repeated blindly after a 5xx or a network failure. */
  idempotent: boolean;
  ctx: ErrorContext;
  signal?: AbortSignal;
  /** See RunOptions.stopSignal: ends the call only while it is not yet sent. */
  stopSignal?: AbortSignal;
  /** Refusals the caller reads itself rather than getting as an error (a delete's partial 422, a duplicate code's 409). */
  accept?: readonly number[];
}

/** A 2xx answer (or a refusal the call accepts, which the caller reads): its status and body text. */
export interface ApiAnswer {
  status: number;
  text: string;
}

export type Send = (call: ApiCall) => Promise<ApiAnswer>;

export function createTransport(opts: TransportOptions): Send {
  const fetchFn = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const base = `${opts.apiOrigin ?? DEFAULT_API_ORIGIN}/stores/${encodeURIComponent(opts.storeHash)}/v3`;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return async function send(call: ApiCall): Promise<ApiAnswer> {
    const url = new URL((call.v2 ? base.replace(/\/v3$/, '/v2') : base) + call.path);
    for (const [k, v] of Object.entries(call.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    // The API wants `id:in` with a literal colon; URLSearchParams would encode it as %3A.
    const href = url.href.replace(/id%3Ain=/g, 'id:in=').replace(/%2C/g, ',');
    const headers: Record<string, string> = {
      'X-Auth-Token': opts.token,
      Accept: 'application/json',
    };
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
      res = await opts.governor.run(call.endpoint, attempt, {
        signal: call.signal,
        stopSignal: call.stopSignal,
        idempotent: call.idempotent,
      });
    } catch (e) {
      if (e instanceof GovernorError) {
        if (e.ambiguous) throw new ApiError('ambiguous', said('errors.ambiguous'), e.status);
        if (e.kind === 'rate-limited') throw busyError();
        if (e.kind === 'server' && e.status) throw errorForStatus(e.status, '', call.ctx);
        throw networkError();
      }
      throw e; // aborts propagate untouched
    }
    if (refused) throw refused;
    if (res.status >= 200 && res.status < 300) return { status: res.status, text };
    if (call.accept?.includes(res.status)) return { status: res.status, text };
    throw errorForStatus(res.status, text, call.ctx);
  };
}

/** Reads a body as JSON of the given schema; anything else is a 'bad-response' ApiError about `what`. */
export function parseBody<S extends z.ZodType>(
  schema: S,
  text: string,
  what: Unreadable,
): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badResponse(what, text.trim() ? `not JSON: ${text.trim().slice(0, 60)}` : 'empty body');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badResponse(
      what,
      issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'unexpected shape',
    );
  }
  return parsed.data;
}
