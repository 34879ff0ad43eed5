/**
 * Codes made by BigCommerce: code length, prefix, suffix, delimiter and characters to leave
 * out, and an example of what the codes will look like.
 */
import type { JSX } from 'preact';
import { formatCount } from '@/utils/ui/format';
import { typedWholeNumber } from '@/utils/ui/check-numbers';
import { GENERATE_LIMITS } from '@/utils/vocabulary';
import { validateGenerate } from '@/utils/ui/validate-generate';
import { setField } from '../state/form-store';
import type { PanelModel } from '../state/panel-model';
import { useStore } from '../state/use-store';
import type { FieldMaker } from './field-maker';

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

const AFFIX_HINT = `Optional. A–Z, 0–9, _ and -, up to ${GENERATE_LIMITS.affixMax}. Letters become capitals.`;

/** The fields, inside the form's grid. */
export function BigCommerceFields(props: { model: PanelModel; text: FieldMaker }): JSX.Element {
  const { model, text } = props;
  const delimiter = useStore(model.form, (s) => s.values.delimiter);
  return (
    <>
      {text('codeLength', 'Code length', {
        numeric: true,
        hint: `Random characters per code, ${GENERATE_LIMITS.codeLength.min} to ${GENERATE_LIMITS.codeLength.max}.`,
      })}
      {text('prefix', 'Prefix', {
        hint: AFFIX_HINT,
      })}
      {text('suffix', 'Suffix', {
        hint: AFFIX_HINT,
      })}
      <div class="bcm-field">
        <label for="bcm-delimiter">Delimiter</label>
        <select
          id="bcm-delimiter"
          value={delimiter}
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
  return (
    <p class="bcm-muted">
      Codes will look like <code>{sample}</code> ({formatCount(verdict.totalLength ?? 0)}{' '}
      characters; the random part differs for each code).
    </p>
  );
}
