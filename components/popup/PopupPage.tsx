/** The toolbar popup: "Find a code" in the connected stores, and running and recent jobs across stores, with their controls. */
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { JobView } from '@/utils/jobs/types';
import type { StoreView } from '@/utils/messages';
import type { UiBridge } from '@/utils/ui/bridge';
import { isUnfinished } from '@/utils/ui/job-text';
import { dateText } from '../date-text';
import { ErrorAlert } from '../ErrorAlert';
import { FindCode } from '../find/FindCode';
import { JobCard } from '../JobCard';
import { createJobsStore, feedJobs } from '../state/jobs-store';
import { useStore } from '../state/use-store';
import { StorePicker } from '../find/StorePicker';
import { sendChecked } from '../trusted';
import { i18n } from '#i18n';

/** Unfinished jobs first (newest first), then finished ones by when they ended; at most `limit`. */
export function orderJobs(jobs: readonly JobView[], limit = 20): JobView[] {
  const unfinished = jobs
    .filter((j) => isUnfinished(j.status))
    .sort((a, b) => b.createdAt - a.createdAt);
  const finished = jobs
    .filter((j) => !isUnfinished(j.status))
    .sort((a, b) => (b.finishedAt ?? b.updatedAt) - (a.finishedAt ?? a.updatedAt));
  return [...unfinished, ...finished].slice(0, Math.max(limit, unfinished.length));
}

interface PopupProps {
  bridge: UiBridge;
  onSettingsOpened?: () => void;
  /** Opens the manager page in a tab (the entrypoint has the browser's tabs; without it the link opens it). */
  onOpenManager?: () => void;
}

export function PopupPage(props: PopupProps): JSX.Element {
  const { bridge } = props;
  const jobsStore = useMemo(() => createJobsStore(), []);
  useEffect(() => feedJobs(bridge, jobsStore), [bridge, jobsStore]);
  const state = useStore(jobsStore, (s) => s);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Connected stores, for "Find a code" (null until the background has answered). */
  const [stores, setStores] = useState<StoreView[] | null>(null);
  useEffect(() => {
    void bridge.send('listStores').then((reply) => setStores(reply.ok ? reply.value : []));
  }, [bridge]);

  const run = async (request: () => Promise<{ ok: boolean; error?: string }>) => {
    setBusy(true);
    const reply = await request();
    setBusy(false);
    setError(reply.ok ? null : (reply.error ?? i18n.t('common.somethingWrong')));
    return reply.ok;
  };

  /** "Remove from list": a purge's backup stays in the extension for its 30 days, and the popup says so. */
  const remove = async (job: JobView) => {
    setNotice(null);
    setBusy(true);
    const reply = await bridge.send('removeJob', { jobId: job.id });
    setBusy(false);
    setError(reply.ok ? null : reply.error);
    if (reply.ok && reply.value.keptUntil !== null)
      setNotice(i18n.t('popup.removedKept', [dateText(reply.value.keptUntil)]));
  };

  const openSettings = async (event: Event) => {
    event.preventDefault();
    if (await run(() => bridge.send('openOptions', {}))) props.onSettingsOpened?.();
  };

  const jobs = orderJobs(state.jobs);
  return (
    <main class="bcm-page bcm-popup">
      <header class="bcm-header">
        <h1>{i18n.t('popup.title')}</h1>
        <span class="bcm-header-links">
          <a
            href="/manager.html"
            target="_blank"
            rel="noopener"
            class="bcm-link-text"
            onClick={(e) => {
              if (!props.onOpenManager) return;
              e.preventDefault();
              props.onOpenManager();
            }}
          >
            {i18n.t('popup.openManager')}
          </a>
          <a href="/options.html" class="bcm-link-text" onClick={(e) => void openSettings(e)}>
            {i18n.t('common.openSettings')}
          </a>
        </span>
      </header>
      {stores === null ? null : stores.length ? (
        <FindCode bridge={bridge} jobs={jobsStore} stores={stores} newTab picker={StorePicker} />
      ) : (
        <p class="bcm-muted">{i18n.t('popup.connectToFind')}</p>
      )}
      {state.feed === 'reconnecting' ? (
        <p class="bcm-notice">{i18n.t('popup.reconnecting')}</p>
      ) : null}
      {error ? <ErrorAlert message={error} /> : null}
      {notice ? (
        <p role="status" class="bcm-notice">
          {notice}
        </p>
      ) : null}
      {!state.loaded ? (
        <p class="bcm-muted">{i18n.t('popup.loadingJobs')}</p>
      ) : jobs.length === 0 ? (
        <p class="bcm-muted">{i18n.t('popup.noJobs')}</p>
      ) : (
        <ul class="bcm-job-list" aria-label={i18n.t('popup.jobs')}>
          {jobs.map((job) => (
            <li key={job.id}>
              <JobCard
                job={job}
                showContext
                busy={busy}
                onControl={(action, person) =>
                  void run(() =>
                    sendChecked(bridge, person, 'controlJob', { jobId: job.id, action }),
                  )
                }
                onDownload={(fileKind, person) =>
                  void run(() =>
                    sendChecked(bridge, person, 'downloadFile', { jobId: job.id, fileKind }),
                  )
                }
                onDismiss={() => void remove(job)}
                dismissLabel={i18n.t('popup.removeFromList')}
              />
              {job.status === 'awaiting-confirmation' ? (
                <p class="bcm-hint">{i18n.t('popup.confirmOnPage')}</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
