/**
 * An in-memory Spool for unit tests of the job runners (and the bench's engine runs). Rows are cloned on the way in and
 * out, as IndexedDB does, so a test cannot pass only because it shares arrays with the spool.
 */
import type { Spool } from '../../utils/storage/spool';
import { checkJobId, checkKey, checkRows } from '../../utils/storage/spool-keys';

export function createMemorySpool(): Spool {
  const jobs = new Map<string, Map<number, unknown[]>>();

  const job = (jobId: string): Map<number, unknown[]> | undefined => jobs.get(jobId);
  const sortedNumbers = (jobId: string): number[] =>
    [...(job(jobId)?.keys() ?? [])].sort((a, b) => a - b);

  return {
    async putChunk(jobId, chunkNo, rows) {
      checkKey(jobId, chunkNo);
      checkRows(rows);
      let chunks = jobs.get(jobId);
      if (!chunks) jobs.set(jobId, (chunks = new Map()));
      chunks.set(chunkNo, structuredClone(rows));
    },
    async getChunk(jobId, chunkNo) {
      checkKey(jobId, chunkNo);
      const rows = job(jobId)?.get(chunkNo);
      return rows ? structuredClone(rows) : null;
    },
    async hasChunk(jobId, chunkNo) {
      checkKey(jobId, chunkNo);
      return job(jobId)?.has(chunkNo) ?? false;
    },
    async chunkNumbers(jobId) {
      checkJobId(jobId);
      return sortedNumbers(jobId);
    },
    async rowCount(jobId) {
      checkJobId(jobId);
      let n = 0;
      for (const rows of job(jobId)?.values() ?? []) n += rows.length;
      return n;
    },
    async *chunks(jobId) {
      checkJobId(jobId);
      // Numbers fixed at the start; a chunk deleted meanwhile is skipped, like a cursor would.
      for (const chunkNo of sortedNumbers(jobId)) {
        const rows = job(jobId)?.get(chunkNo);
        if (rows) yield { chunkNo, rows: structuredClone(rows) };
      }
    },
    async deleteChunk(jobId, chunkNo) {
      checkKey(jobId, chunkNo);
      const chunks = job(jobId);
      chunks?.delete(chunkNo);
      if (chunks?.size === 0) jobs.delete(jobId);
    },
    async clear(jobId) {
      checkJobId(jobId);
      jobs.delete(jobId);
    },
    async jobIds() {
      return [...jobs.keys()].filter((id) => (jobs.get(id)?.size ?? 0) > 0);
    },
  };
}
