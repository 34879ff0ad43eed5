/**
 * A pattern's problems and room as catalogue keys with their values (forms.pattern.*): the
 * background refuses with them and the form words them, so each problem is worded once.
 */
import { said, type Said, type SaidValue } from '../vocabulary';
import { spaceParts, type PatternProblem } from './pattern';

/** A pattern's room: a count the page groups, "about 2.8 × 10^12", or "more than 10^300". */
export function spaceWords(space: number): SaidValue {
  const parts = spaceParts(space);
  if (!parts) return said('forms.pattern.beyond');
  return 'whole' in parts
    ? Math.round(space)
    : said('forms.pattern.about', [parts.mantissa, String(parts.exponent)]);
}

/** “!”, “é” — and a space, named, since a quoted blank reads as nothing. */
function charactersWords(characters: string[]): SaidValue {
  const quoted = characters
    .filter((c) => c !== ' ')
    .map((c) => `“${c}”`)
    .join(', ');
  if (!characters.includes(' ')) return quoted;
  return quoted ? said('forms.pattern.andSpace', [quoted]) : said('forms.pattern.aSpace');
}

/** What is wrong with a pattern, said. */
export function patternProblemWords(problem: PatternProblem): Said {
  switch (problem.code) {
    case 'empty':
      return said('forms.pattern.empty');
    case 'no-slot':
      return said('forms.pattern.noSlot');
    case 'spaces':
      return said('forms.pattern.spaces');
    case 'few-characters':
      return said('forms.pattern.fewCharacters');
    case 'too-long':
      return said('forms.pattern.tooLong', [problem.length, problem.max]);
    case 'bad-fixed':
      return said('forms.pattern.badFixed', [
        charactersWords(problem.characters),
        said('forms.pattern.codeChars'),
      ]);
    case 'bad-characters':
      return said('forms.pattern.badCharacters', [
        charactersWords(problem.characters),
        said('forms.pattern.codeCharsNoSpace'),
      ]);
    case 'too-small':
      return said('forms.pattern.tooSmall', [
        spaceWords(problem.space),
        spaceWords(problem.count),
        spaceWords(problem.need),
        problem.room,
      ]);
  }
}
