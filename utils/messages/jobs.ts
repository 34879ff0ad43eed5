/** Messages that start, steer, list and remove jobs, and save their files. */
import { z } from 'zod';
import { JobRequestSchema } from '../jobs/kinds';
import { CONTROL_ACTIONS, MAX_IMPORT_BYTES } from '../vocabulary';
import { defineMessage } from './define';
import { FileKindSchema, JobIdSchema, PromotionIdSchema, StoreHashSchema } from './schemas';

export const jobMessages = {
  startJob: defineMessage({
    schema: JobRequestSchema,
    from: 'panel',
    handle: (request, { services }): Promise<{ jobId: string; offerAlerts?: boolean }> =>
      services.startJob(request),
  }),
  /** Reads an import's file and says what would happen (nothing is sent to the store). */
  prepareImport: defineMessage({
    schema: z.object({
      storeHash: StoreHashSchema,
      promotionId: PromotionIdSchema,
      csvText: z.string().max(MAX_IMPORT_BYTES),
    }),
    from: 'panel',
    handle: ({ storeHash, promotionId, csvText }, { services }) =>
      services.registry.prepareImport(storeHash, promotionId, csvText),
  }),
  controlJob: defineMessage({
    schema: z.object({
      jobId: JobIdSchema,
      action: z.enum(CONTROL_ACTIONS),
    }),
    from: 'panel',
    async handle({ jobId, action }, { services, jobOf }) {
      await jobOf(jobId);
      await services.registry.control(jobId, action);
      return null;
    },
  }),
  /** The typed confirmation, carrying the promotion it was shown for. */
  confirmPurge: defineMessage({
    schema: z.object({
      jobId: JobIdSchema,
      storeHash: StoreHashSchema,
      promotionId: PromotionIdSchema,
    }),
    from: 'panel',
    async handle({ jobId, storeHash, promotionId }, { services, jobOf }) {
      await jobOf(jobId);
      await services.registry.confirmPurge(jobId, { storeHash, promotionId });
      return null;
    },
  }),
  listJobs: defineMessage({
    schema: z.object({ storeHash: StoreHashSchema.optional() }).optional(),
    from: 'panel',
    async handle(data, { services, caller }) {
      const jobs = await services.registry.list();
      const store = caller.store ?? data?.storeHash;
      return store ? jobs.filter((j) => j.storeHash === store) : jobs;
    },
  }),
  downloadFile: defineMessage({
    schema: z.object({ jobId: JobIdSchema, fileKind: FileKindSchema }),
    from: 'panel',
    async handle({ jobId, fileKind }, { services, jobOf }) {
      await jobOf(jobId);
      await services.registry.download(jobId, fileKind);
      return null;
    },
  }),
  removeJob: defineMessage({
    schema: z.object({ jobId: JobIdSchema }),
    from: 'extension',
    handle: ({ jobId }, { services }) => services.registry.remove(jobId),
  }),
};
