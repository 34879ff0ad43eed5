/**
 * The purge dialog's first step: which codes to delete (all, unused, or those listed in a
 * CSV file). Submitting starts the scan and backup; nothing is deleted yet.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { PurgeMode } from '@/utils/jobs/types';
import { formatCount } from '@/utils/ui/format';
import { plannedPurge } from '@/utils/codes/planned-job';
import { PURGE_LIST_MAX_BYTES } from '@/utils/vocabulary';
import { EstimateLine } from '../EstimateLine';
import { readChosenFile } from '../read-file';
import type { PanelModel } from '../state/panel-model';
import { useStore } from '../state/use-store';
import { fromPerson, personsValue, usePersonForm } from '../trusted';
import { i18n } from '#i18n';

/**
 * The file is only read as text here (read-file.ts): the background parses and checks it (and
 * says in plain words what is wrong with a malformed one), which keeps the CSV parser out of the page.
 */
interface FileState {
  name: string;
  text: string;
  summary: string;
  error: string | null;
}

export function ChooseStep(props: { model: PanelModel; codeCount: number | null }): JSX.Element {
  const { model } = props;
  const busy = useStore(model.panel, (s) => s.busy);
  const [mode, setMode] = useState<PurgeMode>('unused');
  const [file, setFile] = useState<FileState | null>(null);
  const [reading, setReading] = useState(false);
  const gate = usePersonForm();

  const onFile = async (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    if (!chosen) {
      setFile(null);
      return;
    }
    setReading(true);
    const read = await readChosenFile(chosen, PURGE_LIST_MAX_BYTES);
    const summary = i18n.t('purge.fileReady', [
      chosen.name,
      formatCount(Math.ceil(chosen.size / 1024)),
    ]);
    setFile({
      name: chosen.name,
      text: 'text' in read ? read.text : '',
      summary,
      error: 'error' in read ? read.error : null,
    });
    setReading(false);
  };

  const canStart =
    !busy &&
    !reading &&
    (mode !== 'list' || (file !== null && file.text.length > 0 && !file.error));
  const total =
    props.codeCount !== null
      ? i18n.t('purge.allHintCount', props.codeCount, [formatCount(props.codeCount)])
      : i18n.t('purge.allHint');
  const option = (value: PurgeMode, label: string, hint: string) => (
    <div class="bcm-radio">
      <input
        type="radio"
        id={`bcm-purge-${value}`}
        name="bcm-purge-mode"
        value={value}
        checked={mode === value}
        aria-describedby={`bcm-purge-${value}-hint`}
        onChange={(e) => {
          // Which codes are deleted is a person's choice: a page script's click is undone.
          if (personsValue(e, mode) !== null) setMode(value);
        }}
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
        // Only a person's click or Enter sets a purge going, never a page script's submit.
        const person = gate.submitted(e);
        if (canStart && person)
          void model.startPurge(person, mode, mode === 'list' ? file?.text : undefined);
      }}
    >
      <fieldset class="bcm-fieldset">
        <legend>{i18n.t('purge.which')}</legend>
        {option('all', i18n.t('codes.all'), total)}
        {option('unused', i18n.t('codes.unused'), i18n.t('purge.unusedHint'))}
        {option('list', i18n.t('purge.fromFile'), i18n.t('purge.fromFileHint'))}
      </fieldset>
      {mode === 'list' ? (
        <div class="bcm-field">
          <label for="bcm-purge-file">{i18n.t('purge.file')}</label>
          <input
            id="bcm-purge-file"
            type="file"
            accept=".csv,.txt,text/csv,text/plain"
            aria-describedby="bcm-purge-file-message"
            aria-invalid={file?.error ? 'true' : undefined}
            onChange={(e) => {
              // A page script can put a list of its choosing in the field: only a person's choice counts.
              if (fromPerson(e)) void onFile(e.currentTarget);
              else e.currentTarget.value = '';
            }}
          />
          <p
            id="bcm-purge-file-message"
            class={file?.error ? 'bcm-field-error' : 'bcm-hint'}
            role={file?.error ? 'alert' : undefined}
          >
            {reading
              ? i18n.t('purge.readingFile')
              : (file?.error ?? (file?.summary || i18n.t('purge.fileHint')))}
          </p>
        </div>
      ) : null}
      <EstimateLine
        model={model}
        id="bcm-purge-estimate"
        planned={props.codeCount === null ? null : plannedPurge(mode, props.codeCount, file?.text)}
      />
      <p class="bcm-muted">{i18n.t('purge.nothingYet')}</p>
      <div class="bcm-actions">
        <button type="submit" class="bcm-button bcm-danger" disabled={!canStart} onClick={gate.arm}>
          {i18n.t('purge.find')}
        </button>
        <button type="button" class="bcm-button" onClick={() => void model.closePurgeDialog()}>
          {i18n.t('common.close')}
        </button>
      </div>
    </form>
  );
}
