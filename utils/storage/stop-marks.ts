/**
 * Jobs' stop marks (utils/jobs/stop-marks.ts) in session storage: kept across worker restarts,
 * gone with the browser session, and apart from the job records, whose writes may be failing.
 * One key a job, so that marks written at once never overwrite each other.
 */
import { storage, type StorageItemKey } from '#imports';

const key = (jobId: string): StorageItemKey => `session:jobStopped:${jobId}`;

export function createSessionStopMarks() {
  return {
    add: (jobId: string) => storage.setItem(key(jobId), true),
    has: async (jobId: string) => (await storage.getItem<boolean>(key(jobId))) === true,
    remove: (jobId: string) => storage.removeItem(key(jobId)),
  };
}
