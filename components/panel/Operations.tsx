/**
 * What the merchant can do on a bulk coupon promotion: its jobs (cards with their controls),
 * the "Generate codes" form, and the Import, Export (with "Usage report") and Purge groups.
 * One writing job at a time per promotion (the background's lock decides the same), so the
 * writing buttons wait while one is unfinished; exports and usage reports only read, so they
 * start beside anything, a paused or interrupted job included.
 */
import type { JSX } from 'preact';
import { i18n } from '#i18n';
import type { PromotionInfo, StoreView } from '@/utils/messages';
import { isUnfinished } from '@/utils/ui/job-text';
import { ErrorAlert } from '../ErrorAlert';
import { AlertOffer } from './AlertOffer';
import { EstimateLine } from '../EstimateLine';
import { GenerateForm } from '../GenerateForm';
import { JobCard } from '../JobCard';
import type { PanelModel } from '../state/panel-model';
import { isDialogOpen } from '../state/panel-state';
import { useStore } from '../state/use-store';
import { visibleJobs } from '../state/visible-jobs';

export type DialogName = 'purge' | 'import';

/** The panel owns its dialogs' focus: it learns which button opened one, to go back there. */
export interface DialogHooks {
  /** Opens a dialog (purge: on a purge job, or at its first step), remembering which button opened it. */
  open: (name: DialogName, opener: HTMLElement, jobId?: string | null) => void;
  /** The buttons that open each dialog, for focus to go back to when the opener has gone. */
  buttonRefs: Record<DialogName, (el: HTMLButtonElement | null) => void>;
}

/** While a job runs, the start buttons point at the hint that says why they wait. */
const RUNNING_HINT = 'bcm-running-hint';

function ExportGroup(props: {
  model: PanelModel;
  blocked: boolean;
  codeCount: number | null;
}): JSX.Element {
  const { model } = props;
  const unusedOnly = useStore(model.form, (st) => st.exportUnusedOnly);
  const forEmail = useStore(model.form, (st) => st.exportForEmail);
  return (
    <div class="bcm-group" role="group" aria-labelledby="bcm-export-title">
      <h3 id="bcm-export-title" class="bcm-section-title">
        {i18n.t('forms.export.title')}
      </h3>
      <div class="bcm-actions">
        <button
          type="button"
          class="bcm-button"
          disabled={props.blocked}
          aria-describedby={forEmail ? 'bcm-email-hint' : undefined}
          onClick={() => void model.startExport(unusedOnly, forEmail)}
        >
          {i18n.t('forms.export.button')}
        </button>
        <span class="bcm-check">
          <input
            id="bcm-unused-only"
            type="checkbox"
            checked={unusedOnly}
            onChange={(e) => model.form.setState({ exportUnusedOnly: e.currentTarget.checked })}
          />
          <label for="bcm-unused-only">{i18n.t('forms.export.unusedOnly')}</label>
        </span>
        <span class="bcm-check">
          <input
            id="bcm-email-tools"
            type="checkbox"
            checked={forEmail}
            // Codes to send out: unused ones, unless the merchant says otherwise.
            onChange={(e) => {
              const on = e.currentTarget.checked;
              model.form.setState(
                on ? { exportForEmail: on, exportUnusedOnly: on } : { exportForEmail: on },
              );
            }}
          />
          <label for="bcm-email-tools">{i18n.t('forms.export.forEmail')}</label>
        </span>
      </div>
      {forEmail ? (
        <p id="bcm-email-hint" class="bcm-hint">
          {i18n.t('forms.export.emailHint')}
        </p>
      ) : null}
      <div class="bcm-actions">
        {/* The same reading as an export, without a file: the job card shows the chart. */}
        <button
          type="button"
          class="bcm-button"
          disabled={props.blocked}
          aria-describedby="bcm-usage-hint"
          onClick={() => void model.startUsageReport()}
        >
          {i18n.t('forms.export.usageReport')}
        </button>
      </div>
      <p id="bcm-usage-hint" class="bcm-hint">
        {i18n.t('forms.export.usageHint')}
      </p>
      <EstimateLine
        model={model}
        id="bcm-export-estimate"
        lead={i18n.t('forms.export.either')}
        planned={props.codeCount === null ? null : { kind: 'export', codes: props.codeCount }}
      />
    </div>
  );
}

/** Import and Purge: a button that opens its dialog, and what it does. */
interface DialogGroupProps {
  name: DialogName;
  title: string;
  button: string;
  hint: string;
  blocked: boolean;
  running: boolean;
  dialog: DialogHooks;
}

function DialogGroup(props: DialogGroupProps): JSX.Element {
  const { name } = props;
  return (
    <div class="bcm-group" role="group" aria-labelledby={`bcm-${name}-title`}>
      <h3 id={`bcm-${name}-title`} class="bcm-section-title">
        {props.title}
      </h3>
      <div class="bcm-actions">
        <button
          type="button"
          class={name === 'purge' ? 'bcm-button bcm-danger' : 'bcm-button'}
          ref={props.dialog.buttonRefs[name]}
          disabled={props.blocked}
          aria-describedby={props.running ? RUNNING_HINT : `bcm-${name}-hint`}
          onClick={(e) => props.dialog.open(name, e.currentTarget)}
        >
          {props.button}
        </button>
      </div>
      <p id={`bcm-${name}-hint`} class="bcm-hint">
        {props.hint}
      </p>
    </div>
  );
}

export function Operations(props: {
  model: PanelModel;
  store: StoreView;
  info: PromotionInfo;
  dialog: DialogHooks;
}): JSX.Element {
  const { model, store, info } = props;
  const s = useStore(model.panel, (st) => st);
  const allJobs = useStore(model.jobs, (st) => st.jobs);
  const storeHash = s.location?.storeHash ?? '';
  const jobs = visibleJobs(allJobs, storeHash, info.id, s.dismissed);
  // Only a writing job holds the promotion: an export beside it is fine, and two exports too.
  const running = jobs.some((job) => job.writes && isUnfinished(job.status));
  const readOnly = store.access === 'read-only';
  const blocked = running || s.busy;
  const groupProps = { blocked, running, dialog: props.dialog };

  return (
    <>
      <AlertOffer model={model} />
      {jobs.map((job) => (
        <JobCard
          key={job.id}
          job={job}
          busy={s.busy}
          onControl={(action, person) => void model.control(job.id, action, person)}
          onDownload={(kind, person) => void model.download(job.id, kind, person)}
          onDismiss={() => model.dismissJob(job.id)}
          onReview={
            job.reviewable ? (opener) => props.dialog.open('purge', opener, job.id) : undefined
          }
        />
      ))}
      {/* While a dialog is open it shows the error itself. */}
      {s.actionError && !isDialogOpen(s) ? <ErrorAlert message={s.actionError} /> : null}
      {running ? (
        <p class="bcm-muted" id={RUNNING_HINT}>
          {i18n.t('forms.running')}
        </p>
      ) : null}
      {readOnly ? (
        <p class="bcm-notice">{i18n.t('forms.readOnly')}</p>
      ) : (
        <GenerateForm model={model} disabled={blocked} />
      )}
      <div class="bcm-row">
        <ExportGroup model={model} blocked={s.busy} codeCount={info.codeCount} />
        {readOnly ? null : (
          <>
            <DialogGroup
              name="import"
              title={i18n.t('forms.import.title')}
              button={i18n.t('forms.import.button')}
              hint={i18n.t('forms.import.hint')}
              {...groupProps}
            />
            <DialogGroup
              name="purge"
              title={i18n.t('forms.purge.title')}
              button={i18n.t('forms.purge.button')}
              hint={i18n.t('forms.purge.hint')}
              {...groupProps}
            />
          </>
        )}
      </div>
    </>
  );
}
