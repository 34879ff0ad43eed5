/**
 * Numbers, durations and rates in the merchant's words, their numbers as the merchant's locale
 * writes them ("12,500", "12.500", "12 500"). No DOM, no browser APIs: the locale is the
 * page's (utils/locale/current.ts), or the one given.
 */
import { i18n } from '#i18n';
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

/** "1 code" / "12,500 codes". */
export function pluralCodes(n: number): string {
  return i18n.t('forms.units.codes', n, [formatCount(n)]);
}

/** 1900.4 -> "1,900 codes/s"; slow rates keep one decimal ("0.5 codes/s"). */
export function formatRate(perSecond: number): string {
  const rate =
    !Number.isFinite(perSecond) || perSecond <= 0
      ? formatCount(0)
      : perSecond < 10
        ? formatTenths(perSecond)
        : formatCount(perSecond);
  return i18n.t('forms.units.rate', [rate]);
}

/** Milliseconds as "45 s", "3 min 5 s", "1 h 5 min". */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.ceil(ms / 1000));
  const n = (v: number) => formatCount(v);
  if (totalSeconds < 60) return i18n.t('forms.units.seconds', [n(totalSeconds)]);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  if (minutes < 60)
    return seconds && minutes < 10
      ? i18n.t('forms.units.minutesSeconds', [n(minutes), n(seconds)])
      : i18n.t('forms.units.minutes', [n(minutes)]);
  const hours = Math.floor(minutes / 60);
  const restMinutes = minutes % 60;
  return restMinutes
    ? i18n.t('forms.units.hoursMinutes', [n(hours), n(restMinutes)])
    : i18n.t('forms.units.hours', [n(hours)]);
}

/** Seconds left until an absolute epoch-ms moment, never negative (for "resumes in 12 s"). */
export function secondsUntil(untilMs: number, now: number): number {
  return Math.max(0, Math.ceil((untilMs - now) / 1000));
}

/** 1536 -> "1.5 KB", 5_000_000 -> "4.8 MB" (binary units, one decimal under 10). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024)
    return i18n.t('forms.units.bytes', [formatCount(Math.max(0, Math.round(bytes || 0)))]);
  const units = ['kb', 'mb', 'gb', 'tb'] as const;
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i18n.t(`forms.units.${units[i]!}`, [v < 10 ? formatTenths(v) : formatCount(v)]);
}
