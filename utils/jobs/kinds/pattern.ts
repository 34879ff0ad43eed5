/**
 * Codes in the merchant's own pattern: candidates written down before they are sent, made one
 * request a code (create-codes.ts); a candidate the store already has is replaced.
 */
import { z } from 'zod';
import { ApiError } from '../../api/errors';
import { charactersOf, checkPattern } from '../../codes/pattern';
import { patternProblemWords } from '../../codes/pattern-words';
import { PatternParamsSchema, Target } from '../schemas';
import { COMPLETED, defineJobKind } from './define';
import { createdBy, createFacts, finishCreateFiles, runCreate, windDownCreate } from './creating';
import { DOWNLOAD_AGAIN, ended, sentences, w } from './words';

export const pattern = defineJobKind({
  kind: 'pattern',
  schema: z.object({ kind: z.literal('pattern'), ...Target, params: PatternParamsSchema }),
  writes: true,
  lockName: 'errors.lockName.pattern',
  intake(request) {
    // The pattern must be able to make the codes asked for (checkPattern says why not).
    const p = request.params;
    const check = checkPattern(p.pattern, charactersOf(p.characterSet, p.ownCharacters), p.count);
    if (check.problem) throw new ApiError('invalid', patternProblemWords(check.problem));
    return { keep: request };
  },
  planned: async (request) => ({ kind: 'create', count: request.params.count }),

  async run(job, c) {
    const p = job.request.params;
    await runCreate(job, c, {
      limits: p,
      pattern: {
        count: p.count,
        pattern: p.pattern,
        characters: charactersOf(p.characterSet, p.ownCharacters),
      },
    });
    await finishCreateFiles(job, c, 'generated', false);
    return COMPLETED;
  },
  windDown: (job, c) => windDownCreate(job, c, 'generated', false),

  files: (job) => ({ generated: { ns: job.id } }),
  view: (job) => createFacts(job),
  codesChanged: createdBy,

  words: (job) => ({
    title: w('pattern.title'),
    doing: w('generate.doing'),
    ended: ended(job, {
      completed() {
        const clashes = job.create?.clashes ?? 0;
        const created = job.create?.created ?? job.progress.done;
        return sentences(
          w('generate.completed', [created], created),
          clashes ? w('pattern.clashes', [clashes], clashes) : null,
        );
      },
      verb: 'generated',
      failing: w('generate.doing'),
      cancelledDone: job.create ? job.create.created : job.progress.done,
    }),
    note: null,
    usageLead: null,
    files: { generated: DOWNLOAD_AGAIN() },
  }),
});
