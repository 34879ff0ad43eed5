/**
 * Checks what the merchant typed in the "Generate codes" form and turns it into GenerateParams.
 *
 * Plain TypeScript on purpose: the content script must stay small, so the zod schema in
 * utils/jobs/schemas.ts is not imported here (the background parses every request with it
 * anyway). Both read their ranges from the vocabulary: the count and the limits in
 * check-numbers.ts (MAX_JOB_CODES, USES_MAX), the rest here (GENERATE_LIMITS).
 */
import type { GenerateParams } from '../jobs/types';
import { AFFIX_RE, DELIMITERS, GENERATE_LIMITS } from '../vocabulary';
import { checkShared, checkWhole } from './check-numbers';
import { formatCount } from './format';
import { i18n } from '#i18n';

/** The form's raw text, field by field, exactly as typed. */
export interface GenerateFormValues {
  count: string;
  maxUses: string;
  maxUsesPerCustomer: string;
  prefix: string;
  suffix: string;
  delimiter: string;
  codeLength: string;
  excludeCharacters: string;
}

export type GenerateField = keyof GenerateFormValues;

export const GENERATE_DEFAULTS: GenerateFormValues = {
  count: '',
  maxUses: '1',
  maxUsesPerCustomer: '1',
  prefix: '',
  suffix: '',
  delimiter: '',
  codeLength: '12',
  excludeCharacters: '',
};

export interface GenerateValidation {
  ok: boolean;
  /** Blocking problems, in words, per field. */
  errors: Partial<Record<GenerateField, string>>;
  /** Helpful notes that do not block (e.g. "will be used as SUMMER"). */
  notes: Partial<Record<GenerateField, string>>;
  /** Set only when ok. */
  params: GenerateParams | null;
  /** Length of every code (prefix, delimiters, random part, suffix) when it can be told. */
  totalLength: number | null;
}

const ALPHABET_SIZE = 36; // A-Z and 0-9

/** Prefix or suffix: A-Z, 0-9, `_`, `-`, at most affixMax; lower-case letters are upper-cased (and said so). */
function checkAffix(
  raw: string,
  part: 'prefix' | 'suffix',
): { value: string; note?: string } | { error: string } {
  const label = i18n.t(part === 'prefix' ? 'generate.prefix' : 'generate.suffix');
  const text = raw.trim();
  if (text === '') return { value: '' };
  const upper = text.toUpperCase();
  if (!AFFIX_RE.test(upper)) {
    return {
      error: i18n.t('generate.affixChars', [label]),
    };
  }
  if (upper.length > GENERATE_LIMITS.affixMax) {
    return {
      error: i18n.t('generate.affixLong', [
        label,
        String(GENERATE_LIMITS.affixMax),
        String(upper.length),
      ]),
    };
  }
  if (upper !== text)
    return {
      value: upper,
      note: i18n.t(part === 'prefix' ? 'generate.prefixUpper' : 'generate.suffixUpper', [upper]),
    };
  return { value: upper };
}

/** "0O1I", "0, O, 1, I" or "0 o 1 i": letters and digits to leave out of the random part. */
function checkExclude(raw: string): { value: string[]; note?: string } | { error: string } {
  const text = raw.replace(/[\s,;]+/g, '');
  if (text === '') return { value: [] };
  const upper = text.toUpperCase();
  if (!/^[A-Z0-9]+$/.test(upper)) {
    return { error: i18n.t('generate.excludeChars') };
  }
  const unique = [...new Set(upper.split(''))];
  if (unique.length > GENERATE_LIMITS.excludeMax) {
    return {
      error: i18n.t('generate.excludeMany'),
    };
  }
  const note = upper !== text ? i18n.t('generate.excludeUpper', [unique.join('')]) : undefined;
  return note ? { value: unique, note } : { value: unique };
}

export function validateGenerate(values: GenerateFormValues): GenerateValidation {
  const errors: GenerateValidation['errors'] = {};
  const notes: GenerateValidation['notes'] = {};

  const shared = checkShared(values);
  Object.assign(errors, shared.errors);

  const { min, max } = GENERATE_LIMITS.codeLength;
  const codeLength = checkWhole(values.codeLength, min, max, {
    empty: i18n.t('generate.lengthEmpty', [String(min), String(max)]),
    below: i18n.t('generate.lengthBelow', [String(min)]),
    above: i18n.t('generate.lengthAbove', [String(max)]),
    example: '12',
  });
  if ('error' in codeLength) errors.codeLength = codeLength.error;

  const prefix = checkAffix(values.prefix, 'prefix');
  if ('error' in prefix) errors.prefix = prefix.error;
  else if (prefix.note) notes.prefix = prefix.note;
  const suffix = checkAffix(values.suffix, 'suffix');
  if ('error' in suffix) errors.suffix = suffix.error;
  else if (suffix.note) notes.suffix = suffix.note;

  const delimiter = values.delimiter;
  if (!(DELIMITERS as readonly string[]).includes(delimiter)) {
    errors.delimiter = i18n.t('generate.delimiter');
  }

  const exclude = checkExclude(values.excludeCharacters);
  if ('error' in exclude) errors.excludeCharacters = exclude.error;
  else if (exclude.note) notes.excludeCharacters = exclude.note;

  // Whole-code checks, once the parts are sound.
  let totalLength: number | null = null;
  if ('value' in prefix && 'value' in suffix && 'value' in codeLength && !errors.delimiter) {
    const delim = delimiter.length;
    totalLength =
      prefix.value.length +
      (prefix.value ? delim : 0) +
      codeLength.value +
      (suffix.value ? delim : 0) +
      suffix.value.length;
    if (totalLength > GENERATE_LIMITS.totalMax) {
      errors.codeLength = i18n.t('generate.tooLong', [
        String(totalLength),
        String(GENERATE_LIMITS.totalMax),
      ]);
    }
  }
  if (shared.count !== null && 'value' in codeLength && 'value' in exclude && !errors.codeLength) {
    const choices = ALPHABET_SIZE - exclude.value.length;
    const possible = Math.pow(choices, codeLength.value);
    // Random codes collide long before the space is used up: ask for at least twice the room.
    if (possible < shared.count * 2) {
      errors.codeLength = i18n.t('generate.tooFew', [
        formatCount(possible),
        String(choices),
        formatCount(shared.count),
      ]);
    }
  }

  const ok = Object.keys(errors).length === 0;
  const params: GenerateParams | null =
    ok &&
    shared.count !== null &&
    shared.uses &&
    'value' in codeLength &&
    'value' in prefix &&
    'value' in suffix &&
    'value' in exclude
      ? {
          count: shared.count,
          ...shared.uses,
          prefix: prefix.value,
          suffix: suffix.value,
          delimiter: delimiter as GenerateParams['delimiter'],
          codeLength: codeLength.value,
          excludeCharacters: exclude.value,
        }
      : null;
  return { ok, errors, notes, params, totalLength };
}
