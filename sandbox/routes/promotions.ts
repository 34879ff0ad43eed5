/** GET /promotions and GET /promotions/{id}, shaped per the spec's Saved*Promotion schemas. */
import { errors } from '../errors';
import { json, parseIntStrict, type Reply } from '../http';
import { codeView, type Promotion, type StoreData } from '../store';
import type { ApiRequest } from './context';

/** Minimal but schema-valid rules: a condition is left out because the spec's Condition oneOf is ambiguous. */
const RULES = [
  {
    action: { cart_value: { discount: { percentage_amount: '10' } } },
    apply_once: true,
    stop: false,
  },
];

export function promotionBody(store: StoreData, p: Promotion): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: p.id,
    redemption_type: p.redemptionType,
    name: p.name,
    display_name: p.name,
    created_from: 'api',
    channels: [],
    customer: { group_ids: [], minimum_order_count: 0, excluded_group_ids: [] },
    rules: RULES,
    current_uses: p.currentUses,
    status: p.status,
    start_date: p.startDate,
    stop: false,
    can_be_used_with_other_promotions: true,
    currency_code: 'USD',
    notifications: [],
  };
  if (p.redemptionType === 'COUPON') {
    base.coupon_type = p.couponType ?? 'SINGLE';
    base.coupon_overrides_other_promotions = false;
    base.multiple_codes = { has_multiple_codes: p.couponType === 'BULK' };
    if (p.couponType !== 'BULK') {
      // A SINGLE promotion carries its one code inline.
      const first = p.codeIds.slice(0, 1)[0];
      const c = first === undefined ? undefined : store.code(first);
      if (c) base.codes = codeView(c);
    }
  }
  return base;
}

const SORTS = ['id', 'name', 'priority', 'start_date'] as const;

export function getPromotion(r: ApiRequest): Reply {
  const raw = r.params.id ?? '';
  const id = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  const p = Number.isNaN(id) ? undefined : r.store.promotion(id);
  if (!p) return json(404, errors.promotionNotFound(raw));
  return json(200, { data: promotionBody(r.store, p), meta: {} });
}

export function listPromotions(r: ApiRequest): Reply {
  const q = r.query;
  const problems: string[] = [];
  const intParam = (name: string, min: number, max: number, dflt: number): number => {
    const v = q.get(name);
    if (v === null) return dflt;
    const n = parseIntStrict(v);
    if (n === null || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max}.`);
      return dflt;
    }
    return n;
  };
  const page = intParam('page', 1, Number.MAX_SAFE_INTEGER, 1);
  const limit = intParam('limit', 1, 250, 50);
  const idFilter = q.has('id') ? intParam('id', 0, Number.MAX_SAFE_INTEGER, -1) : null;

  const redemption = (q.get('redemption_type') ?? '').toLowerCase();
  if (redemption !== '' && redemption !== 'automatic' && redemption !== 'coupon') {
    problems.push("redemption_type must be 'automatic' or 'coupon'.");
  }
  const sort = q.get('sort') || 'id';
  if (!(SORTS as readonly string[]).includes(sort))
    problems.push(`sort must be one of ${SORTS.join(', ')}.`);
  const direction = (q.get('direction') || 'asc').toLowerCase();
  if (direction !== 'asc' && direction !== 'desc')
    problems.push("direction must be 'asc' or 'desc'.");
  if (problems.length > 0) return json(422, errors.invalid(problems));

  const name = q.get('name');
  const status = q.get('status')?.toUpperCase();
  const currency = q.get('currency_code')?.toUpperCase();
  const codeFilter = q.get('code');
  const text = q.get('query')?.toLowerCase();
  const codeOwner = codeFilter ? r.store.codeByText(codeFilter)?.promotionId : undefined;

  let list = [...r.store.promotions.values()].filter((p) => {
    if (idFilter !== null && p.id !== idFilter) return false;
    if (name && !p.name.toLowerCase().includes(name.toLowerCase())) return false;
    if (redemption && p.redemptionType !== redemption.toUpperCase()) return false;
    if (status && p.status !== status) return false;
    if (currency && currency !== 'USD' && currency !== '*') return false;
    if (codeFilter && codeOwner !== p.id) return false;
    if (
      text &&
      !p.name.toLowerCase().includes(text) &&
      r.store.codeByText(text)?.promotionId !== p.id
    )
      return false;
    return true;
  });
  const key = (p: Promotion): string | number =>
    sort === 'name' ? p.name : sort === 'start_date' ? p.startDate : p.id;
  list.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
    return direction === 'desc' ? -c : c;
  });

  const total = list.length;
  const totalPages = Math.ceil(total / limit);
  list = list.slice((page - 1) * limit, page * limit);
  const links: Record<string, string> = { current: `?page=${page}&limit=${limit}` };
  if (page > 1) links.previous = `?page=${page - 1}&limit=${limit}`;
  if (page < totalPages) links.next = `?page=${page + 1}&limit=${limit}`;
  return json(200, {
    data: list.map((p) => promotionBody(r.store, p)),
    meta: {
      pagination: {
        total,
        count: list.length,
        per_page: limit,
        current_page: page,
        total_pages: totalPages,
        links,
      },
    },
  });
}
