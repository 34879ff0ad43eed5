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
