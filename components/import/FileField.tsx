/**
 * The import's first step: the CSV file (read by read-file.ts, checked by the background). Its
 * problems, the file's or the background's, show beside the field and are announced.
 */
import type { JSX } from 'preact';
import { fromPerson } from '../trusted';
import { i18n } from '#i18n';

const ID = 'bcm-import-file';

export function FileField(props: {
  error: string | undefined;
  onFile: (file: File | null) => void;
}): JSX.Element {
  const { error } = props;
  return (
    <div class="bcm-field">
      <label for={ID}>{i18n.t('import.file')}</label>
      <input
        id={ID}
        type="file"
        accept=".csv,.txt,text/csv,text/plain"
        data-autofocus=""
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={`${ID}-hint${error ? ` ${ID}-message` : ''}`}
        onChange={(e) => {
          // A page script can put a file of its choosing in the field: only a person's choice counts.
          if (fromPerson(e)) props.onFile(e.currentTarget.files?.[0] ?? null);
          else e.currentTarget.value = '';
        }}
      />
      <p id={`${ID}-hint`} class="bcm-hint">
        {i18n.t('import.fileHint')}
      </p>
      {error ? (
        <p id={`${ID}-message`} class="bcm-field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
