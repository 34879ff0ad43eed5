/**
 * Where a promotion stands before a job creates codes in it: how many codes it holds and the
 * highest id among them. Every code made afterwards has a higher id, which is how a job tells
 * the codes it made from those that were there before.
 */
import type { BigCommerceClient } from '../api/client';
import { ApiError } from '../api/errors';
import { PAGE_SIZE } from '../vocabulary';
import { said } from '../vocabulary';

export async function readBaseline(
  client: BigCommerceClient,
  promotionId: number,
  signal: AbortSignal,
): Promise<{ total: number; maxId: number }> {
  for (let attempt = 1; ; attempt++) {
    const total = await client.codeCount(promotionId, signal);
    if (total === 0) return { total: 0, maxId: 0 };
    const last = await client.listCodes(
      promotionId,
      { limit: PAGE_SIZE, page: Math.ceil(total / PAGE_SIZE) },
      signal,
    );
    // The last page and the count must describe the same moment, or a code made in between
    // would count as the merchant's own.
    if (last.total === total)
      return { total, maxId: last.codes.reduce((m, c) => Math.max(m, c.id), 0) };
    if (attempt >= 5) throw new ApiError('bad-response', said('errors.baselineMoving'));
  }
}
