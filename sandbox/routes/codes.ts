/**
 * GET/POST/DELETE /promotions/{promotion_id}/codes and DELETE .../codes/{code_id}.
 * Listing follows the spec's OptionalCursorCollectionMeta: no pagination
 * parameter -> both cursor_pagination and pagination; before/after -> only
 * cursor_pagination; page -> only pagination.
 */
import { decodeCursor, encodeCursor } from '../cursor';
import { errors } from '../errors';
import { json, parseIntStrict, parseJson, type Reply } from '../http';
import { deleteBatchLimit } from '../limits';
import { codeView } from '../store';
import type { ApiRequest } from './context';
import { bulkPromotion, isReply } from './bulk-promotion';
import { redeemSome } from '../customers';

/** The part of SortedIds that listing needs, so a code filter can reuse the same paging. */
interface IdSeq {
  readonly size: number;
  rankLess(id: number): number;
  rankLessOrEqual(id: number): number;
  slice(start: number, end: number): number[];
}

function singleton(id: number | undefined): IdSeq {
  const a = id === undefined ? [] : [id];
  return {
    size: a.length,
    rankLess: (x) => a.filter((v) => v < x).length,
    rankLessOrEqual: (x) => a.filter((v) => v <= x).length,
    slice: (s, e) => a.slice(Math.max(0, s), e),
  };
}

export function listCodes(r: ApiRequest): Reply {
  const p = bulkPromotion(r);
  if (isReply(p)) return p;
  const q = r.query;
  const problems: string[] = [];

  const before = q.get('before');
  const after = q.get('after');
  const pageRaw = q.get('page');
  const given = [before, after, pageRaw].filter((v) => v !== null).length;
  if (given > 1)
    problems.push("The 'before', 'after' and 'page' parameters cannot be used together.");

  let limit = 50;
  const limitRaw = q.get('limit');
  if (limitRaw !== null) {
    const n = parseIntStrict(limitRaw);
    // The spec's LimitQuery says minimum 1, maximum 250: out of range is invalid, not clamped.
    if (n === null || n < 1 || n > 250)
      problems.push('limit must be an integer between 1 and 250.');
    else limit = n;
  }
  let page = 1;
  if (pageRaw !== null) {
    const n = parseIntStrict(pageRaw);
    if (n === null || n < 1) problems.push('page must be an integer of at least 1.');
    else page = n;
  }
  const beforeId = before === null ? null : decodeCursor(before);
  const afterId = after === null ? null : decodeCursor(after);
  if (before !== null && beforeId === null) problems.push("The 'before' cursor is invalid.");
  if (after !== null && afterId === null) problems.push("The 'after' cursor is invalid.");
  if (problems.length > 0) return json(422, errors.invalid(problems));

  const codeFilter = q.get('code');
  let seq: IdSeq = p.codeIds;
  if (codeFilter !== null) {
    const c = r.store.codeByText(codeFilter);
    seq = singleton(c && c.promotionId === p.id ? c.id : undefined);
  }
  const extra = codeFilter !== null ? `&code=${encodeURIComponent(codeFilter)}` : '';

  let start: number;
  let ids: number[];
  if (afterId !== null) {
    start = seq.rankLessOrEqual(afterId);
    ids = seq.slice(start, start + limit);
  } else if (beforeId !== null) {
    const end = seq.rankLess(beforeId);
    start = Math.max(0, end - limit);
    ids = seq.slice(start, end);
  } else {
    start = (page - 1) * limit;
    ids = seq.slice(start, start + limit);
  }
  // Customers redeeming codes of this very page just before it is read (redeemOnList).
  if (r.redeemOnList > 0 && codeFilter === null) redeemSome(r.store, ids, r.redeemOnList, r.rng);
  const data = ids.map((id) => codeView(r.store.code(id)!));
  r.store.noteListed(ids);

  const cursorMeta = (): Record<string, unknown> => {
    const links: Record<string, string> = {};
    const m: Record<string, unknown> = { count: data.length, per_page: limit, links };
    const first = ids[0];
    const last = ids[ids.length - 1];
    if (first !== undefined && last !== undefined) {
      m.start_cursor = encodeCursor(first);
      m.end_cursor = encodeCursor(last);
      // Per the spec: previous is omitted on the first page, next only when the
      // result set is empty, so a full last page still has a next link.
      if (start > 0) links.previous = `?limit=${limit}&before=${m.start_cursor as string}${extra}`;
      links.next = `?limit=${limit}&after=${m.end_cursor as string}${extra}`;
    }
    return m;
  };
  const pageMeta = (): Record<string, unknown> => {
    const total = seq.size;
    const totalPages = Math.ceil(total / limit);
    const links: Record<string, string> = { current: `?page=${page}&limit=${limit}${extra}` };
    if (page > 1) links.previous = `?page=${page - 1}&limit=${limit}${extra}`;
    if (page < totalPages) links.next = `?page=${page + 1}&limit=${limit}${extra}`;
    return {
      total,
      count: data.length,
      per_page: limit,
      current_page: page,
      total_pages: totalPages,
      links,
    };
  };

  let meta: Record<string, unknown>;
  if (before !== null || after !== null) meta = { cursor_pagination: cursorMeta() };
  else if (pageRaw !== null) meta = { pagination: pageMeta() };
  else meta = { cursor_pagination: cursorMeta(), pagination: pageMeta() };
  return json(200, { data, meta });
}

const CODE_RE = /^[a-zA-Z0-9_ -]+$/;

function usesField(body: Record<string, unknown>, name: string, problems: string[]): number {
  const v = body[name];
  if (v === undefined) return 0; // POST /codes defaults to 0 = unlimited, unlike codegen
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 100000) {
    problems.push(`${name} must be an integer between 0 and 100000.`);
    return 0;
  }
  return v;
}

export function createCode(r: ApiRequest): Reply {
  const p = bulkPromotion(r);
  if (isReply(p)) return p;
  const parsed = parseJson(r.body);
  if (!parsed.ok) return json(400, errors.badJson(parsed.error));
  const body = parsed.value;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return json(422, errors.invalid(['The request body must be a JSON object.']));
  }
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  const code = b.code;
  if (typeof code !== 'string' || code.length === 0 || code.length > 50 || !CODE_RE.test(code)) {
    problems.push('code is required: 1 to 50 letters, numbers, spaces, underscores or hyphens.');
  }
  const maxUses = usesField(b, 'max_uses', problems);
  const maxPerCustomer = usesField(b, 'max_uses_per_customer', problems);
  if (problems.length > 0 || typeof code !== 'string') return json(422, errors.invalid(problems));
  const c = r.store.addCode(p, code, maxUses, maxPerCustomer, r.now);
  if (!c)
    return json(409, errors.conflict(`The coupon code '${code}' already exists in this store.`));
  return json(201, { data: codeView(c), meta: {} });
}

export function deleteCodes(r: ApiRequest): Reply {
  const p = bulkPromotion(r);
  if (isReply(p)) return p;
  const raw = r.query.get('id:in');
  const none = { total: 0, success: 0, failed: 0 };
  if (raw === null) return json(422, errors.bulkDelete('Parameter id:in is required', none));
  const items = raw.split(',');
  if (!items.every((s) => /^\d{1,15}$/.test(s))) {
    return json(
      422,
      errors.bulkDelete('Parameter id:in must be a comma-separated list of integer ids', none),
    );
  }
  // Repeated ids count once: deleting the same code twice in one request is not a failure.
  const ids = [...new Set(items.map(Number))];
  const max = deleteBatchLimit(r.limits);
  if (ids.length > max) {
    return json(
      422,
      errors.bulkDelete(`Parameter id:in is limited to ${max} ids per request`, {
        total: ids.length,
        success: 0,
        failed: ids.length,
      }),
    );
  }
  const failures: Record<string, string> = {};
  let success = 0;
  ids.forEach((id, index) => {
    if (r.store.deleteByApi(p, id)) success++;
    else
      failures[`${index}.id`] =
        `Failed for id=${id}. Error: coupon code not found in promotion ${p.id}.`;
  });
  const failed = ids.length - success;
  if (failed === 0) return { status: 204 };
  return json(
    422,
    errors.bulkDelete(
      'Errors occurred in bulk delete action.',
      { total: ids.length, success, failed },
      failures,
    ),
  );
}

export function deleteCode(r: ApiRequest): Reply {
  const p = bulkPromotion(r);
  if (isReply(p)) return p;
  const raw = r.params.code_id ?? '';
  // The spec: 204 whether the code was deleted or did not exist.
  if (/^\d{1,15}$/.test(raw)) r.store.deleteByApi(p, Number(raw));
  return { status: 204 };
}
