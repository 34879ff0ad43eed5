/**
 * Errors from the BigCommerce API, said as a catalogue key and its values (`said`), which the
 * page words in the merchant's language. Values never include the token or request headers:
 * they end up in the UI, in job records and possibly in bug reports.
 */
import { i18n } from '#i18n';
import { said, type ErrorWords } from '../vocabulary';

export type ApiErrorKind =
  | 'auth' // 401
  | 'scope' // 403
  | 'not-found' // 404
  | 'not-bulk' // 405
  | 'invalid' // 400 / 422
  | 'too-many-ids' // 422 on a delete batch larger than the store accepts
  | 'server' // 5xx after retries
  | 'network' // no response after retries
  | 'ambiguous' // a non-idempotent call failed without telling whether it happened
  | 'bad-response' // a body we cannot read
  | 'redirect' // a 3xx: never followed, the token would go with it
  | 'busy' // 429s past the time budget
  | 'locked' // another writing job holds the promotion
  | 'stale' // a purge plan too old to act on
  | 'no-backup' // a purge's backup is not on disk yet
  | 'http'; // any other status

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    /** What the merchant reads, worded by the page (a plain sentence only from before). */
    readonly said: ErrorWords,
    readonly status?: number,
  ) {
    super(plainWords(said));
  }
}

/**
 * The background's own wording, in the browser's language: for logs, tests, and the words a
 * file carries (a rejected line's reason). The pages word what they show themselves.
 */
export function plainWords(words: ErrorWords): string {
  if (typeof words === 'string') return words;
  const t = i18n.t as unknown as (key: string, ...rest: unknown[]) => string;
  const values = (words.values ?? []).map((v) =>
    typeof v === 'object' ? plainWords(v) : String(v),
  );
  const text = words.count === undefined ? t(words.key, values) : t(words.key, words.count, values);
  const said = text || words.key;
  return words.then?.length ? [said, ...words.then.map(plainWords)].join(' ') : said;
}

/** Pulls a human reason out of any of BigCommerce's error body shapes. */
export function extractReason(body: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const texts: string[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 3 || texts.length >= 4 || v == null) return;
    if (typeof v === 'string') {
      if (v.trim() && !/^https?:\/\//.test(v)) texts.push(v.trim());
      return;
    }
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      // Preferred fields first, in the order BigCommerce fills them.
      for (const key of ['detail', 'title', 'error', 'message']) visit(o[key], depth + 1);
      if (o.errors) visit(o.errors, depth + 1);
      if (!o.errors && !o.title && !o.detail && !o.error && depth > 0)
        Object.values(o).forEach((x) => visit(x, depth + 1));
    }
  };
  visit(json, 0);
  const unique = [...new Set(texts)].map((t) => t.slice(0, 300));
  return unique.length ? unique.join(' — ') : null;
}

export interface ErrorContext {
  storeHash: string;
  promotionId?: number;
  /** What we were doing, for the 403 wording: exporting needs read, the rest modify. */
  action?: 'read' | 'write';
}

export function errorForStatus(status: number, body: string, ctx: ErrorContext): ApiError {
  const reason = extractReason(body);
  const store = ctx.storeHash;
  const id = ctx.promotionId != null ? String(ctx.promotionId) : null;
  switch (status) {
    case 401:
      return new ApiError('auth', said('errors.auth', [store]), status);
    case 403:
      return new ApiError(
        'scope',
        said(ctx.action === 'read' ? 'errors.scopeRead' : 'errors.scopeWrite', [store]),
        status,
      );
    case 404:
      return new ApiError(
        'not-found',
        id ? said('errors.notFound', [id, store]) : said('errors.notFoundAny', [store]),
        status,
      );
    case 405:
      return new ApiError(
        'not-bulk',
        id ? said('errors.notBulk', [id]) : said('errors.notBulkAny'),
        status,
      );
    case 400:
    case 422:
      return new ApiError(
        'invalid',
        reason ? said('errors.refused', [reason]) : said('errors.refusedStatus', [String(status)]),
        status,
      );
    default:
      if (status >= 500)
        return new ApiError('server', said('errors.server', [String(status)]), status);
      return new ApiError(
        'http',
        reason
          ? said('errors.httpReason', [String(status), reason])
          : said('errors.http', [String(status)]),
        status,
      );
  }
}

export function networkError(): ApiError {
  return new ApiError('network', said('errors.network'));
}

/** What BigCommerce sent that could not be read, as each is named in the catalogue (errors.unreadable.*). */
const UNREADABLE = {
  answer: 'answer',
  promotion: 'promotion',
  'store information': 'storeInfo',
  'promotion list': 'promotionList',
  'page of codes': 'codePage',
  'generate response': 'generateResponse',
  'new code': 'newCode',
  'code lookup': 'codeLookup',
} as const;
export type Unreadable = keyof typeof UNREADABLE;

/** An answer that could not be read: why travels as technical detail, untranslated. */
export function badResponse(what: Unreadable, detail: string): ApiError {
  return new ApiError(
    'bad-response',
    said(`errors.unreadable.${UNREADABLE[what]}`, [detail.slice(0, 200)]),
  );
}

export function busyError(): ApiError {
  return new ApiError('busy', said('errors.busy'), 429);
}

/** A 3xx: the request was not followed anywhere, so the token went nowhere but BigCommerce. */
export function redirectError(location: string | null): ApiError {
  let host = '';
  try {
    if (location) host = new URL(location, 'https://api.bigcommerce.com').host;
  } catch {
    host = '';
  }
  return new ApiError(
    'redirect',
    host ? said('errors.redirectTo', [host]) : said('errors.redirect'),
  );
}

/** Errors that say "not now" rather than "never": the job pauses and can be resumed. */
export function isTransient(e: unknown): boolean {
  return (
    e instanceof ApiError && (e.kind === 'server' || e.kind === 'network' || e.kind === 'busy')
  );
}
