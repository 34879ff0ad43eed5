/**
 * The protocol between the UI (panel, popup, settings) and the background, as the UI sees it:
 * the views it receives and a typed `sendMessage`. The message table itself (schemas,
 * handlers) is background-only (table.ts); only its types come in here, so no zod reaches
 * a page.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { JobView } from '../jobs/types';
import type { ProtocolMap } from './table';

export type { ProtocolMap, MessageName } from './table';
export type { TokenCheck } from '../api/check-token';
export type { ImportPreview } from '../jobs/import-drafts';
export type { CodeLookup } from './codes';

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

/** A reply that can fail with a message in plain words; errors never carry the token. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export type ControlAction = 'pause' | 'resume' | 'cancel' | 'rescan';

export const messaging = defineExtensionMessaging<ProtocolMap>();
export const { sendMessage, onMessage } = messaging;

/** Name of the runtime Port on which the background pushes job updates to open UIs. */
export const JOBS_PORT = 'jobs-feed';
/** What the background pushes on the jobs port: the full list each time (small, throttled). */
export interface JobsFeedMessage {
  type: 'jobs';
  jobs: JobView[];
}
