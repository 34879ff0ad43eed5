/**
 * "Codes in my own pattern": the pattern, its characters and the shared fields checked as the
 * merchant types, with the same rules the background applies (`checkPattern`, utils/codes).
 * A pattern that cannot make the codes asked for sends nothing.
 */
import type { PatternParams } from '../jobs/types';
import { charactersOf, checkPattern, type CharacterSetId } from '../codes/pattern';
import { checkShared, type SharedValues } from './check-numbers';
import { patternProblemText } from './pattern-text';

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
  const own = custom ? checkPattern('#', characters, 0).problem : null;
  const ownError = own ? patternProblemText(own) : null;
  if (ownError) errors.ownCharacters = ownError;
  // Room for the codes is judged only once their number is known.
  const check = checkPattern(values.pattern, characters, checked.count ?? 0);
  const patternError = check.problem ? patternProblemText(check.problem) : null;
  if (patternError && patternError !== ownError) errors.pattern = patternError;
  const space = checkPattern(values.pattern, characters, 0).problem ? null : check.space;

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
