/**
 * Codes in the merchant's own pattern: the pattern (each # a random character), the characters
 * to draw from (a set, or their own), three sample codes and how many codes the pattern can
 * make. The samples are drawn as the real codes are (crypto), again only when the pattern or
 * the characters change.
 */
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { CHARACTER_SETS, patternCode, randomSource } from '@/utils/codes/pattern';
import { spaceText } from '@/utils/ui/pattern-text';
import { validatePattern } from '@/utils/ui/validate-pattern';
import { setField } from '../state/form-store';
import type { PanelModel } from '../state/panel-model';
import { useStore } from '../state/use-store';
import type { FieldMaker } from './field-maker';
import { personsValue } from '../trusted';
import { i18n } from '#i18n';
import { slot, withParts } from '../with-parts';

const SAMPLES_ID = 'bcm-pattern-samples';

/** The sets' names in the merchant's language (CHARACTER_SETS holds their characters). */
const SET_NAMES: Record<keyof typeof CHARACTER_SETS, () => string> = {
  'letters-digits': () => i18n.t('pattern.sets.lettersDigits'),
  letters: () => i18n.t('pattern.sets.letters'),
  digits: () => i18n.t('pattern.sets.digits'),
  'lower-digits': () => i18n.t('pattern.sets.lowerDigits'),
};

/** The fields, inside the form's grid. */
export function PatternFields(props: { model: PanelModel; text: FieldMaker }): JSX.Element {
  const { model, text } = props;
  const set = useStore(model.form, (s) => s.values.characterSet);
  return (
    <>
      {text('pattern', i18n.t('pattern.label'), {
        hint: i18n.t('pattern.hint'),
        describedBy: SAMPLES_ID,
        wide: true,
      })}
      <div class="bcm-field bcm-wide">
        <label for="bcm-characterSet">{i18n.t('pattern.characters')}</label>
        <select
          id="bcm-characterSet"
          value={set}
          onChange={(e) => {
            // Only a person's choice counts: a page script's is undone.
            const value = personsValue(e, set);
            if (value !== null) setField(model.form, 'characterSet', value);
          }}
        >
          {Object.keys(CHARACTER_SETS).map((id) => (
            <option key={id} value={id}>
              {SET_NAMES[id as keyof typeof CHARACTER_SETS]()}
            </option>
          ))}
          <option value="custom">{i18n.t('pattern.ownSet')}</option>
        </select>
      </div>
      {set === 'custom'
        ? text('ownCharacters', i18n.t('pattern.ownCharacters'), {
            hint: i18n.t('pattern.ownHint'),
            wide: true,
          })
        : null}
    </>
  );
}

/** Three sample codes and how many codes the pattern can make, under the grid; the Pattern field points here. */
export function PatternSamples(props: { model: PanelModel }): JSX.Element {
  const values = useStore(props.model.form, (s) => s.values);
  const { characters, space, errors } = validatePattern(values);
  const pattern = values.pattern;
  const sound = space !== null;
  // Drawn only for a sound pattern (no characters, no draw).
  const samples = useMemo(() => {
    const next = randomSource();
    return sound ? [0, 1, 2].map(() => patternCode(pattern, characters, next)) : [];
  }, [pattern, characters, sound]);
  return (
    <p id={SAMPLES_ID} class="bcm-muted">
      {sound ? (
        <>
          {withParts(i18n.t('pattern.samples', [slot(0), slot(1), slot(2)]), [
            <code>{samples[0]}</code>,
            <code>{samples[1]}</code>,
            <code>{samples[2]}</code>,
          ])}
          {errors.pattern ? null : ` ${i18n.t('pattern.space', [spaceText(space)])}`}
        </>
      ) : null}
    </p>
  );
}
