/**
 * The purge dialog's confirm step: how many codes will be deleted and from where (the facts),
 * where the backup stands, and the word PURGE typed by a person. Deleting waits for the
 * backup to be on disk and for a fresh scan (an old one is found again first).
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { JobView, PurgeMode } from '@/utils/jobs/types';
import { isPlanStale } from '@/utils/vocabulary';
import { formatCount, pluralCodes } from '@/utils/ui/format';
import type { PanelModel } from '../state/panel-model';
import { useStore } from '../state/use-store';
import { fromPerson, usePersonForm } from '../trusted';
import { useNow } from '../use-now';

const CONFIRM_WORD = 'PURGE';

const MODE_TEXT: Record<PurgeMode, string> = {
  all: 'All codes of the promotion, as found just now',
  unused: 'Codes never redeemed, as found just now',
  list: 'The codes of your file that are in this promotion',
};

/** What the merchant's file gave: its codes, and which lines were skipped and why. */
function FileSummary(props: { purge: NonNullable<JobView['purge']> }): JSX.Element | null {
  const { fileCodes, skippedLines: count, skipped = [] } = props.purge;
  if (fileCodes == null) return null;
  const lines = count
    ? ` ${formatCount(count)} ${count === 1 ? 'line was' : 'lines were'} skipped${skipped.length ? ':' : '.'}`
    : '';
  const more = (count ?? 0) - skipped.length;
  return (
    <>
      <p class="bcm-muted">
        Your file lists {pluralCodes(fileCodes)}.{lines}
      </p>
      {count && skipped.length ? (
        <ul class="bcm-muted">
          {skipped.map((s) => (
            <li key={s.line}>
              line {s.line}: {s.reason}
            </li>
          ))}
          {more > 0 ? <li>and {formatCount(more)} more</li> : null}
        </ul>
      ) : null}
    </>
  );
}

/**
 * The save's error as a sentence about the backup: "The file was not saved: the download was
 * cancelled…" and "The file is no longer where it was saved…" both come back from the background.
 */
function backupProblem(error: string | null | undefined): string {
  const notSaved = /^The file was not saved: (.*?)\.?$/.exec(error ?? '');
  if (notSaved) return `The backup file could not be saved: ${notSaved[1]}`;
  return error
    ? `The backup file ${error.replace(/^The file /, '').replace(/\.$/, '')}`
    : 'The backup file could not be saved';
}

/** What will be deleted, and where: store, promotion, which codes, and what the file gave. */
function PurgeFacts(props: { job: JobView; promotionName: string | undefined }): JSX.Element {
  const { job } = props;
  const purge = job.purge!;
  const name = job.promotionName ?? props.promotionName ?? `Promotion ${job.promotionId}`;
  return (
    <>
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
      <FileSummary purge={purge} />
      {purge.mode === 'unused' ? (
        <p class="bcm-muted">
          Just before deleting, each page of these codes is read again: a code redeemed by then is
          kept, not deleted.
        </p>
      ) : null}
      {purge.notFound ? (
        <p class="bcm-muted">
          {pluralCodes(purge.notFound)} from your file {purge.notFound === 1 ? 'was' : 'were'} not
          found in this promotion and will be left alone.
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
          {backupProblem(file.saved?.error)}. Nothing has been deleted, and nothing can be until the
          backup is saved.
        </p>
        <p class="bcm-muted">
          The extension keeps its own copy of the backup: it is saved from there.
        </p>
        <p>{again('Save backup again')}</p>
      </div>
    );
  return (
    <p class="bcm-muted" role="status">
      Saving the backup file <code>{file.filename}</code>… Deleting is possible once the browser has
      saved it.
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
        {pluralCodes(targetCount)} will be deleted
      </p>
      <PurgeFacts job={job} promotionName={promotion?.name} />
      <BackupState model={model} job={job} />
      <p class="bcm-muted">Deleted codes cannot be brought back in BigCommerce.</p>
      {stale ? (
        <div>
          <p class="bcm-error" role="alert">
            These codes were found {Math.round(age / 60_000)} minutes ago; some may have been used
            since. Nothing has been deleted. Find them again before deleting.
          </p>
          <div class="bcm-actions">
            <button
              type="button"
              class="bcm-button"
              disabled={busy}
              onClick={(e) => void model.control(job.id, 'rescan', fromPerson(e))}
            >
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
              if (fromPerson(e)) setWord(e.currentTarget.value);
              else e.currentTarget.value = word;
            }}
          />
          <p id="bcm-purge-confirm-hint" class="bcm-hint">
            In capital letters, exactly as shown.
            {backupSaved ? '' : ' Purge becomes available once the backup is saved.'}
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
          Purge
        </button>
        <button type="button" class="bcm-button" onClick={() => void model.closePurgeDialog()}>
          Cancel
        </button>
      </div>
    </form>
  );
}
