/**
 * What the background tells the pages: the views they receive, the replies' shape and the
 * actions they may ask of a job. Types only (check-house refuses anything else here), so every
 * room may take them without pulling a line of code along, and no module of the message table
 * needs the protocol's index (which imports the table) for them.
 */
import type { CouponCode } from '../api/schemas';
import type { JobView } from '../jobs/types';
import type { CONTROL_ACTIONS, ErrorWords } from '../vocabulary';

export type { TokenCheck } from '../api/check-token';
export type { ImportPreview } from '../jobs/import-drafts';

/** What the UI may learn about a connected store: never the token. */
export interface StoreView {
  storeHash: string;
  /** 'modify' can do everything; 'read-only' can export only. */
  access: 'modify' | 'read-only' | 'unknown';
  /** What the merchant calls it: the store's own name (when the token may read it) or theirs. */
  name?: string | null;
  /** The merchant named it in the settings: the store's name no longer replaces it. */
  renamed?: boolean;
  addedAt: number;
  lastCheckedAt: number | null;
}

export interface PromotionInfo {
  id: number;
  name: string;
  redemptionType: 'AUTOMATIC' | 'COUPON';
  couponType: 'SINGLE' | 'BULK' | null;
  /** Codes the promotion holds (bulk coupon promotions only). */
  codeCount: number | null;
  /** As the store says it ('ENABLED', 'DISABLED'...); null when it did not say. */
  status?: string | null;
}

/** One of a store's bulk coupon promotions, as the manager page lists it. */
export interface ListedPromotion {
  id: number;
  name: string;
  status: string | null;
}

export interface PromotionRow extends ListedPromotion {
  /** Null when the store could not count them just now (the row says so; the panel counts again). */
  codeCount: number | null;
}

/** One page of a store's bulk coupon promotions whose name matches a filter. */
export interface PromotionPage {
  storeHash: string;
  promotions: PromotionRow[];
  /** The page shown (1-based), within 1..pages. */
  page: number;
  pages: number;
  pageSize: number;
  /** The filter this page matched (trimmed), and how many promotions match it on all pages. */
  filter: string;
  matching: number;
  /** The store's bulk coupon promotions, whatever the filter (0: it has none yet). */
  total: number;
  /** When the list was read from the store: it is kept for two minutes, "Refresh" reads it again. */
  loadedAt: number;
}

/** What "Find" answers: the code with its uses and limits, and the promotion holding it. */
export type CodeLookup =
  | { found: false; code: string }
  | {
      found: true;
      code: CouponCode;
      promotion: { id: number; name: string; status: string | null; bulk: boolean } | null;
    };

/** A reply as the page reads it: a failure in plain words (the bridge words what came); never the token. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** A reply as the background sends it: a failure as a key and its values (utils/vocabulary.ts). */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorWords };

/** What a page may ask of a job (the controlJob message). */
export type ControlAction = (typeof CONTROL_ACTIONS)[number];

/** What the background pushes on the jobs port: the full list each time (small, throttled). */
export interface JobsFeedMessage {
  type: 'jobs';
  jobs: JobView[];
}
