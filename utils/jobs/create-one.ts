/**
 * One code's fate in an import or a pattern job: created, refused (with the reason), or, for a
 * pattern, clashing with a code that exists (the job replaces it). A request that fails without
 * telling whether it took effect, or a refusal that might be the job's own earlier request, is
 * settled by looking the code up: found in this promotion, with the job's limits, and newer
 * than anything the promotion held before the job, means the job made it.
 */
import type { BigCommerceClient } from '../api/client';
import type { CreateCodeBody } from '../api/code-calls';
import { ApiError } from '../api/errors';
import type { CouponCode } from '../api/schemas';
import { said, type Said, type SaidValue } from '../vocabulary';

export type CodeOutcome = { created: CouponCode } | { rejected: Said } | { clash: string };

export interface CreateOneContext {
  client: BigCommerceClient;
  promotionId: number;
  /** Highest id the promotion held before the job. */
  baselineMaxId: number;
  /** Stops the job (no request not yet sent goes out). */
  signal: AbortSignal;
  /** Cuts requests already sent (a worker stopping). */
  requestSignal?: AbortSignal;
  /** A request whose answer never came. */
  onUnanswered(): void;
  /** Pattern jobs replace a code that exists instead of rejecting it. */
  pattern: boolean;
}

/**
 * Answers lost in a row for one code before the job stops (and pauses) instead of sending again.
 * A 500 counts as lost too: at a 5 % error rate, 5 in a row come once in 3 million codes.
 */
const MAX_LOST_ANSWERS = 5;

const isOurs = (c: CouponCode, body: CreateCodeBody, baselineMaxId: number) =>
  c.id > baselineMaxId &&
  c.max_uses === body.max_uses &&
  c.max_uses_per_customer === body.max_uses_per_customer;

export async function createOne(x: CreateOneContext, body: CreateCodeBody): Promise<CodeOutcome> {
  for (let lost = 0, ghosts = 0; ;) {
    let refusal: { refused: 'conflict' | 'invalid'; reason: SaidValue } | null = null;
    try {
      // Without a signal of its own for requests sent, the job's stop cuts them too.
      const res = await x.client.createCode(
        x.promotionId,
        body,
        x.requestSignal ?? x.signal,
        x.signal,
      );
      if ('created' in res) return res;
      refusal = res;
    } catch (e) {
      if (!(e instanceof ApiError && e.kind === 'ambiguous')) throw e;
      x.onUnanswered();
      // Did it happen? The store knows.
      const here = await x.client.findCodeIn(x.promotionId, body.code, x.signal);
      if (here && isOurs(here, body, x.baselineMaxId)) return { created: here };
      if (here)
        return x.pattern ? { clash: body.code } : { rejected: alreadyHere(here, x.baselineMaxId) };
      if (++lost >= MAX_LOST_ANSWERS)
        throw new ApiError('network', said('errors.codeUnanswered', [lost, body.code]));
      continue; // not made: send it again
    }
    // Refused: a code the store already has (ours from before a restart, or someone's), or one it will not take.
    const here = await x.client.findCodeIn(x.promotionId, body.code, x.signal);
    if (here) {
      if (isOurs(here, body, x.baselineMaxId)) return { created: here };
      return x.pattern ? { clash: body.code } : { rejected: alreadyHere(here, x.baselineMaxId) };
    }
    const elsewhere = await x.client.findCode(body.code, x.signal);
    if (elsewhere)
      return x.pattern
        ? { clash: body.code }
        : {
            rejected: said('lineReasons.inOtherPromotion'),
          };
    // Said to exist, yet found nowhere: deleted meanwhile (try again), or an answer that makes no sense.
    if (refusal.refused === 'conflict' && ++ghosts < MAX_LOST_ANSWERS) continue;
    if (x.pattern)
      throw new ApiError('invalid', said('errors.codeRefused', [body.code, refusal.reason]));
    return { rejected: said('lineReasons.storeRefused', [refusal.reason]) };
  }
}

function alreadyHere(c: CouponCode, baselineMaxId: number): Said {
  return c.id <= baselineMaxId
    ? said('lineReasons.inPromotion')
    : said('lineReasons.addedMeanwhile');
}
