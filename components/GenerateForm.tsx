/**
 * "Generate codes": the settings, checked as the merchant types (messages beside each field),
 * and a request only when everything is right.
 */
import type { JSX } from 'preact';
import { useRef } from 'preact/hooks';
import { formatCount } from '@/utils/ui/format';
import { validateGenerate, type GenerateField } from '@/utils/ui/validate-generate';
import { Field } from './Field';
import { setField, submitForm, touchField } from './state/form-store';
import type { PanelModel } from './state/panel-model';
import { useStore } from './state/use-store';

const ORDER: GenerateField[] = [
  'count',
  'maxUses',
  'maxUsesPerCustomer',
  'prefix',
  'suffix',
  'delimiter',
  'codeLength',
  'excludeCharacters',
];

/** Characters for the example code (the real ones are random); excluded ones are skipped. */
const SAMPLE = 'K7Q2XM9T4PR3BH6WNZ8CDFGJLSUVY5AE01IO';

function preview(prefix: string, delimiter: string, length: number, suffix: string, exclude: string): string {
  const allowed = SAMPLE.split('').filter((c) => !exclude.includes(c));
  const random = Array.from({ length }, (_, i) => allowed[i % Math.max(1, allowed.length)] ?? 'X').join('');
  return `${prefix}${prefix ? delimiter : ''}${random}${suffix ? delimiter : ''}${suffix}`;
}

export function GenerateForm(props: { model: PanelModel; disabled: boolean }): JSX.Element {
  const { model } = props;
  const form = useStore(model.form, (s) => s);
  const busy = useStore(model.panel, (s) => s.busy);
  const inputs = useRef<Partial<Record<GenerateField, HTMLInputElement | HTMLSelectElement | null>>>({});
  const verdict = validateGenerate(form.values);
  const show = (field: GenerateField) => (form.submitted || form.shown[field] ? verdict.errors[field] : undefined);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (props.disabled || busy) return;
    const result = submitForm(model.form);
    if (!result.ok || !result.params) {
      const first = ORDER.find((field) => result.errors[field]);
      if (first) inputs.current[first]?.focus();
      return;
    }
    await model.startGenerate(result.params);
  };

  const text = (
    field: GenerateField,
    label: string,
    extra: { hint?: string; numeric?: boolean; placeholder?: string } = {},
  ) => (
    <Field
      id={`bcm-${field}`}
      label={label}
      value={form.values[field]}
      hint={extra.hint}
      error={show(field)}
      note={verdict.notes[field]}
      inputMode={extra.numeric ? 'numeric' : 'text'}
      placeholder={extra.placeholder}
      inputRef={(el) => {
        inputs.current[field] = el;
      }}
      onInput={(value) => setField(model.form, field, value)}
      onBlur={() => touchField(model.form, field)}
    />
  );

  const lengthOk = verdict.totalLength !== null && !verdict.errors.prefix && !verdict.errors.suffix && !verdict.errors.codeLength;
  const sample = lengthOk
    ? preview(
        form.values.prefix.trim().toUpperCase(),
        form.values.delimiter,
        Number(form.values.codeLength.trim()),
        form.values.suffix.trim().toUpperCase(),
        form.values.excludeCharacters.toUpperCase(),
      )
    : null;

  return (
    <form class="bcm-form" noValidate onSubmit={(e) => void onSubmit(e)} aria-labelledby="bcm-generate-title">
      <h3 id="bcm-generate-title" class="bcm-section-title">
        Generate codes
      </h3>
      <div class="bcm-grid">
        {text('count', 'Number of codes', { numeric: true, hint: 'From 1 to 1,000,000.', placeholder: 'e.g. 10000' })}
        {text('maxUses', 'Max uses per code', { numeric: true, hint: '0 means unlimited.' })}
        {text('maxUsesPerCustomer', 'Max uses per customer', { numeric: true, hint: '0 means unlimited.' })}
        {text('codeLength', 'Code length', { numeric: true, hint: 'Random characters per code, 6 to 16.' })}
        {text('prefix', 'Prefix', { hint: 'Optional. A–Z, 0–9, _ and -, up to 20. Letters become capitals.' })}
        {text('suffix', 'Suffix', { hint: 'Optional. A–Z, 0–9, _ and -, up to 20. Letters become capitals.' })}
        <div class="bcm-field">
          <label for="bcm-delimiter">Delimiter</label>
          <select
            id="bcm-delimiter"
            ref={(el) => {
              inputs.current.delimiter = el;
            }}
            value={form.values.delimiter}
            aria-describedby="bcm-delimiter-hint"
            onChange={(e) => setField(model.form, 'delimiter', e.currentTarget.value)}
          >
            <option value="">None</option>
            <option value="-">Hyphen (-)</option>
            <option value="_">Underscore (_)</option>
          </select>
          <p id="bcm-delimiter-hint" class="bcm-hint">
            Between the prefix or suffix and the random part.
          </p>
        </div>
        {text('excludeCharacters', 'Characters to leave out', {
          hint: 'Optional, e.g. 0O1I to avoid look-alike characters.',
        })}
      </div>
      {sample ? (
        <p class="bcm-muted">
          Codes will look like <code>{sample}</code> ({formatCount(verdict.totalLength ?? 0)} characters; the
          random part differs for each code).
        </p>
      ) : null}
      <div class="bcm-actions">
        <button type="submit" class="bcm-button bcm-primary" disabled={props.disabled || busy}>
          Generate codes
        </button>
      </div>
    </form>
  );
}
