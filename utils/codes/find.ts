/**
 * A code typed into "Find a code", checked before any request: trimmed (codes never start or
 * end with a space), at most CODE_MAX_LENGTH characters, only what the store allows. Letter
 * case is left as typed: the store finds a code whatever its case.
 */
import { charsOutsideCodes, CODE_CHARS, CODE_MAX_LENGTH } from '../vocabulary';

export function codeToFind(typed: string): { code: string } | { error: string } {
  const code = typed.trim();
  if (code === '') return { error: 'Type a code to find.' };
  if (code.length > CODE_MAX_LENGTH)
    return {
      error: `A code has at most ${CODE_MAX_LENGTH} characters; this has ${code.length}, so no store can hold it.`,
    };
  const bad = charsOutsideCodes(code);
  if (bad.length)
    return {
      error: `A code holds only ${CODE_CHARS}: ${bad.map((c) => `“${c}”`).join(', ')} cannot be in one, so no store can hold it.`,
    };
  return { code };
}
