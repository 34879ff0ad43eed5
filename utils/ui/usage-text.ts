/**
 * A promotion's usage in one sentence: the chart's text alternative, and the summary line a
 * merchant reads without opening the CSV. Pure, so it is tested on plain numbers.
 */
import { i18n } from '#i18n';
import type { Usage } from '../codes/usage';
import { currentLocale } from '../locale/current';
import { dayKeyText } from '../locale/dates';
import { formatCount, pluralCodes } from './format';

/** The day most codes were made (the earliest of equals), or null when there are none. */
export function busiestDay(usage: Usage): { day: string; codes: number } | null {
  let best: { day: string; codes: number } | null = null;
  for (const d of usage.perDay) if (!best || d.codes > best.codes) best = d;
  return best;
}

/**
 * A day bar's label under the chart: "2026-03-01" -> "Mar 1", "1. März" (the year is in the
 * sentence and the bar's title).
 */
export function shortDay(day: string): string {
  return dayKeyText(day, 'month-day', currentLocale());
}

/** A day in the sentence and a bar's title: "Mar 1, 2026", "1. März 2026". */
export function dayText(day: string): string {
  return day === 'unknown'
    ? i18n.t('forms.usage.unknownDay')
    : dayKeyText(day, 'day', currentLocale());
}

/** Which day bars carry a date under them: every one while they fit, else the first and last. */
export function labelledDays(days: number): number[] {
  if (days <= 6) return Array.from({ length: days }, (_, i) => i);
  return [0, days - 1];
}

/**
 * "12,000 codes: 9,500 unused, 2,500 used (2,000 used up), 0 unlimited; made on 3 days, most
 * on Dec 1, 2026 (10,000)."
 */
export function usageSentence(usage: Usage): string {
  if (usage.total === 0) return i18n.t('forms.usage.empty');
  const counts = i18n.t('forms.usage.counts', [
    pluralCodes(usage.total),
    formatCount(usage.unused),
    formatCount(usage.used),
    formatCount(usage.usedUp),
    formatCount(usage.unlimited),
  ]);
  const days = usage.perDay.length;
  const top = busiestDay(usage);
  if (!top) return `${counts}.`;
  if (days === 1) return i18n.t('forms.usage.oneDay', [counts, dayText(top.day)]);
  return i18n.t('forms.usage.manyDays', [
    counts,
    formatCount(days),
    dayText(top.day),
    formatCount(top.codes),
  ]);
}
