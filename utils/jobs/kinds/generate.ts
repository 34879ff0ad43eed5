/**
 * Generate: BigCommerce's codegen makes N codes, each proven the job's own by an answer that
 * listed it (generate.ts); what the promotion gained beyond them is listed apart (settle.ts).
 */
import { z } from 'zod';
import { generateCodes, generateSpools, normalizeGenerate, settleStopped } from '../generate';
import { GenerateParamsSchema, Target } from '../schemas';
import type { JobFacts, Words } from '../types';
import { COMPLETED, defineJobKind } from './define';
import { DOWNLOAD_AGAIN, DOWNLOAD_NOT_MADE, ended, sentences, w } from './words';
import { isUnfinished } from '../../vocabulary';

export const generate = defineJobKind({
  kind: 'generate',
  schema: z.object({ kind: z.literal('generate'), ...Target, params: GenerateParamsSchema }),
  writes: true,
  lockName: 'errors.lockName.generate',
  planned: async (request) => ({ kind: 'generate', count: request.params.count }),

  async run(job, c) {
    const { params } = job.request;
    const cp = (job.generate = normalizeGenerate(job.generate));
    job.total = params.count;
    await generateCodes({
      client: c.client,
      spool: c.spool,
      ns: job.id,
      promotionId: job.promotionId,
      params,
      signal: c.signal,
      requestSignal: c.requestSignal,
      workers: c.workers.generate,
      checkpoint: cp,
      save: c.save,
      onProgress: (done) => c.progress(done, params.count),
      onWait: c.onWait,
    });
    await c.finishFile('generated');
    if (cp.unattributed > 0) await c.finishFile('unattributed');
    return COMPLETED;
  },

  async windDown(job, c) {
    // What requests under way at the stop may have made is settled first (codes of the job the
    // store does not hold leave its ledger), then the codes it made go in a file, the rest apart.
    const cp = job.generate;
    const listed =
      c.client && cp
        ? await settleStopped({
            client: c.client,
            spool: c.spool,
            ns: job.id,
            promotionId: job.promotionId,
            checkpoint: cp,
          }).catch(() => false)
        : false;
    if ((await c.spool.rowCount(job.id).catch(() => 0)) > 0)
      await c.finishFile('generated').catch(() => undefined);
    if (listed) await c.finishFile('unattributed').catch(() => undefined);
  },

  cutOff(job) {
    if (job.generate?.baselineTotal == null) return; // nothing sent yet
    job.generate = normalizeGenerate(job.generate);
    job.generate.cutOff += 1;
  },

  files: (job) => ({
    generated: { ns: job.id },
    unattributed: { ns: generateSpools(job.id).unattributed },
  }),

  view: (job) =>
    job.generate
      ? {
          generate: {
            unattributed: job.generate.unattributed ?? 0,
            unanswered: job.generate.unanswered ?? 0,
            lost: job.generate.lost ?? 0,
            cutOff: job.generate.cutOff ?? 0,
          },
        }
      : {},

  codesChanged: (job) => job.progress.done,

  words: (job) => ({
    title: w('generate.title'),
    doing: w('generate.doing'),
    ended: ended(job, {
      completed: () => w('generate.completed', [job.progress.done], job.progress.done),
      verb: 'generated',
      failing: w('generate.doing'),
    }),
    note: isUnfinished(job.status) ? null : unattributed(job),
    usageLead: null,
    files: { generated: DOWNLOAD_AGAIN(), unattributed: DOWNLOAD_NOT_MADE() },
  }),
});

/**
 * Codes the job found that it cannot claim: how many, why that happens, and how to remove
 * exactly them if the merchant wants. Null when there are none.
 */
function unattributed(job: JobFacts): Words | null {
  const g = job.generate;
  const n = g?.unattributed ?? 0;
  if (!g || n === 0) return null;
  // What may have made them, the job's own lost answers first.
  const causes: Words[] = [];
  if (g.unanswered > 0) causes.push(w('generate.causeUnanswered', [g.unanswered], g.unanswered));
  if (g.cutOff > 0) causes.push(w('generate.causeCutOff'));
  const cause = causes.length === 2 ? w('generate.causesBoth', causes) : causes[0];
  const why = cause
    ? w('generate.unattributedCauses', [n, cause], n)
    : w('generate.unattributed', [n], n);
  return sentences(why, w('generate.unattributedWhere', [DOWNLOAD_NOT_MADE()]));
}
