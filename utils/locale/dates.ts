/**
 * Days and times as a locale writes them, on the merchant's clock unless a zone is given (tests
 * give one). Through Intl, made on first use (kept.ts says why).
 */
import { keptFormat } from './kept';

/** "Dec 6, 2026" / "6. Dez. 2026"; "Dec 6" (the year said elsewhere); "4:30 PM CET": a time names its zone. */
export type DateShape = 'day' | 'month-day' | 'time';

/** A moment (epoch ms) as a day or a time of `locale`; '?' for no valid moment. */
export function momentText(ms: number, shape: DateShape, locale: string, timeZone?: string) {
  if (!Number.isFinite(ms)) return '?';
  const options: Intl.DateTimeFormatOptions =
    shape === 'time'
      ? { hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone }
      : { year: shape === 'day' ? 'numeric' : undefined, month: 'short', day: 'numeric', timeZone };
  return keptFormat(
    `${shape} ${locale} ${timeZone}`,
    () => new Intl.DateTimeFormat(locale, options),
  ).format(ms);
}

/**
 * A day already on the merchant's calendar ("2026-03-01", as usage counts them) in the
 * locale's words: written as that day in UTC, so no zone moves it to the day before.
 */
export function dayKeyText(day: string, shape: 'day' | 'month-day', locale: string): string {
  const [y, m, d] = /^\d{4}-\d\d-\d\d$/.test(day) ? day.split('-').map(Number) : [];
  return y === undefined ? '?' : momentText(Date.UTC(y, m! - 1, d), shape, locale, 'UTC');
}
