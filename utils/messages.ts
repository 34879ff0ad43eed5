import { defineExtensionMessaging } from '@webext-core/messaging';
import type { JobRequest, JobView } from './jobs/types';

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

/** The result of checking a token live against the API. */
export interface TokenCheck {
  ok: boolean;
  access: StoreView['access'];
  /** Plain words for the merchant when not ok, or when a scope is missing. */
  message: string;
}

/** A reply that can fail with a message in plain words; errors never carry the token. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export type ControlAction = 'pause' | 'resume' | 'cancel' | 'confirm';

export interface ProtocolMap {
  getStore(data: { storeHash: string }): Result<StoreView | null>;
  listStores(): Result<StoreView[]>;
  saveStore(data: { storeHash: string; token: string }): Result<TokenCheck>;
  removeStore(data: { storeHash: string }): Result<null>;
  openOptions(data: { storeHash?: string }): Result<null>;
  getPromotion(data: { storeHash: string; promotionId: number }): Result<PromotionInfo>;
  listBulkPromotions(data: { storeHash: string }): Result<PromotionInfo[]>;
  startJob(data: JobRequest): Result<{ jobId: string }>;
  controlJob(data: { jobId: string; action: ControlAction }): Result<null>;
  listJobs(data?: { storeHash?: string }): Result<JobView[]>;
  downloadFile(data: { jobId: string; fileKind: 'generated' | 'export' | 'purge-backup' }): Result<null>;
  removeJob(data: { jobId: string }): Result<null>;
}

export const messaging = defineExtensionMessaging<ProtocolMap>();
export const { sendMessage, onMessage } = messaging;

/** Name of the runtime Port on which the background pushes job updates to open UIs. */
export const JOBS_PORT = 'jobs-feed';
/** What the background pushes on the jobs port: the full list each time (small, throttled). */
export interface JobsFeedMessage {
  type: 'jobs';
  jobs: JobView[];
}
