/**
 * Reading a merchant's list of codes to purge. The file may come from Excel (BOM, `;` in
 * many locales), a text editor (one code per line, no header) or our own exports (formula
 * guard). Nothing here throws on bad input: the merchant gets plain words instead.
 */
import { CONTROL_CHARS, walkCodeRows } from './rows';
import { foreignCharacters } from './read-import';
import { CODE_MAX_LENGTH, codeKey, MAX_JOB_CODES, said, type Said } from '../vocabulary';

export interface SkippedLine {
  /** 1-based line number in the file as the merchant's editor shows it. */
  line: number;
  reason: Said;
}

export interface ParsedCodes {
  /** Codes in file order, each once. */
  codes: string[];
  /** Lines that held something but no usable code (at most MAX_SKIPPED_DETAILS of them). */
  skipped: SkippedLine[];
  /** How many lines were skipped in all, including those beyond the details kept. */
  skippedCount: number;
  /** Set when the file as a whole cannot be used; codes is then empty. */
  error?: Said;
}

/** Enough to show the merchant what is wrong without holding a million objects. */
export const MAX_SKIPPED_DETAILS = 1_000;

function fail(error: Said): ParsedCodes {
  return { codes: [], skipped: [], skippedCount: 0, error };
}

/** Why a cell is not a usable code, or null when it is one. */
function rejectCode(code: string): Said | null {
  if (code.length > CODE_MAX_LENGTH) return said('lineReasons.longerThan', [CODE_MAX_LENGTH]);
  if (CONTROL_CHARS.test(code) || /[\r\n]/.test(code)) return said('lineReasons.controlChars');
  // Only the store's alphabet: a "ß" or "ﬁ" names no code (and must not match SS or FI).
  return foreignCharacters(code);
}

/**
 * Parses the text of a CSV file of codes. Accepts a header row with a `code` column (any
 * case, any position, `,` `;` or tab separated) or a single column without header.
 */
export function parseCodesCsv(text: string): ParsedCodes {
  const codes: string[] = [];
  const seen = new Set<string>();
  const skipped: SkippedLine[] = [];
  let skippedCount = 0;
  let tooMany = false;
  const skip = (line: number, reason: Said): void => {
    skippedCount++;
    if (skipped.length < MAX_SKIPPED_DETAILS) skipped.push({ line, reason });
  };
  const walked = walkCodeRows(text, [], {
    skip,
    row({ line, code }) {
      const reason = rejectCode(code);
      if (reason) return skip(line, reason);
      // Codes the store takes for one (letter case aside) are one code.
      if (seen.has(codeKey(code))) return;
      if (codes.length >= MAX_JOB_CODES) {
        tooMany = true;
        return false;
      }
      seen.add(codeKey(code));
      codes.push(code);
    },
  });
  if (walked.error) return fail(walked.error);
  if (tooMany) return fail(said('csvErrors.tooManyCodes', [MAX_JOB_CODES]));
  if (codes.length === 0) {
    return {
      codes,
      skipped,
      skippedCount,
      error: walked.hasHeader ? said('csvErrors.noUsableInColumn') : said('csvErrors.noUsable'),
    };
  }
  return { codes, skipped, skippedCount };
}
