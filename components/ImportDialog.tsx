/**
 * "Import codes": codes the merchant already has, from a CSV file. The file is read first
 * (import/FileField.tsx) and the background says what it gives (import/Preview.tsx) before
 * anything is sent to the store; "Import" then starts the job with the limits chosen here, and
 * the dialog closes (the job's card follows it). Cancel, Escape or × send nothing.
 */
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { ImportPreview } from '@/utils/messages';
import { checkUses } from '@/utils/ui/check-numbers';
import { MAX_IMPORT_BYTES } from '@/utils/vocabulary';
import { Dialog } from './Dialog';
import { ErrorAlert } from './ErrorAlert';
import { EstimateLine } from './EstimateLine';
import { Field } from './Field';
import { FileField } from './import/FileField';
import { Preview } from './import/Preview';
import { readChosenFile } from './read-file';
import type { PanelModel } from './state/panel-model';
import { useStore } from './state/use-store';
import { usePersonForm } from './trusted';
import { i18n } from '#i18n';

/** Where the chosen file stands: being read (its name), refused (why), or previewed. */
interface FileState {
  reading?: string;
  error?: string;
  preview?: ImportPreview;
}

export function ImportDialog(props: { model: PanelModel }): JSX.Element {
  const { model } = props;
  const busy = useStore(model.panel, (s) => s.busy);
  const error = useStore(model.panel, (s) => s.actionError);
  const [file, setFile] = useState<FileState>({});
  const gate = usePersonForm();
  const [maxUses, setMaxUses] = useState('1');
  const [perCustomer, setPerCustomer] = useState('1');
  // Each file chosen takes the next number; an answer about an earlier one is dropped.
  const seq = useRef(0);

  const onFile = async (chosen: File | null) => {
    const n = ++seq.current;
    setFile(chosen ? { reading: chosen.name } : {});
    if (!chosen) return;
    const read = await readChosenFile(chosen, MAX_IMPORT_BYTES);
    const reply =
      'text' in read
        ? await model.prepareImport(read.text)
        : { ok: false as const, error: read.error };
    if (reply && n === seq.current)
      setFile(reply.ok ? { preview: reply.value } : { error: reply.error });
  };

  const uses = checkUses(maxUses, false);
  const usesPerCustomer = checkUses(perCustomer, true);
  const preview = file.preview;
  const limit = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    checked: typeof uses,
  ) => (
    <Field
      id={`bcm-import-${id}`}
      label={label}
      value={value}
      hint={i18n.t('import.unlimitedHint')}
      error={'error' in checked ? checked.error : undefined}
      inputMode="numeric"
      personOnly
      onInput={set}
    />
  );

  return (
    <Dialog title={i18n.t('import.title')} onClose={model.closeImportDialog}>
      {error ? <ErrorAlert message={error} /> : null}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          // Only a person's click or Enter starts an import.
          const person = gate.submitted(e);
          if (person && preview && 'value' in uses && 'value' in usesPerCustomer && !busy)
            void model.startImport(person, {
              draftId: preview.draftId,
              maxUses: uses.value,
              maxUsesPerCustomer: usesPerCustomer.value,
            });
        }}
      >
        <p class="bcm-muted">{i18n.t('import.nothingSent')}</p>
        <FileField error={file.error} onFile={(f) => void onFile(f)} />
        <div class="bcm-grid">
          {limit('maxUses', i18n.t('import.maxUses'), maxUses, setMaxUses, uses)}
          {limit(
            'maxUsesPerCustomer',
            i18n.t('import.maxUsesPerCustomer'),
            perCustomer,
            setPerCustomer,
            usesPerCustomer,
          )}
        </div>
        <Preview reading={file.reading} preview={preview} />
        <EstimateLine
          model={model}
          id="bcm-import-estimate"
          planned={preview ? { kind: 'create', count: preview.codes } : null}
        />
        <div class="bcm-actions">
          <button
            type="submit"
            class="bcm-button bcm-primary"
            disabled={!preview || 'error' in uses || 'error' in usesPerCustomer || busy}
            onClick={gate.arm}
          >
            {i18n.t('import.button')}
          </button>
          <button type="button" class="bcm-button" onClick={model.closeImportDialog}>
            {i18n.t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
