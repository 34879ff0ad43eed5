/**
 * A promotion's usage in one sentence: the chart's text alternative, and the summary line a
 * merchant reads without opening the CSV. Pure, so it is tested on plain numbers.
 */
import type { Usage } from '../codes/usage';
import { formatCount, pluralCodes } from './format';

/** The day most codes were made (the earliest of equals), or null when there are none. */
export function busiestDay(usage: Usage): { day: string; codes: number } | null {
  let best: { day: string; codes: number } | null = null;
  for (const d of usage.perDay) if (!best || d.codes > best.codes) best = d;
  return best;
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/**
 * A day bar's label under the chart: "2026-03-01" -> "Mar 1" (the year is in the sentence and
 * the bar's title). By hand, not Intl: the content script's first Intl formatter costs ~28 ms.
 */
export function shortDay(day: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(day);
  const month = m ? MONTHS[Number(m[1]) - 1] : undefined;
  return m && month ? `${month} ${Number(m[2])}` : '?';
}

/** Which day bars carry a date under them: every one while they fit, else the first and last. */
export function labelledDays(days: number): number[] {
  if (days <= 6) return Array.from({ length: days }, (_, i) => i);
  return [0, days - 1];
}

function dayName(day: string): string {
  return day === 'unknown' ? 'an unknown day' : day;
}

/**
 * "12,000 codes: 9,500 unused, 2,500 used (2,000 used up), 0 unlimited; made on 3 days, most
 * on 2026-12-01 (10,000)."
 */
export function usageSentence(usage: Usage): string {
  if (usage.total === 0) return '0 codes: the promotion holds no codes, so none are used.';
  const counts =
    `${pluralCodes(usage.total)}: ${formatCount(usage.unused)} unused, ${formatCount(usage.used)} used ` +
    `(${formatCount(usage.usedUp)} used up), ${formatCount(usage.unlimited)} unlimited`;
  const days = usage.perDay.length;
  const top = busiestDay(usage);
  if (!top) return `${counts}.`;
  if (days === 1) return `${counts}; all made on ${dayName(top.day)}.`;
  return `${counts}; made on ${formatCount(days)} days, most on ${dayName(top.day)} (${formatCount(top.codes)}).`;
}
