/**
 * What a job kind is: one definition (one file of this folder) says its request, whether it
 * writes, how a request is taken in, how a job of it runs from its checkpoint and winds down
 * when stopped, its files, and its words. The registry, the runner, the file keeper and the
 * views ask the definition; only the list of kinds (index.ts) names them all.
 */
import type { z } from 'zod';
import type { BigCommerceClient } from '../../api/client';
import type { JobCsvKind } from '../../csv/job-csv';
import type { PlannedJob } from '../../codes/job-estimate';
import type { Spool } from '../../storage/spool';
import type { ImportDrafts } from '../import-drafts';
import type { JobRecord, StoredRequest } from '../record';
import type { JobFacts, JobView, JobWords, WaitReason } from '../types';
import type { ErrorWords, FileKind, JobPhase } from '../../vocabulary';

/** Parallel requests a job keeps going, by what they do; the store's governor caps them anyway. */
export interface Workers {
  list: number;
  generate: number;
  delete: number;
}

/** What a running job has to work with (job-runner.ts gives it). */
export interface RunContext {
  client: BigCommerceClient;
  spool: Spool;
  /** Stops the job: a pause, a cancel, a failure elsewhere. */
  signal: AbortSignal;
  /** Requests already sent: a pause or a cancel lets their answers arrive (never aborted here). */
  requestSignal: AbortSignal;
  workers: Workers;
  now(): number;
  /** Writes the record (its checkpoint). */
  save(): Promise<void>;
  progress(done: number, total: number | null, phase?: JobPhase): void;
  onWait(w: WaitReason | null): void;
  /** Requests the store's quota still allows in this window (null: not known). */
  spendable(): number | null;
  /** When that window ends (null: not known). */
  quotaResetAt(): number | null;
  /** The file's rows are complete: record it and hand it to the browser's downloads. */
  finishFile(kind: FileKind): Promise<void>;
  /** Makes a file and waits until the browser has it on disk: null then, or why it could not. */
  fileOnDisk(kind: FileKind): Promise<ErrorWords | null>;
}

/**
 * How a run that did not throw ended: done, or waiting for the merchant's word. What went
 * wrong on the way (codes the store refused) is in its facts, and its words say it.
 */
export type RunEnd = { awaits: boolean };
export const COMPLETED: RunEnd = { awaits: false };
export const AWAITS_CONFIRMATION: RunEnd = { awaits: true };

/** What winding a stopped job down has (best effort: the job is over either way). */
export interface WindDownContext {
  /** Null when the store cannot be reached any more (its token gone). */
  client: BigCommerceClient | null;
  spool: Spool;
  finishFile(kind: FileKind): Promise<void>;
}

export interface IntakeContext {
  /** The new job's id. */
  jobId: string;
  hasJob(id: string): boolean;
  drafts: ImportDrafts;
}

/** What a request brings beyond itself: what its record keeps, and rows for its spool. */
export interface Intake<R extends StoredRequest> {
  keep: R;
  /** Written once the job exists (cleared again if it cannot be recorded). */
  rows?: { ns: string; write(spool: Spool): Promise<void> };
}

/** Where a file's rows are in the spool, and how the CSV builder filters them. */
export interface FileRows {
  ns: string;
  unusedOnly?: boolean;
  /** A purge's backup made again at its end: each row says what became of the code. */
  outcomes?: boolean;
  /** How it is written, when not as its kind ("For email tools": 'email'). */
  csv?: JobCsvKind;
}

/** Where a file stands, asked of the browser just before it is relied on. */
export type DiskState =
  { onDisk: true } | { onDisk: false; saving: boolean; error: ErrorWords | null };

/** What a confirmation (the merchant's typed word) needs of the registry. */
export interface ConfirmContext {
  now: number;
  disk(kind: FileKind): Promise<DiskState>;
  /** Still waiting for this very confirmation (not cancelled, rescanned, launched or removed meanwhile). */
  stillWaiting(): boolean;
}

type RequestOf<S extends z.ZodType> = z.output<S>;

export interface JobKindDef<
  S extends z.ZodType<StoredRequest> = z.ZodType<StoredRequest>,
  R extends StoredRequest = StoredRequest,
> {
  /** Its name, as its requests and records carry it. */
  kind: string;
  /** Its request, as a page sends it (checked by the background's message listener). */
  schema: S;
  /** Creates or deletes codes: takes the promotion's lock, needs a writable token. */
  writes: boolean;
  /** Its catalogue key, naming it when it holds a promotion another job wants (lock.ts). */
  lockName: string;
  /** Its plan waits for the merchant in the purge dialog ("Review and confirm"). */
  reviewable?: boolean;
  /** Its files can be downloaded while it is under way. */
  earlyFiles?: boolean;
  /** The job's id, when its request brings one (an import takes its draft's). */
  idFor?(request: RequestOf<S>): string;
  /** Readied before the promotion is claimed (may wait). */
  ready?(request: RequestOf<S>, c: IntakeContext): Promise<void>;
  /** Checked and taken in once the promotion is claimed, without waiting. Default: kept as sent. */
  intake?(request: RequestOf<S>, c: IntakeContext): Intake<R>;
  /** What the job will do, for its time estimate (the notifications offer). */
  planned?(request: RequestOf<S>, o: PlanContext): Promise<PlannedJob | null>;
  /** Runs the job from its checkpoint until it ends or waits for the merchant. */
  run(job: JobRecord<R>, c: RunContext): Promise<RunEnd>;
  /** A job cancelled or failed part-way: what it made goes in files like a finished job's. */
  windDown?(job: JobRecord<R>, c: WindDownContext): Promise<void>;
  /** A job stopped with requests possibly under way (a worker or a browser stopping). */
  cutOff?(job: JobRecord<R>): void;
  /** Throws, saying why, when it may not be taken up again now (Resume, a worker's restart). */
  refuseResume?(job: JobRecord<R>, now: number): void;
  /** Taken up again after a stop: what standing still meant for it. */
  takeUp?(job: JobRecord<R>, now: number): void;
  /** "Find the codes again": its plan dropped, to be made afresh; false when it has none to drop. */
  rescan?(job: JobRecord<R>, spool: Spool): Promise<boolean>;
  /** The merchant's word, checked: the job may go on to delete. */
  confirm?(job: JobRecord<R>, c: ConfirmContext): Promise<void>;
  /** The files it makes, where their rows are. */
  files(job: JobRecord<R>): Partial<Record<FileKind, FileRows>>;
  /** A file kept at least until then (its backup, once it deleted), or null. */
  keptUntil?(job: JobRecord<R>, file: FileKind, createdAt: number): number | null;
  /** Its own facts for the pages. */
  view(job: JobRecord<R>): KindFacts;
  /** Codes it has added to (+) or taken from (−) its promotion so far. */
  codesChanged?(job: JobFacts): number;
  words(job: JobFacts): JobWords;
}

/** What a kind adds to a job's facts: its own figures. */
export type KindFacts = Partial<
  Pick<JobView, 'generate' | 'create' | 'purge' | 'deleteCode' | 'usage' | 'reportOnly'>
>;

export interface PlanContext {
  /** The promotion's codes now. */
  codeCount(): Promise<number>;
  /** The job's total as its progress says. */
  total(): Promise<number | null>;
}

/** A kind, checked against what a kind must say; its types follow from its schema. */
export function defineJobKind<
  S extends z.ZodType<StoredRequest>,
  R extends StoredRequest = RequestOf<S>,
>(def: JobKindDef<S, R>): JobKindDef<S, R> {
  return def;
}
