import type { z } from 'zod';
import type {
  GenerateParamsSchema,
  JobRequestSchema,
  PatternParamsSchema,
  PurgeModeSchema,
} from './schemas';
import type { Usage } from '../codes/usage';
import type { FileKind, JobKind, JobPhase, JobStatus, WaitReason } from '../vocabulary';

/** Settings a merchant chooses for generated codes; ranges are the API's own (codegen). */
export type GenerateParams = z.infer<typeof GenerateParamsSchema>;
export type PatternParams = z.infer<typeof PatternParamsSchema>;
export type PurgeMode = z.infer<typeof PurgeModeSchema>;
export type JobRequest = z.infer<typeof JobRequestSchema>;
export type { JobKind, JobStatus, FileKind } from '../vocabulary';

export type { WaitReason } from '../vocabulary';

export interface JobProgress {
  /** Units done: codes generated, exported, deleted (or scanned, in a purge's scan phase). */
  done: number;
  /** Units expected; null until known (first page of an export). */
  total: number | null;
  /** Phase of a multi-phase job (a purge's scan, then its deletes). */
  phase?: JobPhase;
  /** Codes per second over the last few seconds. */
  ratePerSecond: number;
  /** Estimated ms left; null when unknown. */
  etaMs: number | null;
  wait: WaitReason | null;
}

/** The last time a file was handed to the browser's downloads, and how that went. */
export interface FileSave {
  state: 'saving' | 'saved' | 'failed';
  downloadId: number | null;
  /** Why it failed, in plain words. */
  error: string | null;
  at: number;
  /** Where the browser saved it (full path), as it said when the download completed. */
  path?: string;
}

export interface JobFile {
  kind: FileKind;
  filename: string;
  rows: number;
  /** When the file's rows were complete. */
  createdAt?: number;
  /** Size of the CSV when last built; null until then. */
  bytes?: number | null;
  saved?: FileSave;
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
  /** Generate: what the job could not attribute to itself, and why that may be. */
  generate?: {
    /** Codes the promotion gained that the job cannot prove it made (listed in their own file). */
    unattributed: number;
    /** Requests whose answer never arrived. */
    unanswered: number;
    /** Codes the job made that someone else deleted meanwhile (made again). */
    lost: number;
    /** Times the job was stopped with requests under way (a worker stop, a browser restart). */
    cutOff: number;
  };
  /** Import and pattern jobs: codes made, lines rejected (on reading the file, or by the store), pattern clashes replaced. */
  create?: {
    created: number;
    rejected: number;
    clashes: number;
  };
  /** Purge: the dry-run count once the scan is done; list mode: codes in the file not found. */
  purge?: {
    /** When the plan's first page was read, and how long reading it took (see planIdleMs). */
    plannedAt: number | null;
    readingMs?: number;
    mode: PurgeMode;
    targetCount: number | null;
    notFound: number | null;
    deleted: number;
    failed: number;
    /** Unused mode: codes of the plan kept (redeemed since the scan), already gone, or not seen again just before deleting. */
    kept?: number;
    gone?: number;
    unchecked?: number;
    /** The backup was made again saying what became of each code. */
    outcomes?: boolean;
    /** List mode: codes read from the merchant's file, and lines of it that were skipped. */
    fileCodes?: number | null;
    skippedLines?: number | null;
    /** The first few skipped lines, with why. */
    skipped?: Array<{ line: number; reason: string }>;
  };
  error: string | null;
  files: JobFile[];
  /** Exports and purges: how the promotion's codes are used (null until read). */
  usage: Usage | null;
  /** An export that only reports usage (no file). */
  reportOnly: boolean;
  /** "Delete this code": which code. */
  deleteCode?: { code: string };
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

/** A file kept in the extension, as the settings page lists it. */
export interface KeptFileView {
  jobId: string;
  jobKind: JobKind;
  kind: FileKind;
  filename: string;
  rows: number;
  /** Size of the CSV when last built; null if never built. */
  bytes: number | null;
  storeHash: string;
  promotionId: number;
  promotionName: string | null;
  createdAt: number;
  /** A purge's backup: kept at least until then; removing it sooner asks first. */
  keepUntil: number | null;
  /** Its job still shows in the lists (else it was removed from them and is kept for this file). */
  listed: boolean;
}
