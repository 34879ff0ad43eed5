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
