/**
 * Where a job's stop is marked apart from its record: the merchant's pause or cancel before it
 * is acted on, and every move into a stop before its status is written (status.ts). A worker
 * restarted after a stop that storage could not record (a full disk, a worker that died first)
 * still finds the mark, and the job waits for a person's Resume instead of carrying on. The
 * background keeps the marks in session storage: not the records' database, and alive exactly
 * as long as a worker restart may carry a job on (a browser restart never does for a job that
 * writes).
 */
export interface StopMarks {
  add(jobId: string): Promise<void>;
  has(jobId: string): Promise<boolean>;
  remove(jobId: string): Promise<void>;
}
