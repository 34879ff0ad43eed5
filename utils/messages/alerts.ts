/**
 * Messages about being told how jobs go: the settings' switch for notifications, and the
 * panel's one-time offer (decided when a job starts, offerAlertsFor; a content script cannot
 * ask for a permission: the offer opens a small extension page, alerts.html, where the
 * merchant's click can).
 */
import { z } from 'zod';
import type { BigCommerceClient } from '../api/client';
import { estimateJob, type PlannedJob } from '../codes/job-estimate';
import { LONG_JOB_MS } from '../codes/planned-job';
import { kindOf, type JobRequest } from '../jobs/kinds';
import { defineMessage, type Services } from './define';
import { NothingSchema } from './schemas';

type AlertServices = Pick<Services, 'alerts' | 'clients' | 'registry'>;

/** What a job just started will do, as its kind says, for its estimate. */
async function plannedOf(
  services: AlertServices,
  request: JobRequest,
  jobId: string,
  client: BigCommerceClient,
): Promise<PlannedJob | null> {
  const planned = kindOf(request.kind).planned;
  if (!planned) return null;
  return planned(request, {
    codeCount: () => client.codeCount(request.promotionId),
    total: async () =>
      (await services.registry.list()).find((j) => j.id === jobId)?.progress.total ?? null,
  });
}

/**
 * A job has started: the first time one is expected to take over a minute, the panel offers
 * notifications (once, and only while they are not on already). Never fails the start.
 */
export async function offerAlertsFor(
  services: AlertServices,
  request: JobRequest,
  jobId: string,
  client: BigCommerceClient,
): Promise<boolean> {
  try {
    if ((await services.alerts.settings.get()).offered) return false;
    const planned = await plannedOf(services, request, jobId, client);
    const pace = services.clients.governorFor(request.storeHash).snapshot();
    if (!planned || estimateJob(planned, pace).ms <= LONG_JOB_MS) return false;
    await services.alerts.settings.set({ offered: true });
    return !(await services.alerts.notificationsGranted());
  } catch {
    return false;
  }
}

export const alertMessages = {
  getAlerts: defineMessage({
    schema: NothingSchema,
    from: 'extension',
    handle: (_, { services }) => services.alerts.settings.get(),
  }),
  setAlerts: defineMessage({
    schema: z.object({ notifications: z.boolean() }),
    from: 'extension',
    handle: ({ notifications }, { services }) => services.alerts.settings.set({ notifications }),
  }),
  openAlertsPage: defineMessage({
    schema: NothingSchema,
    from: 'panel',
    async handle(_, { services }) {
      await services.alerts.openPage();
      return null;
    },
  }),
};
