/**
 * Codes made by BigCommerce: code length, prefix, suffix, delimiter and characters to leave
 * out, and an example of what the codes will look like.
 */
import type { JSX } from 'preact';
import { i18n } from '#i18n';
import { formatCount } from '@/utils/ui/format';
import { typedWholeNumber } from '@/utils/ui/check-numbers';
import { GENERATE_LIMITS } from '@/utils/vocabulary';
import { validateGenerate } from '@/utils/ui/validate-generate';
import { setField } from '../state/form-store';
import type { PanelModel } from '../state/panel-model';
import { useStore } from '../state/use-store';
import type { FieldMaker } from './field-maker';
import { personsValue } from '../trusted';
import { slot, withParts } from '../with-parts';

/** Characters for the example code (the real ones are random); excluded ones are skipped. */
const SAMPLE = 'K7Q2XM9T4PR3BH6WNZ8CDFGJLSUVY5AE01IO';

function preview(
  prefix: string,
  delimiter: string,
  length: number,
  suffix: string,
  exclude: string,
): string {
  const allowed = SAMPLE.split('').filter((c) => !exclude.includes(c));
  const random = Array.from(
    { length },
    (_, i) => allowed[i % Math.max(1, allowed.length)] ?? 'X',
  ).join('');
  return `${prefix}${prefix ? delimiter : ''}${random}${suffix ? delimiter : ''}${suffix}`;
}

/** The fields, inside the form's grid. */
export function BigCommerceFields(props: { model: PanelModel; text: FieldMaker }): JSX.Element {
  const { model, text } = props;
  const delimiter = useStore(model.form, (s) => s.values.delimiter);
  const affixHint = i18n.t('forms.generate.affixHint', [formatCount(GENERATE_LIMITS.affixMax)]);
  return (
    <>
      {text('codeLength', i18n.t('forms.generate.codeLength'), {
        numeric: true,
        hint: i18n.t('forms.generate.codeLengthHint', [
          formatCount(GENERATE_LIMITS.codeLength.min),
          formatCount(GENERATE_LIMITS.codeLength.max),
        ]),
      })}
      {text('prefix', i18n.t('forms.generate.prefix'), { hint: affixHint })}
      {text('suffix', i18n.t('forms.generate.suffix'), { hint: affixHint })}
      <div class="bcm-field">
        <label for="bcm-delimiter">{i18n.t('forms.generate.delimiter')}</label>
        <select
          id="bcm-delimiter"
          value={delimiter}
          aria-describedby="bcm-delimiter-hint"
          onChange={(e) => {
            // Only a person's choice counts: a page script's is undone.
            const value = personsValue(e, delimiter);
            if (value !== null) setField(model.form, 'delimiter', value);
          }}
        >
          <option value="">{i18n.t('forms.generate.delimiterNone')}</option>
          <option value="-">{i18n.t('forms.generate.delimiterHyphen')}</option>
          <option value="_">{i18n.t('forms.generate.delimiterUnderscore')}</option>
        </select>
        <p id="bcm-delimiter-hint" class="bcm-hint">
          {i18n.t('forms.generate.delimiterHint')}
        </p>
      </div>
      {text('excludeCharacters', i18n.t('forms.generate.exclude'), {
        hint: i18n.t('forms.generate.excludeHint'),
      })}
    </>
  );
}

/** "Codes will look like …", under the grid, once the parts are sound. */
export function BigCommerceSample(props: { model: PanelModel }): JSX.Element | null {
  const values = useStore(props.model.form, (s) => s.values);
  const verdict = validateGenerate(values);
  const lengthOk =
    verdict.totalLength !== null &&
    !verdict.errors.prefix &&
    !verdict.errors.suffix &&
    !verdict.errors.codeLength;
  if (!lengthOk) return null;
  const sample = preview(
    values.prefix.trim().toUpperCase(),
    values.delimiter,
    typedWholeNumber(values.codeLength) ?? 0,
    values.suffix.trim().toUpperCase(),
    values.excludeCharacters.toUpperCase(),
  );
  const length = verdict.totalLength ?? 0;
  return (
    <p class="bcm-muted">
      {withParts(i18n.t('forms.generate.sample', length, [slot(0), formatCount(length)]), [
        <code key="sample">{sample}</code>,
      ])}
    </p>
  );
}
