import type { BigCommerceClient } from '../api/client';
import type { Spool } from '../storage/spool';

/**
 * Where a full read of a promotion's codes stands. Saved with the job so a restarted
 * worker carries on: the spool itself says which pages are already in.
 */
export interface ScanCheckpoint {
  /** 'pages': parallel offset reads verified against the total; 'cursor': the sequential walk. */
  mode: 'pages' | 'cursor' | null;
  total: number | null;
  totalPages: number | null;
  /** Cursor mode: the `after` cursor of the next page, and the chunk number it will get. */
  nextCursor: string | null;
  cursorChunk: number;
  cursorDone: boolean;
  /** Why the exact fast path was abandoned, for the record. */
  fallbackReason?: string;
  /** When its first page was read: what it read is that old. */
  firstReadAt?: number | null;
  /** Time it stood still (paused, failed, cut off) over all its stops. */
  stoodStillMs?: number;
}

export const emptyScan = (): ScanCheckpoint => ({
  mode: null,
  total: null,
  totalPages: null,
  nextCursor: null,
  cursorChunk: 0,
  cursorDone: false,
});

export interface ScanDeps {
  client: BigCommerceClient;
  spool: Spool;
  /** Spool namespace holding the raw pages, chunk number = page order. */
  ns: string;
  promotionId: number;
  signal: AbortSignal;
  /** Parallel page reads; the governor enforces the store's real cap anyway. */
  workers: number;
  checkpoint: ScanCheckpoint;
  save(cp: ScanCheckpoint): Promise<void>;
  /** Codes read so far (all of them, before any filter) and the expected total. */
  onProgress(done: number, total: number | null): void;
  now?: () => number;
}
