/**
 * A pattern's problems and room in the merchant's language: utils/codes/pattern.ts finds them
 * (the background checks with the same rules), the catalogue words them here.
 */
import { i18n } from '#i18n';
import { spaceParts, type PatternProblem } from '../codes/pattern';

/** 1,679,616 (as the locale groups it), "about 2.8 × 10^12", or "more than 10^300". */
export function spaceText(space: number): string {
  const parts = spaceParts(space);
  if (!parts) return i18n.t('forms.pattern.beyond');
  return 'whole' in parts
    ? parts.whole
    : i18n.t('forms.pattern.about', [parts.mantissa, String(parts.exponent)]);
}

const quoted = (characters: string[]) =>
  characters.map((c) => (c === ' ' ? i18n.t('forms.pattern.aSpace') : `“${c}”`)).join(', ');

/** What is wrong with a pattern, for the field's message. */
export function patternProblemText(problem: PatternProblem): string {
  switch (problem.code) {
    case 'empty':
      return i18n.t('forms.pattern.empty');
    case 'no-slot':
      return i18n.t('forms.pattern.noSlot');
    case 'spaces':
      return i18n.t('forms.pattern.spaces');
    case 'few-characters':
      return i18n.t('forms.pattern.fewCharacters');
    case 'too-long':
      return i18n.t('forms.pattern.tooLong', [String(problem.length), String(problem.max)]);
    case 'bad-fixed':
      return i18n.t('forms.pattern.badFixed', [
        quoted(problem.characters),
        i18n.t('forms.pattern.codeChars'),
      ]);
    case 'bad-characters':
      return i18n.t('forms.pattern.badCharacters', [
        quoted(problem.characters),
        i18n.t('forms.pattern.codeCharsNoSpace'),
      ]);
    case 'too-small':
      return i18n.t('forms.pattern.tooSmall', [
        spaceText(problem.space),
        spaceText(problem.count),
        spaceText(problem.need),
        String(problem.room),
      ]);
  }
}
