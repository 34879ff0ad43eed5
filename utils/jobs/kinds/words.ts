/** Words every kind says the same way: how a job ended, its files' buttons. */
import type { JobFacts, Words } from '../types';
import type { Say } from './define';

export const w = (text: string): Words => ({ text });

/** "1 code" / "12,500 codes". */
export const codes = (say: Say, n: number): string => say.plural(n, 'code');

/** "were", or "was" for one code. */
export const were = (say: Say, n: number, what: string): string =>
  `${codes(say, n)} ${n === 1 ? 'was' : 'were'} ${what}`;

/** The files' buttons. */
export const DOWNLOAD_AGAIN = w('Download CSV again');
export const DOWNLOAD_BACKUP = w('Download backup CSV');
export const DOWNLOAD_NOT_MADE = w('Download codes not made by this job');
export const DOWNLOAD_REJECTED = w('Download rejected lines');

export interface Ending {
  /** "Completed: 10,000 codes generated." */
  completed(): string;
  /** What its count did: "generated", "deleted". */
  verb: string;
  /** What stopped, when it failed: "Generating codes". */
  failing: string;
  /** The codes it had done when cancelled (default: its progress). */
  cancelledDone?: number;
  /** Cancelled before doing any (default: "Cancelled."). */
  nothingDone?: string;
}

/** How a job ended, in words; null while it has not. */
export function ended(job: JobFacts, say: Say, e: Ending): Words | null {
  switch (job.status) {
    case 'completed':
      return w(e.completed());
    case 'cancelled': {
      const done = e.cancelledDone ?? job.progress.done;
      if (done === 0) return w(e.nothingDone ?? 'Cancelled.');
      return w(`Cancelled: ${were(say, done, e.verb)} before the job stopped.`);
    }
    case 'failed':
      return w(`${e.failing} stopped: ${job.error?.trim() || 'Something went wrong.'}`);
    default:
      return null;
  }
}
