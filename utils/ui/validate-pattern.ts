/**
 * "Codes in my own pattern": the pattern, its characters and the shared fields checked as the
 * merchant types, with the same rules the background applies (`checkPattern`, utils/codes).
 * A pattern that cannot make the codes asked for sends nothing.
 */
import type { PatternParams } from '../jobs/types';
import { charactersOf, checkPattern, type CharacterSetId } from '../codes/pattern';
import { checkShared, type SharedValues } from './check-numbers';

export interface PatternFormValues {
  pattern: string;
  characterSet: CharacterSetId;
  /** "Your characters", used with the set 'custom'. */
  ownCharacters: string;
}

export type PatternField = keyof SharedValues | 'pattern' | 'ownCharacters';

export const PATTERN_DEFAULTS: PatternFormValues = {
  pattern: '',
  characterSet: 'letters-digits',
  ownCharacters: '',
};

export interface PatternValidation {
  ok: boolean;
  errors: Partial<Record<PatternField, string>>;
  /** The characters each # is drawn from. */
  characters: string;
  /** Codes the pattern can make, once pattern and characters are sound (else null). */
  space: number | null;
  /** Set only when ok. */
  params: PatternParams | null;
}

export function validatePattern(values: SharedValues & PatternFormValues): PatternValidation {
  const checked = checkShared(values);
  const errors: PatternValidation['errors'] = { ...checked.errors };
  const custom = values.characterSet === 'custom';
  const characters = charactersOf(values.characterSet, values.ownCharacters);
  // The characters on their own ('#' is a sound pattern), so their error shows beside their field.
  const ownError = custom ? checkPattern('#', characters, 0).error : null;
  if (ownError) errors.ownCharacters = ownError;
  // Room for the codes is judged only once their number is known.
  const check = checkPattern(values.pattern, characters, checked.count ?? 0);
  if (check.error && check.error !== ownError) errors.pattern = check.error;
  const space = checkPattern(values.pattern, characters, 0).error ? null : check.space;

  const ok = Object.keys(errors).length === 0;
  const params: PatternParams | null =
    ok && checked.count !== null && checked.uses
      ? {
          count: checked.count,
          ...checked.uses,
          pattern: values.pattern,
          characterSet: values.characterSet,
          ownCharacters: custom ? characters : '',
        }
      : null;
  return { ok, errors, characters, space, params };
}
