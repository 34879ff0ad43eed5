/**
 * Export: every code of the promotion read exactly once (scan.ts), how they are used counted on
 * the way, and a file of them (all, or the unused ones); a usage report is the same reading
 * without a file. It only reads: it runs beside anything.
 */
import { z } from 'zod';
import { scanPromotion } from '../scan';
import { emptyScan } from '../scan-checkpoint';
import { Target } from '../schemas';
import { tapUsage } from '../usage-tap';
import { EXPORT_FORMATS } from '../../vocabulary';
import { COMPLETED, defineJobKind } from './define';
import { DOWNLOAD_AGAIN, ended, w } from './words';

export const exportCodes = defineJobKind({
  kind: 'export',
  schema: z.object({
    kind: z.literal('export'),
    ...Target,
    unusedOnly: z.boolean(),
    /** A usage report: the same reading, without a file. */
    reportOnly: z.boolean().optional(),
    /** Which file ('standard' when absent, as in jobs made before it existed). */
    format: z.enum(EXPORT_FORMATS).optional(),
  }),
  writes: false,
  lockName: 'errors.lockName.export',
  planned: async (_request, o) => ({ kind: 'export', codes: await o.codeCount() }),

  async run(job, c) {
    job.scan ??= emptyScan();
    const usage = tapUsage(c.spool, job.id);
    await scanPromotion({
      client: c.client,
      spool: usage.spool,
      ns: job.id,
      promotionId: job.promotionId,
      signal: c.signal,
      workers: c.workers.list,
      checkpoint: job.scan,
      save: c.save,
      onProgress: (done, total) => c.progress(done, total),
    });
    job.usage = await usage.result();
    job.total = job.done;
    if (!job.request.reportOnly) await c.finishFile('export');
    return COMPLETED;
  },

  files: (job) => ({
    export: {
      ns: job.id,
      unusedOnly: job.request.unusedOnly,
      csv: job.request.format === 'email' ? 'email' : 'export',
    },
  }),
  view: (job) => ({ usage: job.usage ?? null, reportOnly: job.request.reportOnly === true }),

  words: (job) => ({
    // A usage report is called what the merchant pressed.
    title: w(job.reportOnly ? 'export.reportTitle' : 'export.title'),
    doing: w(job.reportOnly ? 'export.reportDoing' : 'export.doing'),
    ended: ended(job, {
      completed: () =>
        w(
          job.reportOnly ? 'export.reportCompleted' : 'export.completed',
          [job.progress.done],
          job.progress.done,
        ),
      verb: 'exported',
      failing: w('export.doing'),
    }),
    note: null,
    usageLead: null,
    files: { export: DOWNLOAD_AGAIN() },
  }),
});
