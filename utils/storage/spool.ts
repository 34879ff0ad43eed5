/**
 * The per-job row spool: rows are stored as they arrive, one chunk (an API page, a generate
 * batch) per key, so a job survives a service-worker restart and a CSV can be built from
 * disk instead of from memory. A jobId is opaque: `${id}:backup`, `${id}:targets` and `${id}`
 * are three independent spools.
 */
export interface Spool {
  /** Store one chunk (e.g. one API page or one generate batch) under its position; idempotent for the same key. */
  putChunk(jobId: string, chunkNo: number, rows: unknown[]): Promise<void>;
  /** One chunk's rows, or null when that chunk was never stored (or was deleted). */
  getChunk(jobId: string, chunkNo: number): Promise<unknown[] | null>;
  hasChunk(jobId: string, chunkNo: number): Promise<boolean>;
  /** Stored chunk numbers, ascending. */
  chunkNumbers(jobId: string): Promise<number[]>;
  /** Rows over all chunks of the job. */
  rowCount(jobId: string): Promise<number>;
  /**
   * Chunks in ascending chunkNo, read a few at a time so memory stays flat. Writes made while
   * iterating may or may not be seen (chunks are read ahead in small batches).
   */
  chunks(jobId: string): AsyncIterable<{ chunkNo: number; rows: unknown[] }>;
  deleteChunk(jobId: string, chunkNo: number): Promise<void>;
  /** Deletes every chunk of this jobId (and only this one: `${id}:backup` is another spool). */
  clear(jobId: string): Promise<void>;
  /** Every jobId holding at least one chunk: to find spools whose job is gone. */
  jobIds(): Promise<string[]>;
}
