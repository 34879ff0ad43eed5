/**
 * Numbers, durations and rates in the merchant's words. Pure: no DOM, no browser APIs.
 * The UI text is English, so numbers are grouped the English way ("12,500").
 */

/**
 * 12500 -> "12,500" (rounded to a whole number), as Intl.NumberFormat('en-US') writes it (tested
 * to 1e16; far past any count, Intl writes a double's shortest digits where this writes its exact value).
 * Grouped by hand on purpose: the content script formats counts, and the first Intl formatter
 * in a page's extension world costs ~28 ms (ICU set-up). Made at load, it held up the control
 * panel's load event (Chrome runs idle scripts just before it); made later, it delays the panel.
 */
export function formatCount(n: number): string {
  const whole = Math.round(n);
  if (!Number.isFinite(whole)) return Number.isNaN(whole) ? 'NaN' : whole > 0 ? '∞' : '-∞';
  // BigInt writes every digit (no "1e+21"); -0 is written as 0.
  const digits = BigInt(Math.abs(whole))
    .toString()
    .replace(/\B(?=(\d{3})+$)/g, ',');
  return whole < 0 ? `-${digits}` : digits;
}

/** "1 row" / "12,500 rows": a count with its noun, singular for exactly one. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "1 code" / "12,500 codes". */
export function pluralCodes(n: number): string {
  return plural(n, 'code');
}

/** 1900.4 -> "1,900 codes/s"; slow rates keep one decimal ("0.5 codes/s"). */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond <= 0) return '0 codes/s';
  if (perSecond < 10) return `${(Math.round(perSecond * 10) / 10).toString()} codes/s`;
  return `${formatCount(perSecond)} codes/s`;
}

/** Milliseconds as "45 s", "3 min 5 s", "1 h 5 min". */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  if (minutes < 60)
    return seconds && minutes < 10 ? `${minutes} min ${seconds} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const restMinutes = minutes % 60;
  return restMinutes ? `${hours} h ${restMinutes} min` : `${hours} h`;
}

/** Seconds left until an absolute epoch-ms moment, never negative (for "resumes in 12 s"). */
export function secondsUntil(untilMs: number, now: number): number {
  return Math.max(0, Math.ceil((untilMs - now) / 1000));
}

/** 1536 -> "1.5 KB", 5_000_000 -> "4.8 MB" (binary units, one decimal under 10). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024)
    return `${Math.max(0, Math.round(bytes || 0))} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? (Math.round(v * 10) / 10).toString() : formatCount(v)} ${units[i]}`;
}
