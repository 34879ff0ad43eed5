/** What the two kinds that create codes one request at a time share (import, pattern: create-codes.ts). */
import { createCodes, createSpools, emptyCreate, type CreateDeps } from '../create-codes';
import type { JobRecord, StoredRequest } from '../record';
import type { JobFacts } from '../types';
import type { KindFacts, RunContext, WindDownContext } from './define';
import type { FileKind } from '../../vocabulary';

/** Makes the job's codes from its checkpoint (what a pattern job makes, and with which limits). */
export async function runCreate(
  job: JobRecord<StoredRequest>,
  c: RunContext,
  o: Pick<CreateDeps, 'limits' | 'pattern'>,
): Promise<void> {
  job.create = { ...emptyCreate(), ...(job.create ?? {}) };
  await createCodes({
    client: c.client,
    spool: c.spool,
    jobId: job.id,
    promotionId: job.promotionId,
    ...o,
    signal: c.signal,
    requestSignal: c.requestSignal,
    checkpoint: job.create,
    save: c.save,
    onProgress: (done, total) => c.progress(done, total),
  });
}

/** Its files: the codes it made, and (an import) the lines it could not use. */
export async function finishCreateFiles(
  job: JobRecord<StoredRequest>,
  c: Pick<RunContext, 'spool' | 'finishFile'>,
  made: FileKind,
  rejected: boolean,
): Promise<void> {
  await c.finishFile(made);
  if (rejected && (await c.spool.rowCount(createSpools(job.id).rejected)) > 0)
    await c.finishFile('rejected');
}

/** Stopped short: the codes it made exist in the store, so they go in files like a finished job's. */
export async function windDownCreate(
  job: JobRecord<StoredRequest>,
  c: WindDownContext,
  made: FileKind,
  rejected: boolean,
): Promise<void> {
  const ns = createSpools(job.id);
  const anything =
    (await c.spool.rowCount(ns.made).catch(() => 0)) +
    (await c.spool.rowCount(ns.rejected).catch(() => 0));
  if (anything > 0) await finishCreateFiles(job, c, made, rejected).catch(() => undefined);
}

/** Codes made, lines rejected (`fileRejected`: on reading the file), pattern clashes replaced. */
export function createFacts(job: JobRecord<StoredRequest>, fileRejected = 0): KindFacts {
  if (!job.create) return {};
  const { created, rejected, clashes } = job.create;
  return { create: { created, rejected: rejected + fileRejected, clashes } };
}

export const createdBy = (job: JobFacts): number => job.create?.created ?? 0;
