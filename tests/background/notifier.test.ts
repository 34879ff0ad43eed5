/**
 * Notifications about jobs (WxtVitest's fake browser): shown only when wanted and allowed, for
 * what changed since the worker last looked; a click opens the manager page at that job.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createNotifier } from '../../utils/background/notifier';
import { createAlertSettings } from '../../utils/storage/alerts';
import { noticesFor } from '../../utils/ui/notice-text';
import { makeJob, NOW } from '../ui/fixtures';

const done = { done: 10_000, total: 10_000, ratePerSecond: 0, etaMs: null, wait: null };

function setUp(granted: boolean) {
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(
    (async () => granted) as unknown as typeof fakeBrowser.permissions.contains,
  );
  const settings = createAlertSettings();
  const jobs = [makeJob({ status: 'completed', progress: done, finishedAt: NOW })];
  const notify = createNotifier({ settings, jobs: async () => jobs, notices: noticesFor });
  return { settings, notify };
}
const shown = () =>
  (
    fakeBrowser.notifications as unknown as { getAllCreateOptions(): Record<string, object> }
  ).getAllCreateOptions();

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

describe('createNotifier', () => {
  it('wanted and allowed: a job that completes is told once', async () => {
    const { notify } = setUp(true);
    await notify([makeJob({ status: 'running' })]);
    expect(shown()).toEqual({});
    await notify([makeJob({ status: 'completed', progress: done })]);
    expect(shown()).toEqual({
      'bcm-job:job-1': expect.objectContaining({
        type: 'basic',
        title: 'Generate codes on “Summer sale”',
        message: 'Completed: 10,000 codes generated.',
      }),
    });
  });

  it('the first list after a start is not news; nothing without the permission or with the setting off', async () => {
    const a = setUp(true);
    await a.notify([makeJob({ status: 'completed', progress: done })]);
    expect(shown()).toEqual({});
    vi.restoreAllMocks();
    fakeBrowser.reset();
    const b = setUp(false);
    await b.notify([makeJob({ status: 'running' })]);
    await b.notify([makeJob({ status: 'failed', error: 'Boom.' })]);
    expect(shown()).toEqual({});
    vi.restoreAllMocks();
    fakeBrowser.reset();
    const c = setUp(true);
    await c.settings.set({ notifications: false });
    await c.notify([makeJob({ status: 'running' })]);
    await c.notify([makeJob({ status: 'failed', error: 'Boom.' })]);
    expect(shown()).toEqual({});
  });

  it('a click opens the manager page at the job', async () => {
    const { notify } = setUp(true);
    const opened = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    await notify([makeJob({ status: 'running' })]);
    await notify([makeJob({ status: 'completed', progress: done })]);
    await (
      fakeBrowser.notifications.onClicked as unknown as { trigger(id: string): Promise<unknown> }
    ).trigger('bcm-job:job-1');
    await vi.waitFor(() => expect(opened).toHaveBeenCalledTimes(1));
    const url = new URL((opened.mock.calls[0]![0] as { url: string }).url);
    expect(url.pathname).toBe('/manager.html');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      store: 'abc123',
      promotion: '42',
      job: 'job-1',
    });
  });
});
