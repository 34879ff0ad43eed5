/**
 * Errors from the BigCommerce API in plain words. Messages never include the token or
 * request headers: they end up in the UI, in job records and possibly in bug reports.
 */
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
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
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
  const promo = ctx.promotionId != null ? `Promotion ${ctx.promotionId}` : 'The promotion';
  switch (status) {
    case 401:
      return new ApiError(
        'auth',
        `BigCommerce did not accept the access token for store ${ctx.storeHash}: it is wrong or has been revoked. Create a new API account token and save it in the extension's settings.`,
        status,
      );
    case 403:
      return new ApiError(
        'scope',
        ctx.action === 'read'
          ? `The access token for store ${ctx.storeHash} is not allowed to read promotions. Give the API account the Marketing scope (read-only or modify) and save its token again.`
          : `The access token for store ${ctx.storeHash} lacks the Marketing "modify" scope, so it can export codes but not create or delete them. Create an API account with Marketing: modify and save its token.`,
        status,
      );
    case 404:
      return new ApiError(
        'not-found',
        `${promo} was not found in store ${ctx.storeHash}. It may have been deleted.`,
        status,
      );
    case 405:
      return new ApiError(
        'not-bulk',
        `${promo} is not a bulk coupon promotion. These tools work only on coupon promotions that use bulk codes.`,
        status,
      );
    case 400:
    case 422:
      return new ApiError(
        'invalid',
        `BigCommerce refused the request: ${reason ?? `status ${status}`}.`,
        status,
      );
    default:
      if (status >= 500)
        return new ApiError(
          'server',
          `BigCommerce answered with a server error (${status}) several times in a row. Your progress is saved: try Resume in a few minutes.`,
          status,
        );
      return new ApiError(
        'http',
        `BigCommerce answered with an unexpected status ${status}${reason ? `: ${reason}` : ''}.`,
        status,
      );
  }
}

export function networkError(): ApiError {
  return new ApiError(
    'network',
    'Could not reach BigCommerce several times in a row. Check your internet connection; your progress is saved and the job can be resumed.',
  );
}

export function badResponse(what: string, detail: string): ApiError {
  return new ApiError(
    'bad-response',
    `BigCommerce sent a ${what} the extension could not read (${detail.slice(0, 200)}). Nothing was lost: try again, and if it keeps happening, a proxy or network filter may be altering the responses.`,
  );
}

export function busyError(): ApiError {
  return new ApiError(
    'busy',
    "BigCommerce kept refusing requests (429 Too Many Requests) for more than 5 minutes, so the job paused instead of trying for ever. Another app may be using up the store's API quota. Nothing is lost: press Resume later to carry on.",
    429,
  );
}

/** A 3xx: the request was not followed anywhere, so the token went nowhere but BigCommerce. */
export function redirectError(location: string | null): ApiError {
  let where = '';
  try {
    if (location) where = ` to ${new URL(location, 'https://api.bigcommerce.com').host}`;
  } catch {
    where = '';
  }
  return new ApiError(
    'redirect',
    `BigCommerce's address answered with a redirect${where}. The extension never sends your access token anywhere but api.bigcommerce.com, so it stopped here and nothing was sent on. A proxy or network filter may be interfering: try again on another network.`,
  );
}

/** Errors that say "not now" rather than "never": the job pauses and can be resumed. */
export function isTransient(e: unknown): boolean {
  return (
    e instanceof ApiError && (e.kind === 'server' || e.kind === 'network' || e.kind === 'busy')
  );
}
