/**
 * Purge, in three steps: choose which codes; the background finds them and writes a backup;
 * the merchant reads the count and types PURGE. Closing before that cancels the job, so
 * nothing is deleted unless the word was typed and "Purge" pressed.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { JobView, PurgeMode } from '@/utils/jobs/types';
import { PLAN_FRESH_MS } from '@/utils/jobs/vocabulary';
import { formatCount, pluralCodes } from '@/utils/ui/format';
import { failedText, progressText } from '@/utils/ui/job-text';
import { Dialog } from './Dialog';
import { isTrustedEvent } from './trusted';
import { useNow } from './use-now';
import { ProgressBar } from './ProgressBar';
import type { PanelModel } from './state/panel-model';
import { useStore } from './state/use-store';

const CONFIRM_WORD = 'PURGE';

/** Largest file read here; the background accepts up to 64 MB of text. */
const MAX_FILE_BYTES = 60 * 1024 * 1024;

/**
 * The file is only read as text here: the background parses and checks it (and says in
 * plain words what is wrong with a malformed one), which keeps the CSV parser out of the page.
 */
interface FileState {
  name: string;
  text: string;
  summary: string;
  error: string | null;
}

function ChooseStep(props: { model: PanelModel; codeCount: number | null }): JSX.Element {
  const { model } = props;
  const busy = useStore(model.panel, (s) => s.busy);
  const [mode, setMode] = useState<PurgeMode>('unused');
  const [file, setFile] = useState<FileState | null>(null);
  const [reading, setReading] = useState(false);

  const onFile = async (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    if (!chosen) {
      setFile(null);
      return;
    }
    setReading(true);
    try {
      if (chosen.size > MAX_FILE_BYTES) {
        setFile({ name: chosen.name, text: '', summary: '', error: `${chosen.name} is larger than 60 MB. Split it into smaller files.` });
        return;
      }
      const text = await chosen.text();
      if (!text.trim()) setFile({ name: chosen.name, text: '', summary: '', error: `${chosen.name} is empty.` });
      else setFile({ name: chosen.name, text, summary: `${chosen.name} is ready (${formatCount(Math.ceil(chosen.size / 1024))} KB).`, error: null });
    } catch {
      setFile({ name: chosen.name, text: '', summary: '', error: `${chosen.name} could not be read. Choose the file again.` });
    } finally {
      setReading(false);
    }
  };

  const canStart = !busy && !reading && (mode !== 'list' || (file !== null && file.text.length > 0 && !file.error));
  const total = props.codeCount !== null ? ` (${pluralCodes(props.codeCount)})` : '';
  const option = (value: PurgeMode, label: string, hint: string) => (
    <div class="bcm-radio">
      <input
        type="radio"
        id={`bcm-purge-${value}`}
        name="bcm-purge-mode"
        value={value}
        checked={mode === value}
        aria-describedby={`bcm-purge-${value}-hint`}
        onChange={() => setMode(value)}
        {...(mode === value ? { 'data-autofocus': '' } : {})}
      />
      <label for={`bcm-purge-${value}`}>{label}</label>
      <p id={`bcm-purge-${value}-hint`} class="bcm-hint">
        {hint}
      </p>
    </div>
  );

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (canStart) void model.startPurge(mode, mode === 'list' ? file?.text : undefined);
      }}
    >
      <fieldset class="bcm-fieldset">
        <legend>Which codes to delete</legend>
        {option('all', 'All codes', `Every code in this promotion${total}.`)}
        {option('unused', 'Unused codes', 'Only codes that have never been redeemed.')}
        {option('list', 'Codes from a CSV file', 'Only the codes listed in a file (one per line, or a "code" column).')}
      </fieldset>
      {mode === 'list' ? (
        <div class="bcm-field">
          <label for="bcm-purge-file">CSV file with the codes</label>
          <input
            id="bcm-purge-file"
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            aria-describedby="bcm-purge-file-message"
            aria-invalid={file?.error ? 'true' : undefined}
            onChange={(e) => void onFile(e.currentTarget)}
          />
          <p id="bcm-purge-file-message" class={file?.error ? 'bcm-field-error' : 'bcm-hint'} role={file?.error ? 'alert' : undefined}>
            {reading ? 'Reading the file…' : (file?.error ?? (file?.summary || 'The file is read on this computer; only the codes are used.'))}
          </p>
        </div>
      ) : null}
      <p class="bcm-muted">
        Nothing is deleted yet: the extension first finds the matching codes and saves a backup file of them, then asks you
        to confirm.
      </p>
      <div class="bcm-actions">
        <button type="submit" class="bcm-button bcm-danger" disabled={!canStart}>
          Find codes to delete
        </button>
        <button type="button" class="bcm-button" onClick={() => void model.closePurgeDialog()}>
          Close
        </button>
      </div>
    </form>
  );
}

function fileSummary(fileCodes: number | null | undefined, skipped: number | null | undefined): string | null {
  if (fileCodes == null) return null;
  const lines = skipped ? ` ${formatCount(skipped)} ${skipped === 1 ? 'line was' : 'lines were'} skipped as unreadable.` : '';
  return `Your file lists ${pluralCodes(fileCodes)}.${lines}`;
}

/** ": the download was cancelled…" out of "The file was not saved: the download was cancelled…." */
function reasonOf(error: string | null | undefined): string {
  const reason = error?.replace(/^The file was not saved: /, '').replace(/\.$/, '');
  return reason ? `: ${reason}` : '';
}

/** Where the backup stands; deleting waits until the browser says it is on disk. */
function BackupState(props: { model: PanelModel; job: JobView }): JSX.Element {
  const { model, job } = props;
  const busy = useStore(model.panel, (s) => s.busy);
  const file = job.files.find((f) => f.kind === 'purge-backup');
  const again = (label: string) => (
    <button type="button" class="bcm-button" disabled={busy} onClick={() => void model.download(job.id, 'purge-backup')}>
      {label}
    </button>
  );
  if (!file) return <p class="bcm-muted">Preparing the backup file…</p>;
  const state = file.saved?.state;
  if (state === 'saved')
    return (
      <div class="bcm-backup">
        <p class="bcm-success" role="status">
          Backup saved: <code>{file.filename}</code> ({pluralCodes(file.rows)}).
        </p>
        <p>{again('Download backup CSV')}</p>
      </div>
    );
  if (state === 'failed')
    return (
      <div class="bcm-backup">
        <p class="bcm-error" role="alert">
          The backup file could not be saved{reasonOf(file.saved?.error)}. Nothing has been deleted, and nothing can be until the backup is
          saved.
        </p>
        <p>{again('Save backup again')}</p>
      </div>
    );
  return (
    <p class="bcm-muted" role="status">
      Saving the backup file <code>{file.filename}</code>… Deleting is possible once the browser has saved it.
    </p>
  );
}

function ConfirmStep(props: { model: PanelModel; job: JobView }): JSX.Element {
  const { model, job } = props;
  const purge = job.purge!;
  const targetCount = purge.targetCount ?? 0;
  const busy = useStore(model.panel, (s) => s.busy);
  const promotion = useStore(model.panel, (s) => s.promotion.value);
  const now = useNow(true);
  const [word, setWord] = useState('');
  const backupSaved = job.files.some((f) => f.kind === 'purge-backup' && f.saved?.state === 'saved');
  const age = purge.plannedAt === null ? 0 : now - purge.plannedAt;
  const stale = age > PLAN_FRESH_MS;
  const ready = word === CONFIRM_WORD && !busy && backupSaved && !stale;
  const name = job.promotionName ?? promotion?.name ?? `Promotion ${job.promotionId}`;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        // Enter in the field, or the button, pressed by a person; never a page script's submit().
        if (ready && isTrustedEvent(e)) void model.confirmPurge(job.id);
      }}
    >
      <p class="bcm-big bcm-danger-text" role="status">
        {pluralCodes(targetCount)} will be deleted
      </p>
      <dl class="bcm-facts">
        <dt>Store</dt>
        <dd>{job.storeHash}</dd>
        <dt>Promotion</dt>
        <dd>
          {name} (id {job.promotionId})
        </dd>
        <dt>Codes</dt>
        <dd>{MODE_TEXT[purge.mode]}</dd>
      </dl>
      {fileSummary(purge.fileCodes, purge.skippedLines) ? <p class="bcm-muted">{fileSummary(purge.fileCodes, purge.skippedLines)}</p> : null}
      {purge.notFound ? (
        <p class="bcm-muted">
          {pluralCodes(purge.notFound)} from your file {purge.notFound === 1 ? 'was' : 'were'} not found in this promotion and will be
          left alone.
        </p>
      ) : null}
      <BackupState model={model} job={job} />
      <p class="bcm-muted">Deleted codes cannot be brought back in BigCommerce.</p>
      {stale ? (
        <div>
          <p class="bcm-error" role="alert">
            These codes were found {Math.round(age / 60_000)} minutes ago; some may have been used since. Nothing has been deleted.
            Find them again before deleting.
          </p>
          <div class="bcm-actions">
            <button type="button" class="bcm-button" disabled={busy} onClick={() => void model.control(job.id, 'rescan')}>
              Find the codes again
            </button>
          </div>
        </div>
      ) : (
        <div class="bcm-field">
          <label for="bcm-purge-confirm">Type PURGE to confirm</label>
          <input
            id="bcm-purge-confirm"
            type="text"
            value={word}
            autoComplete="off"
            spellcheck={false}
            aria-describedby="bcm-purge-confirm-hint"
            data-autofocus=""
            onInput={(e) => {
              // Typing a page script dispatches does not count: the field keeps what a person typed.
              if (isTrustedEvent(e)) setWord(e.currentTarget.value);
              else e.currentTarget.value = word;
            }}
          />
          <p id="bcm-purge-confirm-hint" class="bcm-hint">
            In capital letters, exactly as shown.{backupSaved ? '' : ' Purge becomes available once the backup is saved.'}
          </p>
        </div>
      )}
      <div class="bcm-actions">
        <button
          type="submit"
          class="bcm-button bcm-danger"
          disabled={!ready}
          onClick={(e) => {
            if (!isTrustedEvent(e)) e.preventDefault();
          }}
        >
          Purge
        </button>
        <button type="button" class="bcm-button" onClick={() => void model.closePurgeDialog()}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const MODE_TEXT: Record<PurgeMode, string> = {
  all: 'All codes of the promotion, as found just now',
  unused: 'Codes never redeemed, as found just now',
  list: 'The codes of your file that are in this promotion',
};

/** The dialog's way out once there is nothing left to decide. */
function CloseAction(props: { model: PanelModel }): JSX.Element {
  return (
    <div class="bcm-actions">
      <button type="button" class="bcm-button" onClick={() => void props.model.closePurgeDialog()}>
        Close
      </button>
    </div>
  );
}

export function PurgeDialog(props: { model: PanelModel }): JSX.Element {
  const { model } = props;
  const jobId = useStore(model.panel, (s) => s.purgeDialog.jobId);
  const codeCount = useStore(model.panel, (s) => s.promotion.value?.codeCount ?? null);
  const error = useStore(model.panel, (s) => s.actionError);
  const job = useStore(model.jobs, (s) => (jobId === null ? undefined : s.jobs.find((j) => j.id === jobId)));

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
          No codes match, so nothing will be deleted.
          {job.purge?.notFound ? ` ${pluralCodes(job.purge.notFound)} from your file were not found in this promotion.` : ''}
        </p>
        <CloseAction model={model} />
      </>
    );
  } else if (job && (job.status === 'failed' || job.status === 'cancelled' || job.status === 'completed')) {
    step = 'over';
    body = (
      <>
        {job.status === 'failed' ? (
          <p role="alert" class="bcm-error" data-autofocus="" tabIndex={-1}>
            {failedText(job)}
          </p>
        ) : (
          <p role="status" data-autofocus="" tabIndex={-1}>
            {job.status === 'cancelled' ? 'This purge was cancelled; nothing was deleted.' : 'This purge has finished.'}
          </p>
        )}
        <CloseAction model={model} />
      </>
    );
  } else {
    step = 'scanning';
    body = (
      <>
        <p data-autofocus="" tabIndex={-1}>
          Finding the codes to delete and saving a backup of them. Nothing is deleted yet.
        </p>
        {job ? (
          <>
            <ProgressBar label="Finding codes to delete" done={job.progress.done} total={job.progress.total} />
            <p class="bcm-progress-text">{progressText(job)} checked</p>
          </>
        ) : null}
        <div class="bcm-actions">
          <button type="button" class="bcm-button" onClick={() => void model.closePurgeDialog()}>
            Cancel
          </button>
        </div>
      </>
    );
  }

  return (
    <Dialog title="Purge codes" danger stepKey={step} onClose={() => void model.closePurgeDialog()}>
      {error ? (
        <p role="alert" class="bcm-error">
          {error}
        </p>
      ) : null}
      {body}
    </Dialog>
  );
}
