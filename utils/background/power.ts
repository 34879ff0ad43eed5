/**
 * Keeps the computer awake while a job creates or deletes codes, where the merchant granted the
 * optional `power` permission (Chrome; Firefox has no such API): a sleeping laptop would stop
 * the job. Released as soon as no writing job runs. Without the permission nothing happens.
 */
import { browser } from '#imports';
import { hasPermission } from './has-permission';
import type { JobView } from '../jobs/types';

interface PowerApi {
  requestKeepAwake(level: 'system' | 'display'): void;
  releaseKeepAwake(): void;
}

/** A job that creates or deletes codes is sending requests (or about to). */
export function writingUnderWay(jobs: readonly JobView[]): boolean {
  return jobs.some((j) => j.writes && (j.status === 'running' || j.status === 'queued'));
}

export function createPowerHold() {
  let held = false;
  const power = () => (browser as unknown as { power?: PowerApi }).power;
  return async function update(writing: boolean): Promise<void> {
    if (writing === held) return;
    if (!writing) {
      power()?.releaseKeepAwake();
      held = false;
      return;
    }
    const api = power();
    const granted = await hasPermission('power');
    if (!api || !granted) return;
    api.requestKeepAwake('system');
    held = true;
  };
}
