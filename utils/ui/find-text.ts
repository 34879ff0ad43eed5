/**
 * "Find a code" in the merchant's words: a code's uses and limits, the question before
 * deleting it, and where its delete job stands. Pure, for the popup and the panel alike.
 */
import { i18n } from '#i18n';
import type { JobView } from '../jobs/types';
import { formatCount } from './format';
import { interruptedText, pausedText } from './job-text';
import { sayMaybe } from './say';

function times(n: number): string {
  return i18n.t('forms.findCode.times', n, [formatCount(n)]);
}

/** "used 1 of 1 (used up: it cannot be redeemed again)", "used 3 times, no limit". */
export function usesText(code: { current_uses: number; max_uses: number }): string {
  if (code.max_uses === 0) return i18n.t('forms.findCode.usedNoLimit', [times(code.current_uses)]);
  const base = i18n.t('forms.findCode.usedOf', [
    formatCount(code.current_uses),
    formatCount(code.max_uses),
  ]);
  return code.current_uses >= code.max_uses ? i18n.t('forms.findCode.usedUp', [base]) : base;
}

/** "once per customer", "up to 3 times per customer", "no limit per customer". */
export function perCustomerText(maxUsesPerCustomer: number): string {
  if (maxUsesPerCustomer === 0) return i18n.t('forms.findCode.perCustomerNone');
  return maxUsesPerCustomer === 1
    ? i18n.t('forms.findCode.perCustomerOnce')
    : i18n.t('forms.findCode.perCustomerUpTo', [times(maxUsesPerCustomer)]);
}

/** A promotion's status as said in a sentence (find.status.*). */
const STATUS_IN_SENTENCE: Record<string, () => string> = {
  DISABLED: () => i18n.t('find.status.disabled'),
  INVALID: () => i18n.t('find.status.invalid'),
};

/**
 * What follows a promotion's name when it is not enabled: " (disabled)". A status the store
 * added since has no words in the catalogue: the store's own, lowercased.
 */
export function promotionStatusNote(status: string | null | undefined): string {
  if (!status || status === 'ENABLED') return '';
  const word = STATUS_IN_SENTENCE[status]?.() ?? status.toLowerCase().replace(/_/g, ' ');
  return ` (${word})`;
}

export function notFoundText(code: string): string {
  return i18n.t('forms.findCode.notFound', [code]);
}

export function deleteQuestion(code: string, promotionName: string): string {
  return i18n.t('forms.findCode.deleteQuestion', [code, promotionName]);
}

/** Where "Delete this code" stands, from its job as the background reports it. */
export function deleteJobText(job: JobView): string {
  switch (job.status) {
    case 'completed':
    case 'failed':
    case 'cancelled':
      return sayMaybe(job.words.ended);
    case 'paused':
      return pausedText(job);
    case 'interrupted':
      return interruptedText();
    default:
      return i18n.t('forms.findCode.deleting', [
        job.deleteCode?.code ?? i18n.t('forms.findCode.theCode'),
      ]);
  }
}
