import { z } from 'zod';
import { JobRequestSchema } from './jobs/schemas';

// Runtime schemas for every message the background accepts: whatever a sender claims, the
// background parses it first. Apart from messages.ts so the content script never bundles zod.

/** Store hashes are short lowercase alphanumerics (the `{hash}` in store-{hash}.mybigcommerce.com). */
export const StoreHashSchema = z.string().regex(/^[a-z0-9]{1,32}$/);
export const PromotionIdSchema = z.number().int().positive();
export const JobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const ControlActionSchema = z.enum(['pause', 'resume', 'cancel', 'confirm']);

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

