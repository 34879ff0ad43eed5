/** Messages that start, steer, list and remove jobs, and save their files. */
import { z } from 'zod';
import { ApiError } from '../api/errors';
import { JobRequestSchema } from '../jobs/schemas';
import { CONTROL_ACTIONS, isBulkCoupon, MAX_IMPORT_BYTES } from '../vocabulary';
import { offerAlertsFor } from './alerts';
import { defineMessage } from './define';
import { FileKindSchema, JobIdSchema, PromotionIdSchema, StoreHashSchema } from './schemas';

export const jobMessages = {
  startJob: defineMessage({
    schema: JobRequestSchema,
    from: 'panel',
    async handle(request, { services }): Promise<{ jobId: string; offerAlerts?: boolean }> {
      const store = await services.stores.get(request.storeHash);
      if (!store)
        throw new ApiError(
          'auth',
          `Store ${request.storeHash} is not connected. Use "Connect this store" first.`,
        );
      if (request.kind !== 'export' && store.access === 'read-only')
        throw new ApiError(
          'scope',
          `The token saved for store ${request.storeHash} is read-only: it can export codes but not create or delete them. Save a token with the Marketing "modify" scope.`,
        );
      // Ask the store first: a wrong promotion fails here in plain words, not mid-job.
      const client = await services.clients.clientFor(request.storeHash);
      const p = await client.getPromotion(request.promotionId);
      if (!isBulkCoupon(p))
        throw new ApiError(
          'not-bulk',
          `Promotion ${p.id} ("${p.name}") is not a bulk coupon promotion. These tools work only on coupon promotions that use bulk codes.`,
        );
      const jobId = await services.registry.start(request, p.name);
      return { jobId, offerAlerts: await offerAlertsFor(services, request, jobId, client) };
    },
  }),
  /** Reads an import's file and says what would happen (nothing is sent to the store). */
  prepareImport: defineMessage({
    schema: z.object({
      storeHash: StoreHashSchema,
      promotionId: PromotionIdSchema,
      csvText: z.string().max(MAX_IMPORT_BYTES),
    }),
    from: 'panel',
    async handle({ storeHash, promotionId, csvText }, { services }) {
      const pace = services.clients.governorFor(storeHash).snapshot();
      return services.registry.drafts.prepare(storeHash, promotionId, csvText, {
        quota: pace.quota,
        windowMs: pace.windowMs,
      });
    },
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
