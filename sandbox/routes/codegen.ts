/** POST /promotions/{promotion_id}/codegen: validation per the spec's request schema, then an atomic batch. */
import { errors } from '../errors';
import { json, parseJson, type Reply } from '../http';
import { FULL_ALPHABET, formatDate, type CodegenParams } from '../store';
import type { ApiRequest } from './context';
import { bulkPromotion, isReply } from './bulk-promotion';

const AFFIX_RE = /^[A-Z0-9_-]*$/;
const MAX_TOTAL_LENGTH = 50;

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** Returns the parameters, or every problem found (one 422 error item each). */
export function validateCodegen(body: unknown): CodegenParams | string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return ['The request body must be a JSON object.'];
  const b = body as Record<string, unknown>;
  const problems: string[] = [];

  const batchSize = b.batch_size;
  if (batchSize === undefined) problems.push('batch_size is required.');
  else if (!isInt(batchSize) || batchSize < 1 || batchSize > 250)
    problems.push('batch_size must be an integer between 1 and 250.');

  const uses = (name: string): number => {
    const v = b[name];
    if (v === undefined) return 1; // codegen defaults to 1 use, unlike POST /codes
    if (!isInt(v) || v < 0 || v > 100000) {
      problems.push(`${name} must be an integer between 0 and 100000.`);
      return 1;
    }
    return v;
  };
  const maxUses = uses('max_uses');
  const maxUsesPerCustomer = uses('max_uses_per_customer');

  const affix = (name: string): string => {
    const v = b[name];
    if (v === undefined) return '';
    if (typeof v !== 'string' || v.length > 20 || !AFFIX_RE.test(v)) {
      problems.push(`${name} must be at most 20 capital letters, numbers, underscores or hyphens.`);
      return '';
    }
    return v;
  };
  const prefix = affix('prefix');
  const suffix = affix('suffix');

  let delimiter = '';
  if (b.delimiter !== undefined) {
    if (b.delimiter !== '_' && b.delimiter !== '-') problems.push("delimiter must be '_' or '-'.");
    else delimiter = b.delimiter;
  }

  let alphabet = FULL_ALPHABET;
  const ex = b.exclude_characters;
  if (ex !== undefined) {
    if (!Array.isArray(ex) || !ex.every((c) => typeof c === 'string' && /^[A-Z0-9]$/.test(c))) {
      problems.push('exclude_characters must be an array of single capital letters or digits.');
    } else {
      const excluded = new Set(ex as string[]);
      alphabet = [...FULL_ALPHABET].filter((c) => !excluded.has(c)).join('');
      if (alphabet.length === 0)
        problems.push('exclude_characters leaves no characters to generate codes from.');
    }
  }

  let codeLength = 16;
  if (b.code_length !== undefined) {
    if (!isInt(b.code_length) || b.code_length < 6 || b.code_length > 16)
      problems.push('code_length must be an integer between 6 and 16.');
    else codeLength = b.code_length;
  }

  // The delimiter is only placed next to a prefix or suffix that is present.
  const total =
    codeLength +
    (prefix ? prefix.length + delimiter.length : 0) +
    (suffix ? suffix.length + delimiter.length : 0);
  if (total > MAX_TOTAL_LENGTH)
    problems.push(`The total code length (${total}) exceeds ${MAX_TOTAL_LENGTH} characters.`);

  if (problems.length > 0) return problems;
  return {
    batchSize: batchSize as number,
    maxUses,
    maxUsesPerCustomer,
    prefix,
    suffix,
    delimiter,
    alphabet,
    codeLength,
  };
}

export function codegen(r: ApiRequest): Reply {
  const p = bulkPromotion(r);
  if (isReply(p)) return p;
  const parsed = parseJson(r.body);
  if (!parsed.ok) return json(400, errors.badJson(parsed.error));
  const params = validateCodegen(parsed.value);
  if (Array.isArray(params)) return json(422, errors.invalid(params));
  const codes = r.store.generate(p, params, r.rng, r.now);
  if (codes === null) {
    // Only reachable with a tiny alphabet and code_length: nothing is created.
    return json(
      422,
      errors.invalid([`Could not generate ${params.batchSize} unique codes with these settings.`]),
    );
  }
  return json(201, {
    data: {
      created: formatDate(r.now),
      max_uses: params.maxUses,
      max_uses_per_customer: params.maxUsesPerCustomer,
      batch_size: params.batchSize,
      codes: codes.map((c) => ({ code: c.code })),
    },
    meta: {},
  });
}
