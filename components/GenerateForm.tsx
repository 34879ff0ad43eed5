/**
 * "Generate codes": how codes are made (by BigCommerce, or in the merchant's own pattern), the
 * fields both share (how many, and how often each works), and the fields of the way chosen
 * (generate/). Checked as the merchant types (messages beside each field); a request only when
 * everything is right.
 */
import type { JSX } from 'preact';
import { i18n } from '#i18n';
import { MAX_JOB_CODES } from '@/utils/vocabulary';
import { typedWholeNumber } from '@/utils/ui/check-numbers';
import { formatCount } from '@/utils/ui/format';
import { EstimateLine } from './EstimateLine';
import { Field } from './Field';
import { BigCommerceFields, BigCommerceSample } from './generate/BigCommerceFields';
import type { FieldMaker } from './generate/field-maker';
import { PatternFields, PatternSamples } from './generate/PatternFields';
import {
  setField,
  submitForm,
  touchField,
  verdictOf,
  type FormField,
  type GenerateMode,
} from './state/form-store';
import type { PanelModel } from './state/panel-model';
import { useStore } from './state/use-store';
import { personsValue, usePersonForm } from './trusted';

/** The ways of making codes, with their names (read when shown, in the merchant's language). */
const MODES: Array<[GenerateMode, () => string]> = [
  ['bigcommerce', () => i18n.t('forms.generate.byBigCommerce')],
  ['pattern', () => i18n.t('forms.generate.byPattern')],
];

/** Checked as typed (the samples beside them change with every key), not only on leaving the field. */
const LIVE: FormField[] = ['pattern', 'ownCharacters'];

export function GenerateForm(props: { model: PanelModel; disabled: boolean }): JSX.Element {
  const { model } = props;
  const form = useStore(model.form, (s) => s);
  const busy = useStore(model.panel, (s) => s.busy);
  const gate = usePersonForm();
  const pattern = form.mode === 'pattern';
  const verdict = verdictOf(form);
  const errors: Partial<Record<FormField, string>> = verdict.errors;
  const live = (field: FormField) => LIVE.includes(field);
  // The estimate follows the count as typed (a count out of range shows none).
  const typed = typedWholeNumber(form.values.count) ?? 0;
  const count = typed > 0 && typed <= MAX_JOB_CODES ? typed : 0;
  const show = (field: FormField) =>
    form.submitted || form.shown[field] || (live(field) && form.values[field])
      ? errors[field]
      : undefined;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    // Only a person's click or Enter: a page script's submit makes no codes.
    const person = gate.submitted(event);
    if (props.disabled || busy || !person) return;
    const result = submitForm(model.form);
    if (!result.params) {
      // Focus goes to the first field to fix, in the order they are shown.
      const fields = (event.currentTarget as HTMLFormElement).querySelectorAll<HTMLElement>(
        'input, select',
      );
      const wrong: Partial<Record<string, string>> = result.errors;
      Array.from(fields)
        .find((el) => wrong[el.id.slice(4)])
        ?.focus();
      return;
    }
    if ('pattern' in result.params) await model.startPattern(person, result.params);
    else await model.startGenerate(person, result.params);
  };

  const text: FieldMaker = (field, label, extra = {}) => (
    <Field
      id={`bcm-${field}`}
      label={label}
      value={form.values[field]}
      hint={extra.hint}
      error={show(field)}
      alert={live(field)}
      note={'notes' in verdict ? verdict.notes[field as keyof typeof verdict.notes] : undefined}
      describedBy={extra.describedBy}
      inputMode={extra.numeric ? 'numeric' : 'text'}
      placeholder={extra.placeholder}
      class={extra.wide ? 'bcm-wide' : undefined}
      personOnly
      onInput={(value) => setField(model.form, field, value)}
      onBlur={() => touchField(model.form, field)}
    />
  );

  return (
    <form
      class="bcm-form"
      noValidate
      onSubmit={(e) => void onSubmit(e)}
      aria-labelledby="bcm-generate-title"
    >
      <h3 id="bcm-generate-title" class="bcm-section-title">
        {i18n.t('forms.generate.title')}
      </h3>
      <fieldset class="bcm-fieldset bcm-modes">
        <legend>{i18n.t('forms.generate.modes')}</legend>
        {MODES.map(([mode, label]) => (
          <span class="bcm-check" key={mode}>
            <input
              type="radio"
              id={`bcm-mode-${mode}`}
              name="bcm-generate-mode"
              value={mode}
              checked={form.mode === mode}
              onChange={(e) => {
                // How codes are made is a person's choice: a page script's click is undone.
                if (personsValue(e, form.mode) !== null)
                  model.form.setState({ mode, submitted: false });
              }}
            />
            <label for={`bcm-mode-${mode}`}>{label()}</label>
          </span>
        ))}
      </fieldset>
      <div class="bcm-grid">
        {text('count', i18n.t('forms.generate.count'), {
          numeric: true,
          hint: i18n.t('forms.generate.countHint', [formatCount(MAX_JOB_CODES)]),
          placeholder: i18n.t('forms.generate.countExample', ['10000']),
        })}
        {text('maxUses', i18n.t('import.maxUses'), {
          numeric: true,
          hint: i18n.t('import.unlimitedHint'),
        })}
        {text('maxUsesPerCustomer', i18n.t('import.maxUsesPerCustomer'), {
          numeric: true,
          hint: i18n.t('import.unlimitedHint'),
        })}
        {pattern ? (
          <PatternFields model={model} text={text} />
        ) : (
          <BigCommerceFields model={model} text={text} />
        )}
      </div>
      {pattern ? <PatternSamples model={model} /> : <BigCommerceSample model={model} />}
      <EstimateLine
        model={model}
        id="bcm-generate-estimate"
        planned={count > 0 ? { kind: pattern ? 'create' : 'generate', count } : null}
      />
      <div class="bcm-actions">
        <button
          type="submit"
          class="bcm-button bcm-primary"
          disabled={props.disabled || busy}
          aria-describedby={count > 0 ? 'bcm-generate-estimate' : undefined}
          onClick={gate.arm}
        >
          {i18n.t('forms.generate.button')}
        </button>
      </div>
    </form>
  );
}
