/**
 * A code typed into "Find a code", checked before any request: trimmed (codes never start or
 * end with a space), at most CODE_MAX_LENGTH characters, only what the store allows. Letter
 * case is left as typed: the store finds a code whatever its case.
 */
import { charsOutsideCodes, CODE_MAX_LENGTH, said, type Said } from '../vocabulary';

export function codeToFind(typed: string): { code: string } | { error: Said } {
  const code = typed.trim();
  if (code === '') return { error: said('findInput.empty') };
  if (code.length > CODE_MAX_LENGTH)
    return { error: said('findInput.tooLong', [CODE_MAX_LENGTH, code.length]) };
  const bad = charsOutsideCodes(code);
  if (bad.length)
    return {
      error: said('findInput.badCharacters', [
        said('forms.pattern.codeChars'),
        bad.map((c) => `“${c}”`).join(', '),
      ]),
    };
  return { code };
}
