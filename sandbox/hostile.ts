/**
 * Hostile answers: settings that make the API behave oddly but plausibly (lying
 * rate-limit headers, endless 429s, cursors that never end, huge bodies), so
 * that a client's defences can be tested. API routes only. This module holds
 * the validation and the header side; hostile-list.ts rewrites list answers.
 */
import type { RateHeaders } from './limits';
import type { Hostile, HostileRateHeaders } from './types';

const RATE_KEYS: Record<keyof HostileRateHeaders, keyof RateHeaders> = {
  windowMs: 'X-Rate-Limit-Time-Window-Ms',
  resetMs: 'X-Rate-Limit-Time-Reset-Ms',
  quota: 'X-Rate-Limit-Requests-Quota',
  left: 'X-Rate-Limit-Requests-Left',
};
const HOSTILE_KEYS = [
  'rateHeaders',
  'always429',
  'total',
  'repeatCursor',
  'endlessCursor',
  'hugeBodyBytes',
  'hugeBodyChunked',
] as const;
/** Padding is streamed, never held in memory, but a bound keeps a typo from writing gigabytes. */
export const MAX_HUGE_BODY_BYTES = 512 * 1024 * 1024;
/** What Node accepts in a header value (anything else would throw when the answer is written). */
const HEADER_VALUE_RE = /^[\t\x20-\x7e\x80-\xff]*$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Throws a plain Error naming the bad field. Unknown keys are refused: a
 * misspelt hostile setting that silently did nothing would make a test pass
 * for the wrong reason.
 */
export function validateHostile(raw: unknown): Hostile {
  if (!isObject(raw)) throw new Error('hostile must be an object');
  const out: Hostile = {};
  for (const k of Object.keys(raw)) {
    if (!(HOSTILE_KEYS as readonly string[]).includes(k))
      throw new Error(`hostile.${k} is not a setting; known: ${HOSTILE_KEYS.join(', ')}`);
  }
  if (raw.rateHeaders !== undefined) {
    const rh = raw.rateHeaders;
    if (!isObject(rh)) throw new Error('hostile.rateHeaders must be an object');
    const headers: HostileRateHeaders = {};
    for (const k of Object.keys(rh)) {
      if (!(k in RATE_KEYS))
        throw new Error(
          `hostile.rateHeaders.${k} is not a header; known: ${Object.keys(RATE_KEYS).join(', ')}`,
        );
      const v = rh[k];
      if (v === undefined) continue;
      if (typeof v !== 'string' || !HEADER_VALUE_RE.test(v)) {
        throw new Error(
          `hostile.rateHeaders.${k} must be a string that can be a header value (no line breaks)`,
        );
      }
      headers[k as keyof HostileRateHeaders] = v;
    }
    out.rateHeaders = headers;
  }
  for (const k of ['always429', 'repeatCursor', 'endlessCursor', 'hugeBodyChunked'] as const) {
    const v = raw[k];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') throw new Error(`hostile.${k} must be true or false`);
    out[k] = v;
  }
  if (raw.total !== undefined) {
    // Negative or fractional totals are allowed on purpose: they are odd answers too.
    if (typeof raw.total !== 'number' || !Number.isFinite(raw.total))
      throw new Error('hostile.total must be a finite number');
    out.total = raw.total;
  }
  if (raw.hugeBodyBytes !== undefined) {
    const v = raw.hugeBodyBytes;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > MAX_HUGE_BODY_BYTES) {
      throw new Error(
        `hostile.hugeBodyBytes must be an integer between 0 and ${MAX_HUGE_BODY_BYTES}`,
      );
    }
    out.hugeBodyBytes = v;
  }
  return out;
}

/** The configured raw strings replace the real values; headers not configured stay true. */
export function overrideRateHeaders(h: RateHeaders, hostile: Hostile): RateHeaders {
  const rh = hostile.rateHeaders;
  if (!rh) return h;
  const out = { ...h };
  for (const [k, name] of Object.entries(RATE_KEYS) as Array<
    [keyof HostileRateHeaders, keyof RateHeaders]
  >) {
    const v = rh[k];
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/**
 * Headers of an always429 answer: looks like a concurrency 429 (Requests-Left
 * above 0, retry in a second), so a client that trusts the headers retries
 * forever unless it gives up on its own.
 */
export function always429Headers(real: RateHeaders, hostile: Hostile): RateHeaders {
  const left = Math.max(1, Number(real['X-Rate-Limit-Requests-Left']) || 0);
  return overrideRateHeaders(
    { ...real, 'X-Rate-Limit-Time-Reset-Ms': '1000', 'X-Rate-Limit-Requests-Left': String(left) },
    hostile,
  );
}
