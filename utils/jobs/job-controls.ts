/**
 * What the merchant asks of a job under way (pause, resume, cancel, find a purge's codes
 * again) and the typed word that lets a purge delete, each under its rules: one writing job per
 * promotion (lock.ts), a kind's own rules for being taken up again (a purge's plan only while
 * fresh), no deletion before the backup is on disk. The registry gives a Resume, a fresh plan,
 * a confirmation (and a removal) their turns (in-turn.ts); a stop overtakes them, and they
 * check again after their waits.
 */
import { ApiError } from '../api/errors';
import type { ControlAction } from '../messages/views';
import type { Spool } from '../storage/spool';
import type { FileKeeper } from './file-keeper';
import { CANCEL, PAUSE, type JobRunner } from './job-runner';
import type { JobTable } from './job-table';
import { kindOf } from './kinds';
import type { DiskState } from './kinds/define';
import { refuseIfLocked } from './lock';
import type { JobRecord } from './record';
import type { StatusKeeper } from './status';
import type { FileKind } from './types';
import { isResumable, isUnfinished } from '../vocabulary';
import { said } from '../vocabulary';

export interface JobControlsDeps {
  table: JobTable;
  files: FileKeeper;
  statuses: StatusKeeper;
  runner: JobRunner;
  spool: Spool;
  now(): number;
}

const invalid = (key: string) => new ApiError('invalid', said(key));

export function createJobControls(deps: JobControlsDeps) {
  const { table, files, statuses, runner, now } = deps;
  /** Still the job the table holds and the lists show (not removed meanwhile). */
  const { listed } = table;

  /** Where a file stands, asked of the browser just before it is relied on. */
  async function disk(r: JobRecord, kind: FileKind): Promise<DiskState> {
    const file = files.fileOf(r, kind);
    if (file?.saved?.state === 'saved' && (await files.stillOnDisk(r, file)))
      return { onDisk: true };
    return {
      onDisk: false,
      saving: file?.saved?.state === 'saving',
      error: file?.saved?.error ?? null,
    };
  }

  return {
    async control(r: JobRecord, action: ControlAction): Promise<void> {
      const kind = kindOf(r.kind);
      // Marked before it is acted on: a worker that dies meanwhile leaves it stopped (status.ts).
      if ((action === 'pause' || action === 'cancel') && runner.isActive(r.id))
        await statuses.stopAsked(r);
      switch (action) {
        case 'pause':
          if (!(await runner.stop(r.id, PAUSE))) throw invalid('errors.pauseNotRunning');
          return;
        case 'resume':
          if (!isResumable(r.status) || runner.isActive(r.id)) throw invalid('errors.notResumable');
          refuseIfLocked(table.jobs.values(), r, runner.isActive);
          kind.refuseResume?.(r, now());
          kind.takeUp?.(r, now());
          runner.launch(r, { type: 'resume' });
          return;
        case 'rescan': {
          // A plan gone stale (or a merchant who wants a fresh count): find the codes again.
          // Not once it runs (a confirmation won): checked again after the kind's waits.
          const waiting = () =>
            r.status === 'awaiting-confirmation' && !runner.isActive(r.id) && listed(r);
          if (!waiting() || !kind.rescan || !(await kind.rescan(r, deps.spool)) || !waiting())
            throw invalid('errors.rescanNotAwaiting');
          runner.launch(r, { type: 'rescan' });
          return;
        }
        case 'cancel':
          if (await runner.stop(r.id, CANCEL)) return;
          // Paused or cut off by a restart: its files were not made when it stopped.
          if (r.status === 'paused' || r.status === 'interrupted') await runner.cancelStopped(r);
          else if (isUnfinished(r.status)) await statuses.transition(r, { type: 'cancel' });
          return;
      }
    },

    /**
     * The merchant typed the word: delete, once the job's kind agrees (a purge: a fresh plan,
     * its backup on disk). Only for the promotion the confirmation was shown for.
     */
    async confirm(r: JobRecord, shownFor: { storeHash: string; promotionId: number }) {
      if (r.storeHash !== shownFor.storeHash || r.promotionId !== shownFor.promotionId)
        throw invalid('errors.confirmOtherPromotion');
      const confirm = kindOf(r.kind).confirm;
      if (r.status !== 'awaiting-confirmation' || !confirm) throw invalid('errors.notAwaiting');
      await confirm(r, {
        now: now(),
        disk: (kind) => disk(r, kind),
        stillWaiting: () =>
          r.status === 'awaiting-confirmation' && !runner.isActive(r.id) && listed(r),
      });
      runner.launch(r, { type: 'confirm' });
    },
  };
}
