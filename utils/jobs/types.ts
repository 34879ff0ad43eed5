import type { z } from 'zod';
import type { GenerateParamsSchema, JobRequestSchema, PurgeModeSchema } from './schemas';

/** Settings a merchant chooses for generated codes; ranges are the API's own (codegen). */
export type GenerateParams = z.infer<typeof GenerateParamsSchema>;
export type PurgeMode = z.infer<typeof PurgeModeSchema>;
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
  purge?: {
    mode: PurgeMode;
    targetCount: number | null;
    notFound: number | null;
    deleted: number;
    failed: number;
    /** List mode: codes read from the merchant's file, and lines of it that were skipped. */
    fileCodes?: number | null;
    skippedLines?: number | null;
  };
  error: string | null;
  files: JobFile[];
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}
