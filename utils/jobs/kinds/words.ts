/** Words every kind says the same way: how a job ended, its files' buttons (catalogue keys: jobWords.*). */
import type { JobFacts, Words } from '../types';
import { said, type SaidValue } from '../../vocabulary';

/** Words of the catalogue's jobWords group. */
export const w = (key: string, values?: SaidValue[], count?: number): Words =>
  said(`jobWords.${key}`, values, count);

/** The files' buttons. */
export const DOWNLOAD_AGAIN = (): Words => w('downloadAgain');
export const DOWNLOAD_BACKUP = (): Words => w('downloadBackup');
export const DOWNLOAD_NOT_MADE = (): Words => w('downloadNotMade');
export const DOWNLOAD_REJECTED = (): Words => w('downloadRejected');

/** Sentences said one after the other. */
export function sentences(first: Words, ...then: (Words | null)[]): Words {
  const rest = then.filter((s): s is Words => s !== null);
  return rest.length ? { ...first, then: rest } : first;
}

export interface Ending {
  /** "Completed: 10,000 codes generated." */
  completed(): Words;
  /** What its count did, as the cancelled sentence's key: 'exported', 'deleted'… */
  verb: 'exported' | 'generated' | 'deleted' | 'imported';
  /** What stopped, when it failed: "Generating codes". */
  failing: Words;
  /** The codes it had done when cancelled (default: its progress). */
  cancelledDone?: number;
  /** Cancelled before doing any (default: "Cancelled."). */
  nothingDone?: Words;
}

/** How a job ended, in words; null while it has not. */
export function ended(job: JobFacts, e: Ending): Words | null {
  switch (job.status) {
    case 'completed':
      return e.completed();
    case 'cancelled': {
      const done = e.cancelledDone ?? job.progress.done;
      if (done === 0) return e.nothingDone ?? w('cancelledNothing');
      return w(`cancelled.${e.verb}`, [done], done);
    }
    case 'failed': {
      const error = typeof job.error === 'string' ? job.error.trim() : job.error;
      return w('failed', [e.failing, error || said('common.somethingWrong')]);
    }
    default:
      return null;
  }
}
