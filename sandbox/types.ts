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
}

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
  seed?: { bulkCodes?: number; random?: number };
  rng?: () => number;
}

export type ConfigurableOptions = Partial<
  Pick<SandboxOptions, 'plan' | 'limits' | 'latencyMs' | 'jitterMs' | 'faults' | 'windowMs' | 'quota'>
>;

export type EndpointKey =
  | 'promotions'
  | 'promotion'
  | 'codegen'
  | 'listCodes'
  | 'createCode'
  | 'deleteCodes'
  | 'deleteCode'
  | 'other';

export const ENDPOINT_KEYS: readonly EndpointKey[] = [
  'promotions',
  'promotion',
  'codegen',
  'listCodes',
  'createCode',
  'deleteCodes',
  'deleteCode',
  'other',
];

export interface EndpointStats {
  requests: number;
  maxInFlight: number;
  status429: number;
  status429NoHeaders: number;
  errors500: number;
  dropped: number;
}

export interface SandboxStats {
  perEndpoint: Record<EndpointKey, EndpointStats>;
  quota429: number;
  concurrency429: number;
  codes: Record<number, number>;
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
}

export interface CodeView {
  id: number;
  code: string;
  current_uses: number;
  max_uses: number;
  max_uses_per_customer: number;
  created: string;
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
  reset(): void;
  close(): Promise<void>;
}
