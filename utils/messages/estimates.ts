/**
 * The forms' estimates, worked out here (utils/codes/job-estimate.ts) at the quota the store's
 * answers reported, and put in words (utils/ui/estimate-text.ts, handed in as a service), so
 * the content script carries only the sentence it shows.
 */
import { z } from 'zod';
import { estimateJob, type PlannedJob } from '../codes/job-estimate';
import { MAX_JOB_CODES } from '../vocabulary';
import { defineMessage, type Services } from './define';
import { StoreHashSchema } from './schemas';

const Count = z
  .number()
  .int()
  .min(0)
  .max(10 * MAX_JOB_CODES);
export const PlannedJobSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('generate'), count: Count }),
  z.object({ kind: z.literal('create'), count: Count }),
  z.object({ kind: z.literal('export'), codes: Count }),
  z.object({
    kind: z.literal('purge'),
    mode: z.enum(['all', 'unused', 'list']),
    codes: Count,
    listed: Count.optional(),
  }),
]);

/** The estimate, and its words (so the content script carries only what it shows). */
function estimateFor(services: Services, storeHash: string, planned: PlannedJob) {
  const estimate = estimateJob(planned, services.clients.governorFor(storeHash).snapshot());
  return { ...estimate, text: services.estimateText(estimate) };
}

export const estimateMessages = {
  estimateJob: defineMessage({
    schema: z.object({ storeHash: StoreHashSchema, planned: PlannedJobSchema }),
    from: 'panel',
    handle: async ({ storeHash, planned }, { services }) =>
      estimateFor(services, storeHash, planned),
  }),
};
