/**
 * "Another app writing to a promotion": codes that appear in a store without
 * going through the API the client under test uses, as when a second app or a
 * merchant in the control panel adds codes during an export. No stats, no
 * quota, no faults. All-or-nothing: on any error nothing is added.
 */
import {
  codeView,
  FULL_ALPHABET,
  type CodegenParams,
  type Promotion,
  type StoreData,
} from './store';
import type { AddCodesSpec, CodeView } from './types';

/** An error with the HTTP status /__sandbox/add-codes answers it with. */
export class SandboxRequestError extends Error {
  constructor(
    message: string,
    readonly status: 404 | 422,
  ) {
    super(message);
  }
}

const CODE_RE = /^[a-zA-Z0-9_ -]{1,50}$/;
const AFFIX_RE = /^[A-Z0-9_-]{0,20}$/;
/** Enough for a million-code store in one call. */
export const MAX_ADD_COUNT = 1_000_000;
const SPEC_KEYS = [
  'count',
  'prefix',
  'suffix',
  'delimiter',
  'codeLength',
  'maxUses',
  'maxUsesPerCustomer',
] as const;

const bad = (message: string) => new SandboxRequestError(message, 422);

/** The promotion a sandbox request names, or a 404 that says which store lacks it. */
export function promotionOr404(store: StoreData, promotionId: number): Promotion {
  const p = Number.isInteger(promotionId) ? store.promotion(promotionId) : undefined;
  if (!p)
    throw new SandboxRequestError(
      `promotion ${String(promotionId)} does not exist in store ${store.hash}`,
      404,
    );
  return p;
}

/**
 * What every sandbox request body starts with, {store?, promotion, …}: the store hash, the
 * promotion id and the other fields; a 422 when the body or either of these is off.
 */
export function parseTarget(body: unknown): {
  store: string | undefined;
  promotion: number;
  fields: Record<string, unknown>;
} {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw bad('the body must be a JSON object');
  const { store, promotion, ...fields } = body as Record<string, unknown>;
  if (store !== undefined && typeof store !== 'string')
    throw bad('store must be a store hash (a string)');
  if (typeof promotion !== 'number' || !Number.isInteger(promotion))
    throw bad('promotion must be a promotion id (an integer)');
  return { store, promotion, fields };
}

function intIn(
  spec: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
  dflt: number,
): number {
  const v = spec[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    throw bad(`${key} must be an integer between ${min} and ${max}`);
  return v;
}

/** Codegen's own rules (prefix / suffix / delimiter / length), in the names of the in-process API. */
function generatorParams(raw: unknown): CodegenParams {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw bad('the codes to add must be a list of codes or an object with count');
  const spec = raw as Record<string, unknown>;
  for (const k of Object.keys(spec)) {
    if (!(SPEC_KEYS as readonly string[]).includes(k))
      throw bad(`${k} is not an option; known: ${SPEC_KEYS.join(', ')}`);
  }
  if (spec.count === undefined) throw bad('count is required (or give a list of codes)');
  const count = intIn(spec, 'count', 0, MAX_ADD_COUNT, 0);
  const affix = (key: 'prefix' | 'suffix'): string => {
    const v = spec[key];
    if (v === undefined) return '';
    if (typeof v !== 'string' || !AFFIX_RE.test(v))
      throw bad(`${key} must be at most 20 capital letters, digits, underscores or hyphens`);
    return v;
  };
  const prefix = affix('prefix');
  const suffix = affix('suffix');
  const d = spec.delimiter;
  if (d !== undefined && d !== '_' && d !== '-') throw bad("delimiter must be '_' or '-'");
  const delimiter = (d ?? '') as string;
  const codeLength = intIn(spec, 'codeLength', 6, 16, 16);
  const total =
    codeLength +
    (prefix ? prefix.length + delimiter.length : 0) +
    (suffix ? suffix.length + delimiter.length : 0);
  if (total > 50) throw bad(`the codes would be ${total} characters long; at most 50 are allowed`);
  return {
    batchSize: count,
    maxUses: intIn(spec, 'maxUses', 0, 100000, 1),
    maxUsesPerCustomer: intIn(spec, 'maxUsesPerCustomer', 0, 100000, 1),
    prefix,
    suffix,
    delimiter,
    alphabet: FULL_ALPHABET,
    codeLength,
  };
}

export function addCodes(
  store: StoreData,
  promotionId: number,
  spec: unknown,
  rng: () => number,
  nowMs: number,
): CodeView[] {
  const p = promotionOr404(store, promotionId);
  if (!store.isBulk(p))
    throw bad(`promotion ${p.id} is not a bulk coupon promotion, so codes cannot be added to it`);

  if (Array.isArray(spec)) {
    const seen = new Set<string>();
    for (const c of spec as unknown[]) {
      if (typeof c !== 'string' || !CODE_RE.test(c)) {
        throw bad(
          `${JSON.stringify(c)} is not a valid code: 1 to 50 letters, digits, spaces, underscores or hyphens`,
        );
      }
      const key = c.toUpperCase();
      if (seen.has(key))
        throw bad(`the code ${c} is given twice (codes are compared ignoring case)`);
      seen.add(key);
      const owner = store.codeByText(c);
      if (owner)
        throw bad(
          `the code ${c} already exists in store ${store.hash} (promotion ${owner.promotionId})`,
        );
    }
    // Same use limits as codegen's defaults: the other app is assumed to generate codes too.
    return (spec as string[]).map((c) => codeView(store.addCode(p, c, 1, 1, nowMs)!));
  }

  const params = generatorParams(spec);
  const made = store.generate(p, params, rng, nowMs);
  if (made === null)
    throw bad(`could not make ${params.batchSize} codes unique in the store with these settings`);
  return made.map(codeView);
}

/**
 * The body of POST /__sandbox/add-codes: {store?, promotion, codes?} or
 * {store?, promotion, count, prefix?, ...}. Returns the store hash, the
 * promotion id and the spec for addCodes().
 */
export function parseAddCodesBody(body: unknown): {
  store: string | undefined;
  promotion: number;
  spec: string[] | AddCodesSpec;
} {
  const {
    store,
    promotion,
    fields: { codes, ...rest },
  } = parseTarget(body);
  if (codes !== undefined) {
    if (Object.keys(rest).length > 0)
      throw bad(
        `give either codes or count (with its options), not both: ${Object.keys(rest).join(', ')}`,
      );
    if (!Array.isArray(codes)) throw bad('codes must be a list of codes');
    return { store, promotion, spec: codes as string[] };
  }
  return { store, promotion, spec: rest as unknown as AddCodesSpec };
}
