/**
 * An estimate in the merchant's words, shown under each form before its button is pressed:
 * "About 1 h 10 min on this store's plan; uses 800 requests (4% of the store's hourly quota)."
 * Pure (numbers through format.ts, in the page's locale).
 */
import type { JobEstimate } from '../codes/job-estimate';
import { formatCount, formatDuration, formatPercent } from './format';

const requestsText = (n: number) => `${formatCount(n)} ${n === 1 ? 'request' : 'requests'}`;

export function jobEstimateText(e: JobEstimate): string {
  const time = `${e.atMost ? 'At most about' : 'About'} ${formatDuration(e.ms)}`;
  const uses = `${e.atMost ? 'up to ' : ''}${requestsText(e.requests)}`;
  let text: string;
  if (e.quota === null || e.hourShare === null)
    text = `${time}; uses ${uses}. This store's quota is not known yet: it may take longer.`;
  else {
    const share = formatPercent(Math.max(1, Math.round(e.hourShare * 100)) / 100);
    text = e.overHour
      ? `${time} on this store's plan; uses ${uses}, ${share} of the store's quota while it runs (its other apps share the rest).`
      : `${time} on this store's plan; uses ${uses} (${share} of the store's hourly quota, which its other apps share).`;
  }
  return e.overHour
    ? `${text} Keep the browser open until it finishes: jobs run only while it is open.`
    : text;
}
