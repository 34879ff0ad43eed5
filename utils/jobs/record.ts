/** What is persisted of a job (types only): the view's facts plus what a restarted worker needs. */
import type { Usage } from '../codes/usage';
import type { CreateCheckpoint } from './create-codes';
import type { DeleteOneCheckpoint } from './delete-one';
import type { GenerateCheckpoint } from './generate';
import type { PurgeCheckpoint } from './purge';
import type { ScanCheckpoint } from './scan-checkpoint';
import type { JobFile, JobStatus, WaitReason } from './types';
import type { ErrorWords, JobPhase } from '../vocabulary';

/**
 * The request as its kind keeps it: what every request names, and the kind's own fields (its
 * schema's, less what went to the spool, plus what its intake noted: utils/jobs/kinds/).
 */
export interface StoredRequest {
  kind: string;
  storeHash: string;
  promotionId: number;
}

export interface JobRecord<R extends StoredRequest = StoredRequest> {
  id: string;
  /** The name of its kind's definition (utils/jobs/kinds/index.ts). */
  kind: string;
  storeHash: string;
  promotionId: number;
  promotionName: string | null;
  request: R;
  /** Where it stands: changed only by its transitions (status.ts), which write it. */
  status: JobStatus;
  done: number;
  total: number | null;
  phase?: JobPhase;
  error: ErrorWords | null;
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
