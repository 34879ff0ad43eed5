/**
 * Generate: BigCommerce's codegen makes N codes, each proven the job's own by an answer that
 * listed it (generate.ts); what the promotion gained beyond them is listed apart (settle.ts).
 */
import { z } from 'zod';
import { generateCodes, generateSpools, normalizeGenerate, settleStopped } from '../generate';
import { GenerateParamsSchema, Target } from '../schemas';
import type { JobFacts, Words } from '../types';
import { COMPLETED, defineJobKind, type Say } from './define';
import { codes, DOWNLOAD_AGAIN, DOWNLOAD_NOT_MADE, ended, w } from './words';
import { isUnfinished } from '../../vocabulary';

export const generate = defineJobKind({
  kind: 'generate',
  schema: z.object({ kind: z.literal('generate'), ...Target, params: GenerateParamsSchema }),
  writes: true,
  lockName: 'A job generating codes',
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

  words: (job, say) => ({
    title: w('Generate codes'),
    doing: w('Generating codes'),
    ended: ended(job, say, {
      completed: () => `Completed: ${codes(say, job.progress.done)} generated.`,
      verb: 'generated',
      failing: 'Generating codes',
    }),
    note: isUnfinished(job.status) ? null : unattributed(job, say),
    usageLead: null,
    files: { generated: DOWNLOAD_AGAIN, unattributed: DOWNLOAD_NOT_MADE },
  }),
});

/**
 * Codes the job found that it cannot claim: how many, why that happens, and how to remove
 * exactly them if the merchant wants. Null when there are none.
 */
function unattributed(job: JobFacts, say: Say): Words | null {
  const g = job.generate;
  const n = g?.unattributed ?? 0;
  if (!g || n === 0) return null;
  // What may have made them, the job's own lost answers first.
  const causes: string[] = [];
  if (g.unanswered > 0)
    causes.push(
      `${say.plural(g.unanswered, 'request')} got no answer from BigCommerce (a dropped connection), and the store may have made codes for ${g.unanswered === 1 ? 'it' : 'them'}`,
    );
  if (g.cutOff > 0)
    causes.push(
      'the job was stopped while requests were under way (the browser closed or put the extension to sleep), and the store may have made codes for them',
    );
  const why = causes.length
    ? `${codes(say, n)} that this job cannot prove it made also appeared in the promotion: ${causes.join('; ')}. Another app, a person or a request the browser repeated by itself can add codes too.`
    : `${codes(say, n)} that this job did not make also appeared in the promotion while it ran: another app or a person added them, or the browser repeated a request by itself.`;
  return w(
    `${why} They were not deleted and are not in this job’s file: “${DOWNLOAD_NOT_MADE.text}” lists them. ` +
      'To remove exactly them, use Purge codes › Codes from a CSV file with that file.',
  );
}
