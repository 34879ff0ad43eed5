/**
 * The import preview in the merchant's words: what the file gives, what it leaves out, and how
 * long creating the codes will take. Pure (formatCount and formatDuration, never Intl).
 */
import type { Estimate } from '../codes/estimate';
import { CREATE_CONCURRENCY } from '../vocabulary';
import { formatCount, formatDuration } from './format';

/** "1 line" / "12 lines". */
export function pluralLines(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'line' : 'lines'}`;
}

/**
 * "About 5 h 33 min at 150 requests per 30 s." when the store's quota sets the pace, else
 * "About 2 min (40 requests at a time).", and a word of caution while the quota is not known.
 */
export function estimateText(estimate: Estimate): string {
  const { ms, basis, quota, windowMs } = estimate;
  const pace =
    basis === 'quota' && quota !== null && windowMs !== null
      ? `About ${formatDuration(ms)} at ${formatCount(quota)} requests per ${formatDuration(windowMs)}.`
      : `About ${formatDuration(ms)} (${CREATE_CONCURRENCY} requests at a time).`;
  return quota === null
    ? `${pace} BigCommerce's quota for this store is not known yet, and may make it take longer.`
    : pace;
}
