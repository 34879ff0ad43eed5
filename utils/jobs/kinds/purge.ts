/**
 * Purge: a dry run first (purge.ts: every code read, the targets kept as the backup, counted),
 * then nothing until the merchant types the word with the backup on disk and the plan fresh;
 * then the deletes (purge-execute.ts; an unused purge reads each page again first).
 */
import { z } from 'zod';
import { ApiError } from '../../api/errors';
import { plannedPurge } from '../../codes/planned-job';
import { emptyPurge, planPurge, purgeSpools } from '../purge';
import { executePurge } from '../purge-execute';
import { refuseStalePlan, refuseStaleResume, takeUp } from '../purge-guards';
import { intakePurgeList } from '../purge-intake';
import { PurgeModeSchema, Target } from '../schemas';
import type { JobFacts, Words } from '../types';
import { AWAITS_CONFIRMATION, COMPLETED, defineJobKind } from './define';
import { DOWNLOAD_BACKUP, ended, sentences, w } from './words';
import { BACKUP_KEEP_MS, PURGE_LIST_MAX_BYTES, type JobPhase } from '../../vocabulary';
import type { SkippedLine } from '../../csv/read';
import { said, type ErrorWords } from '../../vocabulary';

const schema = z.object({
  kind: z.literal('purge'),
  ...Target,
  mode: PurgeModeSchema,
  /** The merchant's CSV of codes (mode 'list'), as text: parsed and checked by the background. */
  csvText: z.string().max(PURGE_LIST_MAX_BYTES).optional(),
});

/** The request less its list (whose codes live in the spool), with what reading the list found. */
type Kept = Omit<z.output<typeof schema>, 'csvText'> & {
  listSize?: number;
  skippedLines?: number;
  /** The first few lines skipped, with why (a sentence in jobs stored before reasons were said). */
  skipped?: Array<Omit<SkippedLine, 'reason'> & { reason: ErrorWords }>;
};

const invalid = (key: string) => new ApiError('invalid', said(key));

export const purge = defineJobKind<typeof schema, Kept>({
  kind: 'purge',
  schema,
  writes: true,
  lockName: 'errors.lockName.purge',
  reviewable: true,
  // Its backup can be saved again while it waits for the merchant's word.
  earlyFiles: true,
  intake(request, c) {
    const { csvText, ...rest } = request;
    if (rest.mode !== 'list') return { keep: rest };
    const list = intakePurgeList(csvText ?? '');
    const { skippedLines, skipped } = list;
    const ns = purgeSpools(c.jobId).input;
    return {
      keep: { ...rest, listSize: list.codes.length, skippedLines, skipped },
      rows: { ns, write: (spool) => list.write(spool, ns) },
    };
  },
  planned: async (request, o) => plannedPurge(request.mode, await o.codeCount(), request.csvText),

  async run(job, c) {
    job.purge = { ...emptyPurge(), ...(job.purge ?? {}) };
    const cp = job.purge;
    const d = {
      client: c.client,
      spool: c.spool,
      jobId: job.id,
      promotionId: job.promotionId,
      mode: job.request.mode,
      signal: c.signal,
      workers: c.workers.list,
      checkpoint: cp,
      save: c.save,
      onProgress: (phase: JobPhase, done: number, total: number | null) =>
        c.progress(done, total, phase),
      spendable: c.spendable,
      quotaResetAt: c.quotaResetAt,
      now: c.now,
    };
    if (!cp.planned) await planPurge(d);
    // The backup is complete before anything is deleted: save it now (again, if a worker stopped
    // before the file was recorded). Deleting waits until the browser says it is on disk (confirm).
    if (cp.targetCount && !job.files.some((f) => f.kind === 'purge-backup'))
      await c.finishFile('purge-backup');
    if (!cp.confirmed) {
      job.phase = 'scan';
      job.done = cp.targetCount ?? 0;
      job.total = cp.targetCount;
      return AWAITS_CONFIRMATION;
    }
    await executePurge({ ...d, workers: c.workers.delete });
    job.done = cp.deleted;
    // Not every planned code was deleted: the backup is made again, saying what became of each.
    if (job.request.mode === 'unused' && cp.deleted < (cp.targetCount ?? 0)) {
      cp.outcomes = true;
      await c.finishFile('purge-backup');
    }
    // Codes the store refused are counted (cp.failed): the job's words say so.
    return COMPLETED;
  },

  refuseResume: refuseStaleResume,
  takeUp,

  async rescan(job, spool) {
    // A plan gone stale (or a merchant who wants a fresh count): find the codes again.
    if (!job.purge || job.purge.confirmed) return false;
    // Dropped before the first wait: a confirmation checking the plan meanwhile finds it gone.
    job.purge = emptyPurge();
    job.files = job.files.filter((f) => f.kind !== 'purge-backup');
    job.done = 0;
    job.total = null;
    for (const ns of [purgeSpools(job.id).scan, purgeSpools(job.id).targets]) await spool.clear(ns);
    return true;
  },

  /** Only on a plan made in the last PLAN_FRESH_MS, with its backup on disk. */
  async confirm(job, c) {
    const plan = job.purge;
    if (!plan?.planned) throw invalid('errors.notAwaiting');
    refuseStalePlan(job, c.now);
    if (plan.targetCount) {
      const backup = await c.disk('purge-backup');
      if (!backup.onDisk)
        throw new ApiError(
          'no-backup',
          backup.saving
            ? said('errors.backupSaving')
            : backup.error
              ? said('errors.backupMissingWhy', [backup.error])
              : said('errors.backupMissing'),
        );
    }
    // The backup check waited on the browser: a Cancel or "Find the codes again" meanwhile wins.
    if (job.purge !== plan || !c.stillWaiting()) throw invalid('errors.purgeChanged');
    plan.confirmed = true;
  },

  files: (job) => ({
    'purge-backup': { ns: purgeSpools(job.id).targets, outcomes: job.purge?.outcomes === true },
  }),
  // A confirmed purge's backup is kept whatever happens to the job card.
  keptUntil: (job, file, createdAt) =>
    file === 'purge-backup' && job.purge?.confirmed ? createdAt + BACKUP_KEEP_MS : null,

  view(job) {
    const p = job.purge;
    const r = job.request;
    if (!p) return {};
    return {
      usage: p.usage ?? null, // its reading stays in its checkpoint
      purge: {
        plannedAt: p.plannedAt ?? null,
        readingMs: p.readingMs ?? 0,
        mode: r.mode,
        targetCount: p.targetCount,
        notFound: p.notFound,
        deleted: p.deleted,
        failed: p.failed,
        kept: p.kept ?? 0,
        gone: p.gone ?? 0,
        unchecked: p.unchecked ?? 0,
        outcomes: p.outcomes ?? false,
        fileCodes: r.listSize ?? null,
        skippedLines: r.skippedLines ?? null,
        skipped: r.skipped ?? [],
      },
    };
  },
  codesChanged: (job) => -(job.purge?.deleted ?? 0),

  words: (job) => ({
    title: w('purge.title'),
    doing: w(job.progress.phase === 'delete' ? 'purge.doingDelete' : 'purge.doingScan'),
    ended: ended(job, {
      completed: () => completed(job),
      verb: 'deleted',
      failing: w('purge.failing'),
      cancelledDone: job.purge?.deleted ?? 0,
      nothingDone: w('purge.cancelledNothing'),
    }),
    note: null,
    usageLead: w('purge.usageLead'),
    files: { 'purge-backup': DOWNLOAD_BACKUP() },
  }),
});

/** What a purge deleted, and what it kept and why (an unused purge deletes only what is still unused). */
function completed(job: JobFacts): Words {
  const p = job.purge;
  const deleted = p?.deleted ?? job.progress.done;
  const failed = p?.failed ?? 0;
  const counted = (key: string, n: number | undefined) => (n ? w(`purge.${key}`, [n], n) : null);
  return sentences(
    w('purge.completed', [deleted], deleted),
    counted('kept', p?.kept),
    counted('gone', p?.gone),
    counted('unchecked', p?.unchecked),
    counted('failed', failed),
    p?.outcomes ? w('purge.outcomes') : failed > 0 ? w('purge.backupLists') : null,
  );
}
