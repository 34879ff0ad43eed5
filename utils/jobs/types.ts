/**
 * What the pages see of jobs (types only). A job's kind is the name of one definition in the
 * list of kinds (utils/jobs/kinds/index.ts), which also types the requests (JobRequest there).
 */
import type { z } from 'zod';
import type { GenerateParamsSchema, PatternParamsSchema, PurgeModeSchema } from './schemas';
import type { Usage } from '../codes/usage';
import type { ErrorWords, FileKind, JobPhase, JobStatus, Said, WaitReason } from '../vocabulary';

/** Settings a merchant chooses for generated codes; ranges are the API's own (codegen). */
export type GenerateParams = z.infer<typeof GenerateParamsSchema>;
export type PatternParams = z.infer<typeof PatternParamsSchema>;
export type PurgeMode = z.infer<typeof PurgeModeSchema>;
export type { JobStatus, FileKind } from '../vocabulary';

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
  /** Why it failed, said (fileSave.*), or the sentence of a record stored before. */
  error: ErrorWords | null;
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

/**
 * Words for the merchant: a catalogue key and its values (utils/vocabulary.ts), which the page
 * puts in the merchant's language (`say`, utils/ui/say.ts).
 */
export type Words = Said;

/** A job's own words, said by its kind's definition in the background: the page only shows them. */
export interface JobWords {
  /** "Generate codes", "Usage report": the job card's title. */
  title: Words;
  /** What it is doing, the progress bar's name ("Generating codes", "Finding codes to delete"). */
  doing: Words;
  /** How it ended (completed, cancelled or failed, with what it did); null while it has not. */
  ended: Words | null;
  /** Once it ended, what else the merchant should know (a generate's codes it could not claim). */
  note: Words | null;
  /** The usage chart's lead ("Before the purge:"), or null. */
  usageLead: Words | null;
  /** Each of its files' download button. */
  files: Partial<Record<FileKind, Words>>;
}

/** What the UI sees of a job: never holds a token. */
export interface JobView extends JobFacts {
  /** Creates or deletes codes, so holds its promotion: one such job at a time there. */
  writes: boolean;
  /** Its plan waits for the merchant's word in the purge dialog ("Review and confirm"). */
  reviewable: boolean;
  /** Its files can be downloaded while it is under way (a purge's backup, before deleting). */
  earlyFiles: boolean;
  /** Codes it has added to (+) or taken from (−) its promotion so far. */
  codesChanged: number;
  words: JobWords;
}

/** A job's facts, from its record; its kind's definition adds what they mean (JobView). */
export interface JobFacts {
  id: string;
  /** The name of its kind's definition (utils/jobs/kinds/index.ts). */
  kind: string;
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
    skipped?: Array<{ line: number; reason: ErrorWords }>;
  };
  error: ErrorWords | null;
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
  jobKind: string;
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
