/**
 * One job as the background reports it: progress, rate, time left, why it waits, the codes'
 * usage once read, and the buttons that apply. Used by the panel and by the popup (which also names store and promotion).
 */
import type { JSX } from 'preact';
import type { ControlAction } from '@/utils/messages';
import type { JobFile, JobView } from '@/utils/jobs/types';
import { formatCount, formatRate } from '@/utils/ui/format';
import {
  STATUS_LABEL,
  controlsFor,
  etaText,
  interruptedText,
  pausedText,
  progressText,
  waitText,
} from '@/utils/ui/job-text';
import { say, sayError, sayMaybe } from '@/utils/ui/say';
import { i18n } from '#i18n';
import { ProgressBar } from './ProgressBar';
import { UsageChart } from './UsageChart';
import { fromPerson, type Person } from './trusted';
import { useNow } from './use-now';

interface JobCardProps {
  job: JobView;
  /** `person`: the proof a person pressed it (Resume needs it; Pause and Cancel do not). */
  onControl: (action: ControlAction, person: Person | null) => void;
  onDownload: (fileKind: JobFile['kind'], person: Person | null) => void;
  /** Puts a finished job away (panel) or removes it from the list (popup). */
  onDismiss?: () => void;
  dismissLabel?: string;
  /** A purge waiting for the merchant's word: reopen the dialog (from this button). */
  onReview?: (opener: HTMLElement) => void;
  /** The popup shows which store and promotion the job belongs to. */
  showContext?: boolean;
  busy?: boolean;
  clock?: () => number;
}

/** Files the browser did not manage to save, said plainly (each has its button to try again). */
function SaveFailures(props: { job: JobView }) {
  const failed = props.job.files.filter((f) => f.saved?.state === 'failed');
  if (failed.length === 0) return null;
  return (
    <>
      {failed.map((f) => (
        <p key={f.kind} class="bcm-error" role="alert">
          {i18n.t('jobCard.saveFailed', [
            f.filename,
            sayError(f.saved?.error ?? null) ?? '',
            sayMaybe(props.job.words.files[f.kind]),
          ])}
        </p>
      ))}
    </>
  );
}

function Downloads(props: {
  job: JobView;
  onDownload: JobCardProps['onDownload'];
  busy?: boolean;
}) {
  const files = props.job.files.filter((file) => file.rows > 0 || props.job.status === 'completed');
  if (files.length === 0) return null;
  return (
    <>
      {files.map((file) => (
        <button
          key={file.kind}
          type="button"
          class="bcm-button"
          disabled={props.busy}
          title={file.filename}
          onClick={(e) => props.onDownload(file.kind, fromPerson(e))}
        >
          {sayMaybe(props.job.words.files[file.kind])}
        </button>
      ))}
    </>
  );
}

export function JobCard(props: JobCardProps): JSX.Element {
  const { job } = props;
  const { words } = job;
  const wait = job.status === 'running' ? job.progress.wait : null;
  const ticking = wait !== null && wait.kind !== 'reconciling' && wait.kind !== 'retrying';
  const now = useNow(ticking, props.clock);
  const controls = controlsFor(job.status);
  const titleId = `bcm-job-${job.id}-title`;
  const showProgress =
    job.status === 'running' ||
    job.status === 'paused' ||
    job.status === 'interrupted' ||
    job.status === 'queued';
  const eta = job.status === 'running' ? etaText(job) : null;

  return (
    <article class={`bcm-job bcm-job-${job.status}`} aria-labelledby={titleId}>
      <h3 id={titleId} class="bcm-job-title">
        {say(words.title)}
        <span class="bcm-badge">{STATUS_LABEL[job.status]}</span>
      </h3>
      {props.showContext ? (
        <p class="bcm-job-context">
          {i18n.t('jobCard.context', [
            job.promotionName ?? i18n.t('jobCard.promotion', [String(job.promotionId)]),
            job.storeHash,
          ])}
        </p>
      ) : null}

      {showProgress ? (
        <div class="bcm-job-progress">
          <ProgressBar
            label={say(words.doing)}
            done={job.progress.done}
            total={job.progress.total}
          />
          <p class="bcm-progress-text">
            <span class="bcm-count">{progressText(job)}</span>
            {job.status === 'running' && job.progress.ratePerSecond > 0 ? (
              <span> · {formatRate(job.progress.ratePerSecond)}</span>
            ) : null}
            {eta ? <span> · {eta}</span> : null}
          </p>
        </div>
      ) : null}

      {wait ? <p class="bcm-wait">{waitText(wait, now, job.updatedAt)}</p> : null}
      {job.status === 'queued' ? <p class="bcm-muted">{i18n.t('jobCard.waitingToStart')}</p> : null}
      {job.status === 'paused' ? (
        <p class={job.error ? 'bcm-notice' : 'bcm-muted'}>{pausedText(job)}</p>
      ) : null}
      {job.status === 'interrupted' ? <p class="bcm-notice">{interruptedText()}</p> : null}
      {job.status === 'awaiting-confirmation' ? (
        <p class="bcm-notice">
          {job.purge?.targetCount != null
            ? i18n.t('jobCard.willDelete', job.purge.targetCount, [
                formatCount(job.purge.targetCount),
              ])
            : i18n.t('jobCard.awaiting')}
        </p>
      ) : null}
      {job.status === 'completed' ? (
        <p role="status" class="bcm-success">
          {sayMaybe(words.ended)}
        </p>
      ) : null}
      {words.note ? <p class="bcm-notice">{say(words.note)}</p> : null}
      {job.status === 'cancelled' ? (
        <p role="status" class="bcm-muted">
          {sayMaybe(words.ended)}
        </p>
      ) : null}
      {job.status === 'failed' ? (
        <p role="alert" class="bcm-error">
          {sayMaybe(words.ended)}
        </p>
      ) : null}

      {/* Exports (and usage reports) and purges' scans read how the codes are used. */}
      {job.usage ? (
        <UsageChart
          usage={job.usage}
          id={`bcm-job-${job.id}`}
          lead={words.usageLead ? say(words.usageLead) : undefined}
        />
      ) : null}

      {job.status !== 'awaiting-confirmation' ? <SaveFailures job={job} /> : null}

      <div class="bcm-actions">
        {job.status === 'awaiting-confirmation' && props.onReview ? (
          <button
            type="button"
            class="bcm-button bcm-danger"
            disabled={props.busy}
            onClick={(e) => props.onReview?.(e.currentTarget)}
          >
            {i18n.t('jobCard.review')}
          </button>
        ) : null}
        {controls.pause ? (
          <button
            type="button"
            class="bcm-button"
            disabled={props.busy}
            onClick={() => props.onControl('pause', null)}
          >
            {i18n.t('jobCard.pause')}
          </button>
        ) : null}
        {controls.resume ? (
          <button
            type="button"
            class="bcm-button bcm-primary"
            disabled={props.busy}
            onClick={(e) => props.onControl('resume', fromPerson(e))}
          >
            {i18n.t('jobCard.resume')}
          </button>
        ) : null}
        {controls.cancel ? (
          <button
            type="button"
            class="bcm-button"
            disabled={props.busy}
            onClick={() => props.onControl('cancel', null)}
          >
            {i18n.t('common.cancel')}
          </button>
        ) : null}
        {!controls.cancel || job.earlyFiles ? (
          <Downloads job={job} onDownload={props.onDownload} busy={props.busy} />
        ) : null}
        {!controls.cancel && props.onDismiss ? (
          <button type="button" class="bcm-button bcm-link" onClick={props.onDismiss}>
            {props.dismissLabel ?? i18n.t('jobCard.dismiss')}
          </button>
        ) : null}
      </div>
    </article>
  );
}
