/**
 * Numbers, durations and rates in the merchant's words, their numbers as the merchant's locale
 * writes them ("12,500", "12.500", "12 500"). No DOM, no browser APIs: the locale is the
 * page's (utils/locale/current.ts), or the one given.
 */
import { currentLocale } from '../locale/current';
import { numberFormat } from '../locale/numbers';

/**
 * 12500 -> "12,500" in English, "12.500" in German: rounded to a whole number. The formatter is
 * made at the first count, never at load (utils/locale/numbers.ts says why).
 */
export function formatCount(n: number, locale = currentLocale()): string {
  const whole = Math.round(n);
  // Intl writes -0 as "-0"; a count is never negative zero to a merchant.
  return numberFormat(locale).format(whole === 0 ? 0 : whole);
}

/** 0.54 -> "0.5" in English, "0,5" in German: one decimal at most. */
function formatTenths(n: number, locale = currentLocale()): string {
  return numberFormat(locale, 'one-decimal').format(n);
}

/** 0.04 -> "4%" in English, "4 %" in German: a whole percentage. */
export function formatPercent(share: number, locale = currentLocale()): string {
  return numberFormat(locale, 'percent').format(share);
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
  if (perSecond < 10) return `${formatTenths(perSecond)} codes/s`;
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
  return `${v < 10 ? formatTenths(v) : formatCount(v)} ${units[i]}`;
}
