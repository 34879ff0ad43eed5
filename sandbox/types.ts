/** Public option and stats types of the sandbox store (kept apart so every module can import them). */

export type Plan = 'standard' | 'pro' | 'unlimited';
export type LimitsProfile = 'current' | 'legacy';

export interface Faults {
  /** Fraction of API requests answered with a 500 without doing the work. */
  error500?: number;
  /** Fraction of API requests whose work is done, then the socket is destroyed with no response. */
  drop?: number;
  /** Fraction of API requests that start a burst of 429s without rate-limit headers (platform load). */
  burst429?: number;
  /** Length of one burst in ms (extension of the brief; default 1000). */
  burstMs?: number;
  /** Fraction of API requests answered 307 to the sink (another host) before any work is done. */
  redirect?: number;
}

/** Raw strings that replace the X-Rate-Limit-* header values on every API response. */
export interface HostileRateHeaders {
  windowMs?: string;
  resetMs?: string;
  quota?: string;
  left?: string;
}

/** Odd but possible server behaviour, for testing how a client copes (API routes only). */
export interface Hostile {
  rateHeaders?: HostileRateHeaders;
  /** Every API request is answered 429 with rate-limit headers, doing no work. */
  always429?: boolean;
  /** Replaces pagination.total (and total_pages) in list-codes answers. */
  total?: number;
  /** List-codes answers hand back the request's own `after` cursor as end_cursor and in links.next. */
  repeatCursor?: boolean;
  /** List-codes answers to `after` requests are full pages of made-up codes, with a next link, forever. */
  endlessCursor?: boolean;
  /** List answers are padded with JSON whitespace to at least this many bytes. */
  hugeBodyBytes?: number;
  /** List answers are sent without Content-Length (chunked transfer encoding). */
  hugeBodyChunked?: boolean;
}

/** Codes customers redeem: these (exact codes of the promotion), or `count` random unused ones. */
export type RedeemSpec = string[] | { count: number };

export interface SandboxOptions {
  port?: number;
  host?: string;
  plan?: Plan;
  limits?: LimitsProfile;
  windowMs?: number;
  quota?: number;
  latencyMs?: number;
  jitterMs?: number;
  faults?: Faults;
  hostile?: Hostile;
  /**
   * Customers at work: on every list-codes request, up to this many unused codes among those
   * the answer holds are redeemed once just before it is served (0 or absent: none).
   */
  redeemOnList?: number;
  /** `bulkPromotions`: extra bulk promotions (ids 5, 6...) after the four seeded ones, a few codes each (0). */
  seed?: { bulkCodes?: number; bulkPromotions?: number; random?: number };
  rng?: () => number;
}

export type ConfigurableOptions = Partial<
  Pick<
    SandboxOptions,
    | 'plan'
    | 'limits'
    | 'latencyMs'
    | 'jitterMs'
    | 'faults'
    | 'hostile'
    | 'windowMs'
    | 'quota'
    | 'redeemOnList'
  >
>;

export type EndpointKey =
  | 'promotions'
  | 'promotion'
  | 'codegen'
  | 'listCodes'
  | 'createCode'
  | 'deleteCodes'
  | 'deleteCode'
  | 'findCode'
  | 'deleteCodeByCode'
  | 'storeInfo'
  | 'other';

export const ENDPOINT_KEYS: readonly EndpointKey[] = [
  'promotions',
  'promotion',
  'codegen',
  'listCodes',
  'createCode',
  'deleteCodes',
  'deleteCode',
  'findCode',
  'deleteCodeByCode',
  'storeInfo',
  'other',
];

export interface EndpointStats {
  requests: number;
  maxInFlight: number;
  status429: number;
  status429NoHeaders: number;
  errors500: number;
  dropped: number;
  /** Answered 307 to the sink by the redirect fault. */
  redirected: number;
}

export interface SandboxStats {
  perEndpoint: Record<EndpointKey, EndpointStats>;
  quota429: number;
  concurrency429: number;
  codes: Record<number, number>;
  /** Codes deleted through the API (any delete endpoint) and whether each was in use right then. */
  deleted: {
    codes: number;
    /** current_uses > 0 when its DELETE ran. */
    usedAtDelete: number;
    /** Of those, redeemed after a list answer last showed the code: no client could have known. */
    redeemedSinceListed: number;
  };
  /** Redemptions made by customers (redeem(), POST /__sandbox/redeem, redeemOnList). */
  redemptions: number;
}

export interface SeededPromotions {
  bulk: number;
  bulkEmpty: number;
  single: number;
  automatic: number;
}

export interface StoreHandle {
  storeHash: string;
  apiBase: string;
  tokens: { modify: string; readOnly: string };
  promotions: SeededPromotions;
}

export interface CreateStoreOptions {
  hash?: string;
  plan?: Plan;
  limits?: LimitsProfile;
  bulkCodes?: number;
  bulkPromotions?: number;
  /** The store's name, as GET /v2/store tells it (default "Sandbox store {hash}"). */
  storeName?: string;
  /**
   * The tokens also carry Information & settings: read-only (store_v2_information_read_only), so
   * GET /v2/store answers; without it (the default, as a Marketing-only account) it answers 403.
   */
  informationScope?: boolean;
}

export interface CodeView {
  id: number;
  code: string;
  current_uses: number;
  max_uses: number;
  max_uses_per_customer: number;
  created: string;
}

/** Random codes "another app" adds, shaped like codegen's (defaults: 16 characters, 1 use, 1 per customer). */
export interface AddCodesSpec {
  count: number;
  prefix?: string;
  suffix?: string;
  delimiter?: '_' | '-';
  codeLength?: number;
  maxUses?: number;
  maxUsesPerCustomer?: number;
}

/** One request the sink (the "other host") received. */
export interface SinkRequest {
  method: string;
  path: string;
  /** Raw query string without the '?', '' when there was none. */
  query: string;
  /** Whether an X-Auth-Token header arrived (a client leaked the token across hosts). */
  hadToken: boolean;
  /** Date.now() when it arrived. */
  at: number;
}

export interface SandboxSink {
  origin: string;
  requests(): SinkRequest[];
  reset(): void;
}

export interface Sandbox {
  origin: string;
  port: number;
  storeHash: string;
  apiBase: string;
  panelUrl: string;
  tokens: { modify: string; readOnly: string };
  promotions: SeededPromotions;
  cert: { pem: string; spkiSha256: string };
  fetch: typeof fetch;
  createStore(opts?: CreateStoreOptions): StoreHandle;
  configure(partial: ConfigurableOptions): void;
  stats(storeHash?: string): SandboxStats;
  codes(promotionId: number, storeHash?: string): CodeView[];
  /** Another app writing to a promotion: no stats, no quota, no faults. Throws plain Errors. */
  addCodes(promotionId: number, spec: string[] | AddCodesSpec, storeHash?: string): CodeView[];
  /** Customers redeem codes of a bulk promotion (once each; codes with no use left are skipped). Throws plain Errors. */
  redeem(promotionId: number, spec: RedeemSpec, storeHash?: string): CodeView[];
  /** A promotion deleted in the control panel, its codes with it (reset() brings it back). Throws for an unknown one. */
  removePromotion(promotionId: number, storeHash?: string): void;
  /** The second HTTPS server that the redirect fault points at. */
  sink: SandboxSink;
  reset(): void;
  close(): Promise<void>;
}
