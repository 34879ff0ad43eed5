/**
 * Reading a merchant's file of codes to import: the codes they already have (another platform,
 * a partner, printed vouchers), with optional `max_uses` and `max_uses_per_customer` columns.
 * Every line that cannot become a code is kept with its reason, for the preview and for the
 * job's file of rejected lines. Nothing throws: a file that cannot be used says why.
 */
import {
  charsOutsideCodes,
  CODE_MAX_LENGTH,
  codeKey,
  MAX_JOB_CODES,
  said,
  type Said,
  USES_MAX,
} from '../vocabulary';
import { EMPTY_CELL, walkCodeRows } from './rows';

/** A code to create, with its own limits when the file gave them (null: the form's). */
export interface ImportRow {
  line: number;
  code: string;
  maxUses: number | null;
  maxUsesPerCustomer: number | null;
}

export type RejectKind =
  'empty' | 'too-long' | 'characters' | 'formula' | 'repeated' | 'uses' | 'unreadable';

export interface ImportRejection {
  line: number;
  code: string;
  kind: RejectKind;
  reason: Said;
}

export interface ParsedImport {
  rows: ImportRow[];
  rejected: ImportRejection[];
  /** Set when the file as a whole cannot be used: nothing is imported. */
  error?: Said;
}

/** The preview's words for each kind of rejection. */
export const REJECT_LABEL: Record<RejectKind, Said> = {
  empty: said('importReject.empty'),
  'too-long': said('importReject.tooLong', [CODE_MAX_LENGTH]),
  characters: said('importReject.characters'),
  formula: said('importReject.formula'),
  repeated: said('importReject.repeated'),
  uses: said('importReject.uses', [USES_MAX]),
  unreadable: said('importReject.unreadable'),
};

const USES_COLUMNS = ['max_uses', 'max_uses_per_customer'];

/** Why a code holds what no code can (null: it does not), naming the characters for the merchant. */
export function foreignCharacters(code: string): Said | null {
  const bad = charsOutsideCodes(code).slice(0, 5);
  if (!bad.length) return null;
  // A blank one is named, since a quoted tab reads as nothing.
  const quoted = bad
    .filter((c) => c.trim() !== '')
    .map((c) => `“${c}”`)
    .join(', ');
  const named = !bad.some((c) => c.trim() === '')
    ? quoted
    : quoted
      ? said('lineReasons.andOddSpace', [quoted])
      : said('lineReasons.oddSpace');
  return said('lineReasons.foreign', [named, said('forms.pattern.codeChars')]);
}

/** Why a code cannot be created (null when it can), and of which kind. */
export function rejectImportCode(code: string): { kind: RejectKind; reason: Said } | null {
  if (code === '') return { kind: 'empty', reason: EMPTY_CELL };
  if (/^[=+@]/.test(code) || /^-.*[()]/.test(code))
    return { kind: 'formula', reason: said('lineReasons.formula', [code.slice(0, 30)]) };
  if (code.length > CODE_MAX_LENGTH)
    return {
      kind: 'too-long',
      reason: said('lineReasons.tooLong', [code.length, CODE_MAX_LENGTH]),
    };
  const foreign = foreignCharacters(code);
  return foreign ? { kind: 'characters', reason: foreign } : null;
}

/** A limit cell: empty means "the form's"; otherwise a whole number from 0 to USES_MAX. */
function readUses(cell: string | undefined): number | null | 'bad' {
  if (cell === undefined || cell === '') return null;
  if (!/^\d{1,6}$/.test(cell)) return 'bad';
  const n = Number(cell);
  return n <= USES_MAX ? n : 'bad';
}

/** A rejected line's cell as the preview and the rejected-lines file show it: a 40 MB cell is not kept whole. */
const clip = (code: string) => (code.length > 100 ? `${code.slice(0, 100)}…` : code);

export function parseImportCsv(text: string): ParsedImport {
  const rows: ImportRow[] = [];
  const rejected: ImportRejection[] = [];
  // Each rejected line is held with its reason: past a million, the file is not a list of codes.
  const reject = (r: ImportRejection) => {
    rejected.push({ ...r, code: clip(r.code) });
    return rejected.length <= MAX_JOB_CODES;
  };
  // Upper case: shoppers may type a code either way, and the store treats them as one.
  const firstLine = new Map<string, number>();
  let tooMany = false;
  const walked = walkCodeRows(text, USES_COLUMNS, {
    skip(line, reason) {
      return reject({
        line,
        code: '',
        kind: reason.key === EMPTY_CELL.key ? 'empty' : 'unreadable',
        reason,
      });
    },
    row({ line, code, extra }) {
      const bad = rejectImportCode(code);
      if (bad) return reject({ line, code, ...bad });
      const key = codeKey(code);
      const seen = firstLine.get(key);
      if (seen !== undefined) {
        return reject({
          line,
          code,
          kind: 'repeated',
          reason: said('lineReasons.repeated', [String(seen)]),
        });
      }
      const maxUses = readUses(extra.max_uses);
      const maxUsesPerCustomer = readUses(extra.max_uses_per_customer);
      if (maxUses === 'bad' || maxUsesPerCustomer === 'bad') {
        const [name, value] =
          maxUses === 'bad'
            ? ['max_uses', extra.max_uses]
            : ['max_uses_per_customer', extra.max_uses_per_customer];
        return reject({
          line,
          code,
          kind: 'uses',
          reason: said('lineReasons.badUses', [name, clip(value ?? ''), USES_MAX]),
        });
      }
      if (rows.length >= MAX_JOB_CODES) {
        tooMany = true;
        return false;
      }
      firstLine.set(key, line);
      rows.push({ line, code, maxUses, maxUsesPerCustomer });
    },
  });
  if (walked.error) return { rows: [], rejected: [], error: walked.error };
  if (rejected.length > MAX_JOB_CODES)
    return {
      rows: [],
      rejected: [],
      error: said('csvErrors.tooManyRejected', [
        MAX_JOB_CODES,
        String(rejected[0]!.line),
        rejected[0]!.reason,
      ]),
    };
  if (tooMany)
    return {
      rows: [],
      rejected: [],
      error: said('csvErrors.tooManyImport', [MAX_JOB_CODES]),
    };
  if (rows.length === 0 && rejected.length === 0)
    return { rows, rejected, error: said('csvErrors.noCodes') };
  return { rows, rejected };
}
