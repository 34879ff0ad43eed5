/**
 * Notifications about jobs, when the merchant wants them: the setting is on and the optional
 * `notifications` permission granted (without it nothing here does anything). A click opens
 * the manager page at that job's promotion.
 */
import { browser } from '#imports';
import { hasPermission } from './has-permission';
import type { JobStatus, JobView } from '../jobs/types';
import type { AlertSettingsStore } from '../storage/alerts';
import type { JobNotice } from '../ui/notice-text';

const PREFIX = 'bcm-job:';
const ICON = '/icon-128.png';

export function managerUrl(job: Pick<JobView, 'storeHash' | 'promotionId' | 'id'>): string {
  const query = new URLSearchParams({
    store: job.storeHash,
    promotion: String(job.promotionId),
    job: job.id,
  });
  return browser.runtime.getURL(`/manager.html?${query.toString()}` as '/manager.html');
}

export function createNotifier(o: {
  settings: AlertSettingsStore;
  jobs(): Promise<JobView[]>;
  /** What changed that deserves a notice (utils/ui/notice-text.ts, handed in by the entrypoint). */
  notices(before: ReadonlyMap<string, JobStatus>, jobs: readonly JobView[]): JobNotice[];
}) {
  let seen: Map<string, JobStatus> | null = null;
  let listening = false;

  function listen(): void {
    const api = browser.notifications;
    if (listening || !api) return;
    listening = true;
    api.onClicked.addListener((id) => {
      if (!id.startsWith(PREFIX)) return;
      const jobId = id.slice(PREFIX.length);
      void o.jobs().then(async (jobs) => {
        const job = jobs.find((j) => j.id === jobId);
        if (job) await browser.tabs.create({ url: managerUrl(job) });
        await api.clear(id);
      });
    });
  }
  // At the worker's start (a click may be what wakes it), and again once the permission comes.
  listen();
  try {
    browser.permissions.onAdded.addListener(() => listen());
  } catch {
    // Not every browser (or test double) tells when a permission is granted: the next notice listens.
  }

  async function wanted(): Promise<boolean> {
    if (!browser.notifications) return false;
    const granted = await hasPermission('notifications');
    return granted && (await o.settings.get()).notifications;
  }

  return async function jobsChanged(jobs: readonly JobView[]): Promise<void> {
    const before = seen;
    seen = new Map(jobs.map((j) => [j.id, j.status]));
    // The first list after a start is the worker catching up, not news.
    if (!before) return;
    const notices = o.notices(before, jobs);
    if (!notices.length || !(await wanted())) return;
    listen();
    for (const n of notices)
      await browser.notifications
        .create(`${PREFIX}${n.jobId}`, {
          type: 'basic',
          iconUrl: browser.runtime.getURL(ICON as '/icon-128.png'),
          title: n.title,
          message: n.message,
        })
        .catch(() => {});
  };
}
