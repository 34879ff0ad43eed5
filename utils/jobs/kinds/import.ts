/**
 * Import: the codes of a merchant's file, read beforehand into a draft (import-drafts.ts), made
 * one request a code (create-codes.ts); lines that cannot be codes are listed with why.
 */
import { z } from 'zod';
import { ApiError } from '../../api/errors';
import { createSpools } from '../create-codes';
import { IdSchema, Target, UsesSchema } from '../schemas';
import { COMPLETED, defineJobKind } from './define';
import { createdBy, createFacts, finishCreateFiles, runCreate, windDownCreate } from './creating';
import { DOWNLOAD_AGAIN, DOWNLOAD_REJECTED, ended, sentences, w } from './words';
import { said } from '../../vocabulary';

const schema = z.object({
  kind: z.literal('import'),
  ...Target,
  /** The file, read and checked by prepareImport (its codes wait in the spool). */
  draftId: IdSchema,
  maxUses: UsesSchema,
  maxUsesPerCustomer: UsesSchema,
});

/** The request, with how many codes its file held and how many of its lines were rejected on reading. */
type Kept = z.output<typeof schema> & { fileCodes?: number; fileRejected?: number };

export const importCodes = defineJobKind<typeof schema, Kept>({
  kind: 'import',
  schema,
  writes: true,
  lockName: 'errors.lockName.import',
  // Its codes already wait in the spool under its draft's id: the job takes that id.
  idFor: (request) => request.draftId,
  ready: (request, c) => c.drafts.recall(request.draftId),
  intake(request, c) {
    if (c.hasJob(request.draftId)) throw new ApiError('invalid', said('errors.alreadyImported'));
    const draft = c.drafts.take(request.draftId, request.storeHash, request.promotionId);
    return { keep: { ...request, fileCodes: draft.codes, fileRejected: draft.rejected } };
  },
  async planned(_request, o) {
    const total = await o.total();
    return total ? { kind: 'create', count: total } : null;
  },

  async run(job, c) {
    const { maxUses, maxUsesPerCustomer } = job.request;
    await runCreate(job, c, { limits: { maxUses, maxUsesPerCustomer } });
    await finishCreateFiles(job, c, 'imported', true);
    return COMPLETED;
  },
  windDown: (job, c) => windDownCreate(job, c, 'imported', true),

  files: (job) => ({ imported: { ns: job.id }, rejected: { ns: createSpools(job.id).rejected } }),
  view: (job) => createFacts(job, job.request.fileRejected ?? 0),
  codesChanged: createdBy,

  words: (job) => ({
    title: w('import.title'),
    doing: w('import.doing'),
    ended: ended(job, {
      completed() {
        const rejected = job.create?.rejected ?? 0;
        const created = job.create?.created ?? 0;
        return sentences(
          w('import.completed', [created], created),
          rejected ? w('import.rejected', [rejected, DOWNLOAD_REJECTED()], rejected) : null,
        );
      },
      verb: 'imported',
      failing: w('import.doing'),
      cancelledDone: job.create ? job.create.created : job.progress.done,
    }),
    note: null,
    usageLead: null,
    files: { imported: DOWNLOAD_AGAIN(), rejected: DOWNLOAD_REJECTED() },
  }),
});
