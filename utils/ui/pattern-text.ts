/**
 * A pattern's problems and room in the merchant's language: utils/codes/pattern.ts finds them
 * (the background checks with the same rules), utils/codes/pattern-words.ts says them.
 */
import type { PatternProblem } from '../codes/pattern';
import { patternProblemWords, spaceWords } from '../codes/pattern-words';
import { say, sayValue } from './say';

/** 1,679,616 (as the locale groups it), "about 2.8 × 10^12", or "more than 10^300". */
export const spaceText = (space: number): string => sayValue(spaceWords(space));

/** What is wrong with a pattern, for the field's message. */
export const patternProblemText = (problem: PatternProblem): string =>
  say(patternProblemWords(problem));
