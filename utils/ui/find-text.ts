/**
 * "Find a code" in the merchant's words: a code's uses and limits, the question before
 * deleting it, and where its delete job stands. Pure, for the popup and the panel alike.
 */
import type { JobView } from '../jobs/types';
import { formatCount } from './format';
import { interruptedText, pausedText } from './job-text';
import { sayMaybe } from './say';

function times(n: number): string {
  return n === 1 ? 'once' : `${formatCount(n)} times`;
}

/** "used 1 of 1 (used up: it cannot be redeemed again)", "used 3 times, no limit". */
export function usesText(code: { current_uses: number; max_uses: number }): string {
  if (code.max_uses === 0) return `used ${times(code.current_uses)}, no limit`;
  const base = `used ${formatCount(code.current_uses)} of ${formatCount(code.max_uses)}`;
  return code.current_uses >= code.max_uses
    ? `${base} (used up: it cannot be redeemed again)`
    : base;
}

/** "once per customer", "up to 3 times per customer", "no limit per customer". */
export function perCustomerText(maxUsesPerCustomer: number): string {
  if (maxUsesPerCustomer === 0) return 'no limit per customer';
  return maxUsesPerCustomer === 1
    ? 'once per customer'
    : `up to ${times(maxUsesPerCustomer)} per customer`;
}

export function notFoundText(code: string): string {
  return `No code ${code} in this store.`;
}

export function deleteQuestion(code: string, promotionName: string): string {
  return (
    `Delete the code ${code}? A backup with this one code is saved first, then the code is deleted from “${promotionName}”. ` +
    'Deleted codes cannot be brought back in BigCommerce.'
  );
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
      return `Saving a backup of ${job.deleteCode?.code ?? 'the code'}, then deleting it…`;
  }
}
