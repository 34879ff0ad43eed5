/**
 * Starting a job a page asked for: the start rules (utils/jobs/start-rules.ts), the job, and
 * whether to offer notifications now that it runs (utils/messages/alerts.ts).
 */
import type { BigCommerceClient } from '../api/client';
import type { JobRequest } from '../jobs/kinds';
import { checkStart, type StartRulesDeps } from '../jobs/start-rules';

export interface JobStartsDeps extends StartRulesDeps {
  registry: { start(request: JobRequest, promotionName: string | null): Promise<string> };
  /** Whether the panel should offer notifications (never fails the start). */
  offerAlerts(request: JobRequest, jobId: string, client: BigCommerceClient): Promise<boolean>;
}

export function createJobStarts(d: JobStartsDeps) {
  return async (request: JobRequest): Promise<{ jobId: string; offerAlerts: boolean }> => {
    const { promotionName, client } = await checkStart(request, d);
    const jobId = await d.registry.start(request, promotionName);
    return { jobId, offerAlerts: await d.offerAlerts(request, jobId, client) };
  };
}
