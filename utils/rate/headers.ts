/**
 * BigCommerce's rate-limit headers, read defensively: they may be missing (some Enterprise
 * stores), partial, or hold garbage, and acting on a wrong figure is worse than having none.
 */

/** What one response says about the store's request quota. All values are finite integers >= 0. */
export interface RateInfo {
  /** Length of a quota window. */
  windowMs: number;
  /** Milliseconds until the quota refreshes, measured when the response was made. */
  resetMs: number;
  /** Requests allowed per window. Always >= 1 and >= left. */
  quota: number;
  /** Requests still allowed in the current window. */
  left: number;
}

export type HeaderSource = Headers | Readonly<Record<string, string>>;

export const RATE_HEADERS = {
  windowMs: 'x-rate-limit-time-window-ms',
  resetMs: 'x-rate-limit-time-reset-ms',
  quota: 'x-rate-limit-requests-quota',
  left: 'x-rate-limit-requests-left',
} as const;

/**
 * The published window (30 s). Used only when the window header is missing: it is what
 * BigCommerce documents, and a longer guess is the safe one (it only delays a refill).
 */
export const DEFAULT_WINDOW_MS = 30_000;

/** Up to 15 digits: always an exact (safe) integer, and no real figure comes near it. */
const COUNT_RE = /^\d{1,15}$/;

function isHeaders(source: HeaderSource): source is Headers {
  return typeof (source as Headers).get === 'function';
}

/** Header lookup, case-insensitive for plain records as `Headers` already is. */
function readHeader(source: HeaderSource, lowerName: string): string | null {
  if (isHeaders(source)) return source.get(lowerName);
  for (const key of Object.keys(source)) {
    if (key.toLowerCase() !== lowerName) continue;
    const value: unknown = source[key];
    return typeof value === 'string' ? value : null;
  }
  return null;
}

/** A non-negative decimal integer, or null for anything else ("", "-1", "1.5", "12abc", "1, 2", ...). */
function readCount(source: HeaderSource, lowerName: string): number | null {
  const raw = readHeader(source, lowerName);
  if (raw === null) return null;
  const text = raw.trim();
  return COUNT_RE.test(text) ? Number(text) : null;
}

/**
 * Reads the four headers. Returns null unless the response says how many requests are left,
 * out of what quota and until when (`left`, `quota`, `resetMs`): without any one of these,
 * pacing on the rest would be guesswork. A missing or invalid window length alone is tolerated
 * (it is only used to guess when a later window ends): it becomes max(resetMs, 30 s).
 * Figures that contradict each other are garbage and give null: a quota of 0 (no store that
 * just answered has one), more left than the quota, or a reset further away than the window.
 */
export function parseRateHeaders(headers: HeaderSource): RateInfo | null {
  const left = readCount(headers, RATE_HEADERS.left);
  const quota = readCount(headers, RATE_HEADERS.quota);
  const resetMs = readCount(headers, RATE_HEADERS.resetMs);
  if (left === null || quota === null || resetMs === null) return null;
  if (quota === 0 || left > quota) return null;

  const windowHeader = readCount(headers, RATE_HEADERS.windowMs);
  if (windowHeader !== null && (windowHeader === 0 || resetMs > windowHeader)) return null;
  const windowMs = windowHeader ?? Math.max(resetMs, DEFAULT_WINDOW_MS);

  return { windowMs, resetMs, quota, left };
}
