/**
 * Purge, in three steps: choose which codes (purge/ChooseStep.tsx); the background finds them
 * and writes a backup (scanning, here); the merchant reads the count and types PURGE
 * (purge/ConfirmStep.tsx). Closing before that cancels the job, so nothing is deleted unless
 * the word was typed and "Purge" pressed. This shell picks the step from the job's state.
 */
import type { JSX } from 'preact';
import { i18n } from '#i18n';
import { formatCount } from '@/utils/ui/format';
import { progressText } from '@/utils/ui/job-text';
import { Dialog } from './Dialog';
import { ErrorAlert } from './ErrorAlert';
import { ProgressBar } from './ProgressBar';
import { ChooseStep } from './purge/ChooseStep';
import { ConfirmStep } from './purge/ConfirmStep';
import type { PanelModel } from './state/panel-model';
import { useStore } from './state/use-store';
import { sayMaybe } from '@/utils/ui/say';

/** The dialog's way out once there is nothing left to decide. */
function CloseAction(props: { model: PanelModel }): JSX.Element {
  return (
    <div class="bcm-actions">
      <button type="button" class="bcm-button" onClick={() => void props.model.closePurgeDialog()}>
        {i18n.t('common.close')}
      </button>
    </div>
  );
}

export function PurgeDialog(props: { model: PanelModel }): JSX.Element {
  const { model } = props;
  const jobId = useStore(model.panel, (s) => s.purgeDialog.jobId);
  const codeCount = useStore(model.panel, (s) => s.promotion.value?.codeCount ?? null);
  const error = useStore(model.panel, (s) => s.actionError);
  const job = useStore(model.jobs, (s) =>
    jobId === null ? undefined : s.jobs.find((j) => j.id === jobId),
  );

  // `step` names the step for the Dialog, which moves focus when it changes.
  let step: string;
  let body: JSX.Element;
  if (jobId === null) {
    step = 'choose';
    body = <ChooseStep model={model} codeCount={codeCount} />;
  } else if (job?.status === 'awaiting-confirmation' && (job.purge?.targetCount ?? 0) > 0) {
    step = 'confirm';
    body = <ConfirmStep model={model} job={job} />;
  } else if (job?.status === 'awaiting-confirmation') {
    step = 'nothing';
    body = (
      <>
        <p role="status" data-autofocus="" tabIndex={-1}>
          {i18n.t('forms.purgeDialog.noMatch')}
          {job.purge?.notFound
            ? ` ${i18n.t('forms.purgeDialog.notFound', job.purge.notFound, [formatCount(job.purge.notFound)])}`
            : ''}
        </p>
        <CloseAction model={model} />
      </>
    );
  } else if (
    job &&
    (job.status === 'failed' || job.status === 'cancelled' || job.status === 'completed')
  ) {
    step = 'over';
    body = (
      <>
        {job.status === 'failed' ? (
          <p role="alert" class="bcm-error" data-autofocus="" tabIndex={-1}>
            {sayMaybe(job.words.ended)}
          </p>
        ) : (
          <p role="status" data-autofocus="" tabIndex={-1}>
            {job.status === 'cancelled'
              ? i18n.t('forms.purgeDialog.cancelled')
              : i18n.t('forms.purgeDialog.finished')}
          </p>
        )}
        <CloseAction model={model} />
      </>
    );
  } else {
    // Started (or its first report not in yet): the scan and the backup are under way.
    step = 'scanning';
    body = (
      <>
        <p data-autofocus="" tabIndex={-1}>
          {i18n.t('forms.purgeDialog.scanning')}
        </p>
        {job ? (
          <>
            <ProgressBar
              label={i18n.t('forms.purgeDialog.finding')}
              done={job.progress.done}
              total={job.progress.total}
            />
            <p class="bcm-progress-text">
              {i18n.t('forms.purgeDialog.checked', [progressText(job)])}
            </p>
          </>
        ) : null}
        <div class="bcm-actions">
          <button type="button" class="bcm-button" onClick={() => void model.closePurgeDialog()}>
            {i18n.t('common.cancel')}
          </button>
        </div>
      </>
    );
  }

  return (
    <Dialog
      title={i18n.t('forms.purgeDialog.title')}
      danger
      stepKey={step}
      onClose={() => void model.closePurgeDialog()}
    >
      {error ? <ErrorAlert message={error} /> : null}
      {body}
    </Dialog>
  );
}
