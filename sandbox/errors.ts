/**
 * Error bodies. BigCommerce's are not uniform, and clients must parse them
 * tolerantly, so the sandbox deliberately varies them the way the spec does:
 *
 *  400 bad JSON           {status:"400", title, type, detail}   spec ErrorResponse400 (status is a string there)
 *  401 no/unknown token   {status:401, title, type, detail}     not in the spec; gateway style, numeric status
 *  403 read-only token    {status:"403", title, error}          spec ErrorResponse403
 *  404 unknown promotion  {errors:[{status:404, title, ...}]}   spec ErrorResponse
 *  404 unknown route/store{status:404, title, type, detail}     gateway style
 *  405 not a bulk promo / wrong method
 *                         {status:"405", title, error}          spec ErrorResponse405
 *  409 duplicate code     {status:409, title, type, detail}     not in the spec
 *  413 / 414              {status:N, title, type, detail}       gateway style
 *  422 validation         {errors:[{status:422, title, type, detail}]}  spec ErrorResponse
 *  422 bulk delete        {errors:[{status, title, type, errors?}], meta:{total, success, failed}}  spec BulkDeleteResponse
 *  429 quota/concurrency  {status:429, title, type, detail}     with rate-limit headers
 *  429 platform burst     {status:429, title, error}            without rate-limit headers
 *  500 injected fault     {errors:[{status:500, title, detail}]}
 */
export const STATUS_TYPE =
  'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';

export interface ErrorItem {
  status: number;
  title: string;
  type?: string;
  detail?: string;
}

export function gateway(status: number, title: string, detail: string): object {
  return { status, title, type: STATUS_TYPE, detail };
}

export const errors = {
  badJson: (detail: string) => ({ status: '400', title: 'Bad Request', type: STATUS_TYPE, detail }),
  unauthorized: (detail: string) => gateway(401, 'Unauthorized', detail),
  noInformationScope: () => ({
    status: '403',
    title: "You don't have a required scope to access the endpoint",
    error:
      'This access token lacks the Information & settings scope (store_v2_information_read_only).',
  }),
  forbidden: () => ({
    status: '403',
    title: "You don't have a required scope to access the endpoint",
    error:
      'This access token has the read-only Marketing scope; modify (store_v2_marketing) is required.',
  }),
  promotionNotFound: (id: string) => ({
    errors: [{ status: 404, title: `Promotion with id ${id} not found.`, type: STATUS_TYPE }],
  }),
  routeNotFound: (detail = 'The requested resource was not found.') =>
    gateway(404, 'Not Found', detail),
  storeNotFound: (hash: string) => gateway(404, 'Not Found', `Store ${hash} was not found.`),
  notBulk: () => ({
    status: '405',
    title: 'Method Not Allowed',
    error:
      "Bulk coupon codes are only supported for promotions with redemption_type 'COUPON' and coupon_type 'BULK'.",
  }),
  methodNotAllowed: (method: string, allow: string[]) => ({
    status: '405',
    title: 'Method Not Allowed',
    error: `${method} is not allowed here; allowed: ${allow.join(', ')}.`,
  }),
  conflict: (detail: string) => gateway(409, 'Conflict', detail),
  tooLarge: () => gateway(413, 'Payload Too Large', 'Request bodies are limited to 1 MB.'),
  uriTooLong: () => gateway(414, 'URI Too Long', 'The query string is limited to 16 KB.'),
  invalid: (details: string[]) => ({
    errors: details.map((detail): ErrorItem => ({
      status: 422,
      title: 'Input is invalid',
      type: STATUS_TYPE,
      detail,
    })),
  }),
  tooManyRequests: (detail: string) => gateway(429, 'Too Many Requests', detail),
  platformBusy: () => ({
    status: 429,
    title: 'Too Many Requests',
    error: 'The platform is under heavy load. Please retry later.',
  }),
  internal: () => ({
    errors: [
      { status: 500, title: 'Internal Server Error', detail: 'Injected fault: nothing was done.' },
    ],
  }),
  bulkDelete: (
    title: string,
    meta: { total: number; success: number; failed: number },
    perItem?: Record<string, string>,
  ) => ({
    errors: [{ status: 422, title, type: STATUS_TYPE, ...(perItem ? { errors: perItem } : {}) }],
    meta,
  }),
};
