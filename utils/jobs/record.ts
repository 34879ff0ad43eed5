import type { Usage } from '../codes/usage';
import type { Intake } from './intake';
import type { CreateCheckpoint } from './create-codes';
import type { DeleteOneCheckpoint } from './delete-one';
import type { GenerateCheckpoint } from './generate';
import type { PurgeCheckpoint } from './purge';
import type { ScanCheckpoint } from './scan-checkpoint';
import type {
  JobFile,
  JobKind,
  JobRequest,
  JobStatus,
  JobView,
  PurgeMode,
  WaitReason,
} from './types';
import type { JobPhase } from '../vocabulary';

/** What is persisted of a job: the view's facts plus what a restarted worker needs. */
export interface JobRecord {
  id: string;
  kind: JobKind;
  storeHash: string;
  promotionId: number;
  promotionName: string | null;
  /**
   * The request as made, minus a purge list's codes (those live in the spool); an import also
   * keeps how many codes its file held and how many of its lines were rejected on reading.
   */
  request:
    | Exclude<JobRequest, { kind: 'purge' | 'import' }>
    | (Extract<JobRequest, { kind: 'import' }> & { fileCodes?: number; fileRejected?: number })
    | (Omit<Extract<JobRequest, { kind: 'purge' }>, 'csvText'> & {
        listSize?: number;
        skippedLines?: number;
        /** The first few lines skipped, with why (the merchant is told which). */
        skipped?: Array<{ line: number; reason: string }>;
      });
  status: JobStatus;
  done: number;
  total: number | null;
  phase?: JobPhase;
  error: string | null;
  files: JobFile[];
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  /** When it last stopped short of its end (paused, failed, cut off by a restart): how old its plan is on Resume. */
  stoppedAt?: number;
  /**
   * Taken off the lists by the merchant, kept only for its files: a purge's backup stays at
   * least BACKUP_KEEP_MS whatever happens to the job card.
   */
  hidden?: boolean;
  generate?: GenerateCheckpoint;
  /** Import and pattern jobs. */
  create?: CreateCheckpoint;
  /** "Delete this code": the code as read, and whether it is gone. */
  deleteOne?: DeleteOneCheckpoint;
  /** An export's reading of how the promotion's codes are used (a purge's stays in its checkpoint). */
  usage?: Usage | null;
  scan?: ScanCheckpoint;
  purge?: PurgeCheckpoint;
}

export interface LiveState {
  ratePerSecond: number;
  etaMs: number | null;
  wait: WaitReason | null;
}

export function toView(r: JobRecord, live?: LiveState): JobView {
  const view: JobView = {
    id: r.id,
    kind: r.kind,
    storeHash: r.storeHash,
    promotionId: r.promotionId,
    promotionName: r.promotionName,
    status: r.status,
    progress: {
      done: r.done,
      total: r.total,
      phase: r.phase,
      ratePerSecond: r.status === 'running' ? (live?.ratePerSecond ?? 0) : 0,
      etaMs: r.status === 'running' ? (live?.etaMs ?? null) : null,
      wait: r.status === 'running' ? (live?.wait ?? null) : null,
    },
    error: r.error,
    // Where the browser saved a file stays in the background (a path names the user's folders).
    files: r.files.map((f) =>
      f.saved?.path ? { ...f, saved: { ...f.saved, path: undefined } } : f,
    ),
    usage: r.usage ?? r.purge?.usage ?? null, // a purge's reading stays in its checkpoint
    ...(r.request.kind === 'delete-code'
      ? { deleteCode: { code: r.deleteOne?.row?.code ?? r.request.code } }
      : {}),
    reportOnly: r.request.kind === 'export' && r.request.reportOnly === true,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    finishedAt: r.finishedAt,
  };
  if (r.kind === 'generate' && r.generate) {
    view.generate = {
      unattributed: r.generate.unattributed ?? 0,
      unanswered: r.generate.unanswered ?? 0,
      lost: r.generate.lost ?? 0,
      cutOff: r.generate.cutOff ?? 0,
    };
  }
  if ((r.kind === 'import' || r.kind === 'pattern') && r.create) {
    view.create = {
      created: r.create.created,
      rejected:
        r.create.rejected + (r.request.kind === 'import' ? (r.request.fileRejected ?? 0) : 0),
      clashes: r.create.clashes,
    };
  }
  if (r.kind === 'purge' && r.purge && r.request.kind === 'purge') {
    view.purge = {
      plannedAt: r.purge.plannedAt ?? null,
      readingMs: r.purge.readingMs ?? 0,
      mode: r.request.mode as PurgeMode,
      targetCount: r.purge.targetCount,
      notFound: r.purge.notFound,
      deleted: r.purge.deleted,
      failed: r.purge.failed,
      kept: r.purge.kept ?? 0,
      gone: r.purge.gone ?? 0,
      unchecked: r.purge.unchecked ?? 0,
      outcomes: r.purge.outcomes ?? false,
      fileCodes: r.request.listSize ?? null,
      skippedLines: r.request.skippedLines ?? null,
      skipped: r.request.skipped ?? [],
    };
  }
  return view;
}

/** A new job's record, queued. A purge list's codes are not kept in it (they go to the spool): only their count. */
export function newRecord(
  id: string,
  request: JobRequest,
  promotionName: string | null,
  at: number,
  extra: Intake['extra'],
): JobRecord {
  let kept: JobRecord['request'];
  if (request.kind === 'purge') {
    const { csvText: _text, ...rest } = request;
    kept = { ...rest, ...(extra ?? {}) };
  } else kept = { ...request, ...(extra ?? {}) } as JobRecord['request'];
  return {
    id,
    kind: request.kind,
    storeHash: request.storeHash,
    promotionId: request.promotionId,
    promotionName,
    request: kept,
    status: 'queued',
    done: 0,
    total: null,
    error: null,
    files: [],
    createdAt: at,
    updatedAt: at,
    finishedAt: null,
  };
}
