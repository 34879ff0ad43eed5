/**
 * Checks a token live, without changing anything in the store: a read tells whether the
 * token works at all; a deliberately invalid generate request on promotion 0 (which no
 * store has) is refused with 403 when the token lacks the modify scope, and with 404 or
 * 422 otherwise: nothing is ever created.
 */
import { createGovernor } from '../rate';
import { createClient } from './client';
import { ApiError } from './errors';
import { said, type ErrorWords } from '../vocabulary';

/** The result of checking a token live against the API. */
export interface TokenCheck {
  ok: boolean;
  access: 'modify' | 'read-only' | 'unknown';
  /** Words for the merchant when not ok, or when a scope is missing (the page words them). */
  message: ErrorWords;
}

const CAN_DO_ALL = said('errors.token.canDoAll');

/** What went wrong (never the token), or a plain fallback. */
const wordsFor = (e: unknown) => (e instanceof ApiError ? e.said : said('errors.token.internal'));

export async function checkToken(
  storeHash: string,
  token: string,
  deps: { fetch?: typeof fetch; apiOrigin?: string } = {},
): Promise<TokenCheck> {
  const client = createClient({
    storeHash,
    token,
    governor: createGovernor({ maxRetries: 2 }),
    fetch: deps.fetch,
    apiOrigin: deps.apiOrigin,
  });
  try {
    await client.listBulkPromotions();
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'auth')
      return {
        ok: false,
        access: 'unknown',
        message: said('errors.token.rejected', [storeHash]),
      };
    if (e instanceof ApiError && e.kind === 'scope')
      return {
        ok: false,
        access: 'unknown',
        message: said('errors.token.cannotRead'),
      };
    return { ok: false, access: 'unknown', message: wordsFor(e) };
  }
  try {
    await client.generate(0, {
      batch_size: 0,
      max_uses: 1,
      max_uses_per_customer: 1,
      code_length: 6,
    });
    return { ok: true, access: 'modify', message: CAN_DO_ALL };
  } catch (e) {
    if (e instanceof ApiError && e.kind === 'scope')
      return {
        ok: true,
        access: 'read-only',
        message: said('errors.token.noModify'),
      };
    if (e instanceof ApiError && ['not-found', 'invalid', 'not-bulk'].includes(e.kind))
      return { ok: true, access: 'modify', message: CAN_DO_ALL };
    return { ok: false, access: 'unknown', message: wordsFor(e) };
  }
}
