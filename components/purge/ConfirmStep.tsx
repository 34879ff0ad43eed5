/**
 * The purge dialog's confirm step: how many codes will be deleted and from where (the facts),
 * where the backup stands, and the word PURGE typed by a person. Deleting waits for the
 * backup to be on disk and for a fresh scan (an old one is found again first).
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { JobView, PurgeMode } from '@/utils/jobs/types';
import { isPlanStale, type ErrorWords, type Said } from '@/utils/vocabulary';
import { sayError, sayValue } from '@/utils/ui/say';
import { formatCount } from '@/utils/ui/format';
import type { PanelModel } from '../state/panel-model';
import { useStore } from '../state/use-store';
import { fromPerson, personsValue, usePersonForm } from '../trusted';
import { useNow } from '../use-now';
import { i18n } from '#i18n';
import { slot, withParts } from '../with-parts';

const CONFIRM_WORD = 'PURGE';

const MODE_TEXT: Record<PurgeMode, () => string> = {
  all: () => i18n.t('confirm.mode.all'),
  unused: () => i18n.t('confirm.mode.unused'),
  list: () => i18n.t('confirm.mode.list'),
};

/** What the merchant's file gave: its codes, and which lines were skipped and why. */
function FileSummary(props: { purge: NonNullable<JobView['purge']> }): JSX.Element | null {
  const { fileCodes, skippedLines: count, skipped = [] } = props.purge;
  if (fileCodes == null) return null;
  const lines = count
    ? ` ${i18n.t(skipped.length ? 'confirm.skippedList' : 'confirm.skipped', count, [formatCount(count)])}`
    : '';
  const more = (count ?? 0) - skipped.length;
  return (
    <>
      <p class="bcm-muted">
        {i18n.t('confirm.fileLists', fileCodes, [formatCount(fileCodes)])}
        {lines}
      </p>
      {count && skipped.length ? (
        <ul class="bcm-muted">
          {skipped.map((s) => (
            <li key={s.line}>{i18n.t('confirm.line', [String(s.line), sayError(s.reason)])}</li>
          ))}
          {more > 0 ? <li>{i18n.t('confirm.more', [formatCount(more)])}</li> : null}
        </ul>
      ) : null}
    </>
  );
}

/** A failed save's words (fileSave.*) as a sentence about the backup, without its full stop. */
const BACKUP_WORDS: Record<string, (words: Said) => string> = {
  'fileSave.notSaved': (words) =>
    i18n.t('confirm.backupNotSavedWhy', [sayValue(words.values?.[0] ?? '')]),
  'fileSave.moved': () => i18n.t('confirm.backupMoved'),
  'fileSave.forgotten': () => i18n.t('confirm.backupForgotten'),
};

function backupProblem(error: ErrorWords | null | undefined): string {
  if (error && typeof error !== 'string')
    return BACKUP_WORDS[error.key]?.(error) ?? i18n.t('confirm.backupNotSaved');
  // The sentence of a job stored before files' errors were said: "The file was not saved: …".
  const notSaved = /^The file was not saved: (.*?)\.?$/.exec(error ?? '');
  if (notSaved) return i18n.t('confirm.backupNotSavedWhy', [notSaved[1] ?? '']);
  return error
    ? i18n.t('confirm.backupProblem', [error.replace(/^The file /, '').replace(/\.$/, '')])
    : i18n.t('confirm.backupNotSaved');
}

/** What will be deleted, and where: store, promotion, which codes, and what the file gave. */
function PurgeFacts(props: { job: JobView; promotionName: string | undefined }): JSX.Element {
  const { job } = props;
  const purge = job.purge!;
  const name =
    job.promotionName ??
    props.promotionName ??
    i18n.t('confirm.promotionFallback', [String(job.promotionId)]);
  return (
    <>
      <dl class="bcm-facts">
        <dt>{i18n.t('find.store')}</dt>
        <dd>{job.storeHash}</dd>
        <dt>{i18n.t('picker.label')}</dt>
        <dd>{i18n.t('confirm.promotionId', [name, String(job.promotionId)])}</dd>
        <dt>{i18n.t('codes.title')}</dt>
        <dd>{MODE_TEXT[purge.mode]()}</dd>
      </dl>
      <FileSummary purge={purge} />
      {purge.mode === 'unused' ? <p class="bcm-muted">{i18n.t('confirm.readAgain')}</p> : null}
      {purge.notFound ? (
        <p class="bcm-muted">
          {i18n.t('confirm.notFound', purge.notFound, [formatCount(purge.notFound)])}
        </p>
      ) : null}
    </>
  );
}

/** Where the backup stands; deleting waits until the browser says it is on disk. */
function BackupState(props: { model: PanelModel; job: JobView }): JSX.Element {
  const { model, job } = props;
  const busy = useStore(model.panel, (s) => s.busy);
  const file = job.files.find((f) => f.kind === 'purge-backup');
  const again = (label: string) => (
    <button
      type="button"
      class="bcm-button"
      disabled={busy}
      onClick={(e) => void model.download(job.id, 'purge-backup', fromPerson(e))}
    >
      {label}
    </button>
  );
  if (!file) return <p class="bcm-muted">{i18n.t('confirm.preparing')}</p>;
  const state = file.saved?.state;
  if (state === 'saved')
    return (
      <div class="bcm-backup">
        <p class="bcm-success" role="status">
          {withParts(i18n.t('confirm.saved', file.rows, [slot(0), formatCount(file.rows)]), [
            <code>{file.filename}</code>,
          ])}
        </p>
        <p>{again(i18n.t('confirm.download'))}</p>
      </div>
    );
  if (state === 'failed')
    return (
      <div class="bcm-backup">
        <p class="bcm-error" role="alert">
          {backupProblem(file.saved?.error)}. {i18n.t('confirm.nothingDeleted')}
        </p>
        <p class="bcm-muted">{i18n.t('confirm.ownCopy')}</p>
        <p>{again(i18n.t('confirm.saveAgain'))}</p>
      </div>
    );
  return (
    <p class="bcm-muted" role="status">
      {withParts(i18n.t('confirm.saving', [slot(0)]), [<code>{file.filename}</code>])}
    </p>
  );
}

/** Shown for a purge awaiting confirmation with codes to delete (`job.purge` is set). */
export function ConfirmStep(props: { model: PanelModel; job: JobView }): JSX.Element {
  const { model, job } = props;
  const purge = job.purge!;
  const targetCount = purge.targetCount ?? 0;
  const busy = useStore(model.panel, (s) => s.busy);
  const promotion = useStore(model.panel, (s) => s.promotion.value);
  const now = useNow(true);
  const [word, setWord] = useState('');
  const gate = usePersonForm();
  const backupSaved = job.files.some(
    (f) => f.kind === 'purge-backup' && f.saved?.state === 'saved',
  );
  const age = purge.plannedAt === null ? 0 : now - purge.plannedAt;
  const stale = isPlanStale(purge, now);
  const ready = word === CONFIRM_WORD && !busy && backupSaved && !stale;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        // Enter in the field, or the button, pressed by a person; never a page script's submit.
        const person = gate.submitted(e);
        if (ready && person) void model.confirmPurge(person, job.id);
      }}
    >
      <p class="bcm-big bcm-danger-text" role="status">
        {i18n.t('confirm.willDelete', targetCount, [formatCount(targetCount)])}
      </p>
      <PurgeFacts job={job} promotionName={promotion?.name} />
      <BackupState model={model} job={job} />
      <p class="bcm-muted">{i18n.t('confirm.final')}</p>
      {stale ? (
        <div>
          <p class="bcm-error" role="alert">
            {i18n.t('confirm.stale', [formatCount(Math.round(age / 60_000))])}
          </p>
          <div class="bcm-actions">
            <button
              type="button"
              class="bcm-button"
              disabled={busy}
              onClick={(e) => void model.control(job.id, 'rescan', fromPerson(e))}
            >
              {i18n.t('confirm.findAgain')}
            </button>
          </div>
        </div>
      ) : (
        <div class="bcm-field">
          <label for="bcm-purge-confirm">{i18n.t('confirm.type', [CONFIRM_WORD])}</label>
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
              const typed = personsValue(e, word);
              if (typed !== null) setWord(typed);
            }}
          />
          <p id="bcm-purge-confirm-hint" class="bcm-hint">
            {i18n.t('confirm.typeHint')}
            {backupSaved ? '' : ` ${i18n.t('confirm.waitBackup')}`}
          </p>
        </div>
      )}
      <div class="bcm-actions">
        <button
          type="submit"
          class="bcm-button bcm-danger"
          disabled={!ready}
          onClick={(e) => {
            // A page script's click() would submit the form: only a person's click goes on.
            if (fromPerson(e)) gate.arm(e);
            else e.preventDefault();
          }}
        >
          {i18n.t('confirm.purge')}
        </button>
        <button type="button" class="bcm-button" onClick={() => void model.closePurgeDialog()}>
          {i18n.t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
