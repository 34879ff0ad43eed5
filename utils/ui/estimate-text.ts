/**
 * An estimate in the merchant's words, shown under each form before its button is pressed:
 * "About 1 h 10 min on this store's plan; uses 800 requests (4% of the store's hourly quota)."
 * Pure (numbers through format.ts, in the page's locale).
 */
import { i18n } from '#i18n';
import type { JobEstimate } from '../codes/job-estimate';
import { formatCount, formatDuration, formatPercent } from './format';

export function jobEstimateText(e: JobEstimate): string {
  const duration = formatDuration(e.ms);
  const time = e.atMost
    ? i18n.t('forms.estimate.atMostAbout', [duration])
    : i18n.t('forms.estimate.about', [duration]);
  const requests = i18n.t('forms.estimate.requests', e.requests, [formatCount(e.requests)]);
  const uses = e.atMost ? i18n.t('forms.estimate.upTo', [requests]) : requests;
  let text: string;
  if (e.quota === null || e.hourShare === null)
    text = i18n.t('forms.estimate.quotaUnknown', [time, uses]);
  else {
    const share = formatPercent(Math.max(1, Math.round(e.hourShare * 100)) / 100);
    text = e.overHour
      ? i18n.t('forms.estimate.overHour', [time, uses, share])
      : i18n.t('forms.estimate.withinHour', [time, uses, share]);
  }
  return e.overHour ? `${text} ${i18n.t('forms.estimate.keepOpen')}` : text;
}
