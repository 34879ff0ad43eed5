import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';
import { JobRequestSchema, type JobRequest, type JobView } from './jobs/types';

/** Store hashes are short lowercase alphanumerics (the `{hash}` in store-{hash}.mybigcommerce.com). */
export const StoreHashSchema = z.string().regex(/^[a-z0-9]{1,32}$/);
export const PromotionIdSchema = z.number().int().positive();
export const JobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

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

export const ControlActionSchema = z.enum(['pause', 'resume', 'cancel', 'confirm']);
export type ControlAction = z.infer<typeof ControlActionSchema>;

/**
 * Runtime schemas for every message the background accepts: whatever a sender claims,
 * the background parses it first (see utils/background/handlers).
 */
export const MessageSchemas = {
  getStore: z.object({ storeHash: StoreHashSchema }),
  listStores: z.undefined().or(z.null()).or(z.object({})),
  saveStore: z.object({ storeHash: StoreHashSchema, token: z.string().min(1).max(200) }),
  removeStore: z.object({ storeHash: StoreHashSchema }),
  openOptions: z.object({ storeHash: StoreHashSchema.optional() }),
  getPromotion: z.object({ storeHash: StoreHashSchema, promotionId: PromotionIdSchema }),
  listBulkPromotions: z.object({ storeHash: StoreHashSchema }),
  startJob: JobRequestSchema,
  controlJob: z.object({ jobId: JobIdSchema, action: ControlActionSchema }),
  listJobs: z.object({ storeHash: StoreHashSchema.optional() }).optional(),
  downloadFile: z.object({ jobId: JobIdSchema, fileKind: z.enum(['generated', 'export', 'purge-backup']) }),
  removeJob: z.object({ jobId: JobIdSchema }),
} as const;

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
