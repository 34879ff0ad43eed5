/**
 * Customers redeeming codes while a client works: the moment a code is used matters to a
 * purge of unused codes. Redemptions spend no quota and count in no endpoint's stats; the
 * store counts them (`stats().redemptions`) and, at each DELETE, whether a deleted code was in
 * use then (`stats().deleted`).
 */
import { codeView, type StoreData } from './store';
import type { CodeView, RedeemSpec } from './types';
import { parseTarget, promotionOr404, SandboxRequestError } from './other-app';

/** Up to `n` random codes among `ids` that still have a use left, each redeemed once. */
export function redeemSome(
  store: StoreData,
  ids: readonly number[],
  n: number,
  rng: () => number,
): CodeView[] {
  const out: CodeView[] = [];
  const tried = new Set<number>();
  // Random picks, each index once: a million ids are not copied for a few redemptions.
  while (out.length < n && tried.size < ids.length) {
    const i = Math.floor(rng() * ids.length);
    if (tried.has(i)) continue;
    tried.add(i);
    const c = store.code(ids[i]!);
    if (c && c.currentUses === 0 && store.redeem(c)) out.push(codeView(c));
  }
  return out;
}

/** Redeems codes of a bulk promotion: named ones, or `count` random unused ones. */
export function redeemCodes(
  store: StoreData,
  promotionId: number,
  spec: RedeemSpec,
  rng: () => number,
): CodeView[] {
  const p = promotionOr404(store, promotionId);
  if (Array.isArray(spec)) {
    const codes = spec.map((text) => {
      const c = typeof text === 'string' ? store.codeByText(text) : undefined;
      if (!c || c.promotionId !== p.id)
        throw new SandboxRequestError(
          `${JSON.stringify(text)} is not a code of promotion ${p.id}`,
          422,
        );
      return c;
    });
    return codes.filter((c) => store.redeem(c)).map(codeView);
  }
  const count = spec?.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 1_000_000)
    throw new SandboxRequestError('count must be an integer between 0 and 1000000', 422);
  return redeemSome(store, p.codeIds.toArray(), count, rng);
}

/** The body of POST /__sandbox/redeem: {store?, promotion, codes} or {store?, promotion, count}. */
export function parseRedeemBody(body: unknown): {
  store: string | undefined;
  promotion: number;
  spec: RedeemSpec;
} {
  const {
    store,
    promotion,
    fields: { codes, count },
  } = parseTarget(body);
  if ((codes === undefined) === (count === undefined))
    throw new SandboxRequestError('give either codes (a list) or count', 422);
  if (codes !== undefined && !Array.isArray(codes))
    throw new SandboxRequestError('codes must be a list of codes', 422);
  return { store, promotion, spec: (codes as string[]) ?? { count: count as number } };
}
