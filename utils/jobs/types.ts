import { z } from 'zod';

/** Settings a merchant chooses for generated codes; ranges are the API's own (codegen). */
export const GenerateParamsSchema = z.object({
  count: z.number().int().min(1).max(1_000_000),
  maxUses: z.number().int().min(0).max(100_000),
  maxUsesPerCustomer: z.number().int().min(0).max(100_000),
  prefix: z.string().regex(/^[A-Z0-9_-]*$/).max(20),
  suffix: z.string().regex(/^[A-Z0-9_-]*$/).max(20),
  delimiter: z.enum(['', '-', '_']),
  codeLength: z.number().int().min(6).max(16),
  excludeCharacters: z.array(z.string().regex(/^[A-Z0-9]$/)).max(35),
});
export type GenerateParams = z.infer<typeof GenerateParamsSchema>;

export const PurgeModeSchema = z.enum(['all', 'unused', 'list']);
export type PurgeMode = z.infer<typeof PurgeModeSchema>;

export const JobRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('generate'),
    storeHash: z.string(),
    promotionId: z.number().int().positive(),
    params: GenerateParamsSchema,
  }),
  z.object({
    kind: z.literal('export'),
    storeHash: z.string(),
    promotionId: z.number().int().positive(),
    unusedOnly: z.boolean(),
  }),
  z.object({
    kind: z.literal('purge'),
    storeHash: z.string(),
    promotionId: z.number().int().positive(),
    mode: PurgeModeSchema,
    /** Codes from the merchant's CSV (mode 'list'); parsed in the UI, matched by the background. */
    codes: z.array(z.string().max(50)).max(1_000_000).optional(),
  }),
]);
export type JobRequest = z.infer<typeof JobRequestSchema>;
export type JobKind = JobRequest['kind'];

/**
 * Where a job stands. 'awaiting-confirmation' is a purge whose target set and backup are
 * ready (the dry-run count is known) and which deletes nothing until the merchant confirms.
 * 'interrupted' is a job the browser stopped that waits for the merchant to resume it.
 */
export type JobStatus =
  | 'queued'
  | 'running'
  | 'paused'
  | 'awaiting-confirmation'
  | 'interrupted'
  | 'completed'
  | 'failed'
  | 'cancelled';

export const ACTIVE_STATUSES: readonly JobStatus[] = ['queued', 'running'];
export const FINISHED_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

/** Why a running job is not sending requests right now, in words for the merchant. */
export type WaitReason =
  | { kind: 'quota'; untilMs: number } // "waiting for the store's API quota"
  | { kind: 'rate-limited'; untilMs: number } // 429 from BigCommerce
  | { kind: 'platform-busy'; untilMs: number } // 429 without headers
  | { kind: 'retrying'; untilMs: number; attempt: number } // 500 / network
  | { kind: 'reconciling' }; // checking with the store after an ambiguous failure

export interface JobProgress {
  /** Units done: codes generated, exported, deleted (or scanned, in a purge's scan phase). */
  done: number;
  /** Units expected; null until known (first page of an export). */
  total: number | null;
  /** Phase label for multi-phase jobs ('scan' | 'delete' for purge). */
  phase?: 'scan' | 'delete';
  /** Codes per second over the last few seconds. */
  ratePerSecond: number;
  /** Estimated ms left; null when unknown. */
  etaMs: number | null;
  wait: WaitReason | null;
}

export interface JobFile {
  kind: 'generated' | 'export' | 'purge-backup';
  filename: string;
  rows: number;
}

/** What the UI sees of a job: never holds a token. */
export interface JobView {
  id: string;
  kind: JobKind;
  storeHash: string;
  promotionId: number;
  promotionName: string | null;
  status: JobStatus;
  progress: JobProgress;
  /** Purge: the dry-run count once the scan is done; list mode: codes in the file not found. */
  purge?: { mode: PurgeMode; targetCount: number | null; notFound: number | null; deleted: number; failed: number };
  error: string | null;
  files: JobFile[];
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}
