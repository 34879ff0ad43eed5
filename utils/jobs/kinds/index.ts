/**
 * The list of job kinds: the one place that names them all. A new kind is its file in this
 * folder (defineJobKind), its tests, and one line here.
 */
import { z } from 'zod';
import type { JobFacts, JobView } from '../types';
import type { JobKindDef } from './define';
import { deleteCode } from './delete-code';
import { exportCodes } from './export';
import { generate } from './generate';
import { importCodes } from './import';
import { pattern } from './pattern';
import { purge } from './purge';

export const JOB_KINDS = [generate, pattern, importCodes, exportCodes, purge, deleteCode] as const;

type SchemasOf<T extends readonly { schema: unknown }[]> = {
  -readonly [I in keyof T]: T[I]['schema'];
};

/** A job request as a page sends it: one of the kinds' own. */
export const JobRequestSchema = z.discriminatedUnion(
  'kind',
  JOB_KINDS.map((k) => k.schema) as unknown as SchemasOf<typeof JOB_KINDS>,
);
export type JobRequest = z.output<typeof JobRequestSchema>;
export type JobKind = JobRequest['kind'];

const BY_NAME = new Map<string, JobKindDef>(JOB_KINDS.map((k) => [k.kind, k as JobKindDef]));

/** A kind's definition, by its name (a record from a version that had others is refused). */
export function kindOf(name: string): JobKindDef {
  const kind = BY_NAME.get(name);
  if (!kind) throw new Error(`No job kind is called "${name}".`);
  return kind;
}

/** A job's facts with what its kind says of them: what the pages are sent. */
export function describeJob(facts: JobFacts): JobView {
  const kind = kindOf(facts.kind);
  return {
    ...facts,
    writes: kind.writes,
    reviewable: kind.reviewable ?? false,
    earlyFiles: kind.earlyFiles ?? false,
    codesChanged: kind.codesChanged?.(facts) ?? 0,
    words: kind.words(facts),
  };
}
