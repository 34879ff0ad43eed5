/**
 * "Delete this code": one code found with "Find a code", deleted by the purge's rules: read
 * again, written to a one-line backup, deleted only once the browser says that backup is on
 * disk (delete-one.ts). The merchant confirmed before it started: its backup is kept.
 */
import { z } from 'zod';
import { deleteOneCode } from '../delete-one';
import { purgeSpools } from '../purge';
import { Target } from '../schemas';
import { COMPLETED, defineJobKind } from './define';
import { DOWNLOAD_BACKUP, ended, w } from './words';
import { BACKUP_KEEP_MS, CODE_RE } from '../../vocabulary';

export const deleteCode = defineJobKind({
  kind: 'delete-code',
  schema: z.object({
    kind: z.literal('delete-code'),
    ...Target,
    /** The code as "Find a code" found it (the store compares regardless of case). */
    code: z.string().regex(CODE_RE),
  }),
  writes: true,
  lockName: 'errors.lockName.deleteCode',

  async run(job, c) {
    job.deleteOne ??= { row: null };
    job.total = 1;
    await deleteOneCode({
      client: c.client,
      spool: c.spool,
      jobId: job.id,
      promotionId: job.promotionId,
      code: job.request.code,
      signal: c.signal,
      checkpoint: job.deleteOne,
      save: c.save,
      backUp: () => c.fileOnDisk('purge-backup'),
    });
    job.done = 1;
    return COMPLETED;
  },

  files: (job) => ({ 'purge-backup': { ns: purgeSpools(job.id).targets } }),
  keptUntil: (_job, file, createdAt) =>
    file === 'purge-backup' ? createdAt + BACKUP_KEEP_MS : null,
  view: (job) => ({ deleteCode: { code: job.deleteOne?.row?.code ?? job.request.code } }),

  words: (job) => ({
    title: w('deleteCode.title'),
    doing: w('deleteCode.doing'),
    ended: ended(job, {
      completed: () => w('deleteCode.completed', [job.deleteCode?.code ?? '']),
      verb: 'deleted',
      failing: w('deleteCode.failing'),
    }),
    note: null,
    usageLead: null,
    files: { 'purge-backup': DOWNLOAD_BACKUP() },
  }),
});
