/**
 * The hostile settings that rewrite successful list answers after the route
 * handler built them (handlers stay honest; the lies live here):
 *   total          -> pagination.total / total_pages of list-codes answers
 *   endlessCursor  -> list-codes answers to `after` become full made-up pages, forever
 *   repeatCursor   -> list-codes end_cursor and links.next repeat the request's `after`
 *   hugeBody*      -> every list answer (codes, promotions, lookup by code) padded / chunked
 */
import { decodeCursor, encodeCursor } from './cursor';
import type { Reply } from './http';
import { hashString, mulberry32, pick } from './rng';
import { FULL_ALPHABET, formatDate } from './store';
import type { CodeView, EndpointKey, Hostile } from './types';

const LIST_ENDPOINTS: readonly EndpointKey[] = ['listCodes', 'promotions', 'findCode'];

interface CursorMeta {
  count: number;
  per_page: number;
  start_cursor?: string;
  end_cursor?: string;
  links: { previous?: string; next?: string };
}
interface ListBody {
  data: unknown[];
  meta: {
    cursor_pagination?: CursorMeta;
    pagination?: { total: number; per_page: number; total_pages: number };
  };
}

function isListBody(b: unknown): b is ListBody {
  return (
    typeof b === 'object' &&
    b !== null &&
    Array.isArray((b as ListBody).data) &&
    typeof (b as ListBody).meta === 'object'
  );
}

/** A made-up code for an id: the same text every time, so a client sees a stable (if endless) list. */
export function madeUpCode(id: number, nowMs: number): CodeView {
  const rng = mulberry32(hashString(`endless:${id}`));
  let code = '';
  for (let i = 0; i < 16; i++) code += FULL_ALPHABET[pick(rng, FULL_ALPHABET.length)];
  return {
    id,
    code,
    current_uses: 0,
    max_uses: 1,
    max_uses_per_customer: 1,
    created: formatDate(nowMs),
  };
}

/** Links keep the code filter, as the honest handler's links do. */
function codeExtra(query: URLSearchParams): string {
  const c = query.get('code');
  return c !== null ? `&code=${encodeURIComponent(c)}` : '';
}

function endlessPage(
  afterId: number,
  limit: number,
  query: URLSearchParams,
  nowMs: number,
): ListBody {
  const data = Array.from({ length: limit }, (_, i) => madeUpCode(afterId + 1 + i, nowMs));
  const start = encodeCursor(afterId + 1);
  const end = encodeCursor(afterId + limit);
  const extra = codeExtra(query);
  return {
    data,
    meta: {
      cursor_pagination: {
        count: limit,
        per_page: limit,
        start_cursor: start,
        end_cursor: end,
        links: {
          previous: `?limit=${limit}&before=${start}${extra}`,
          next: `?limit=${limit}&after=${end}${extra}`,
        },
      },
    },
  };
}

/** Returns the reply to send: the same object when nothing applies. */
export function hostileList(
  hostile: Hostile,
  endpoint: EndpointKey,
  query: URLSearchParams,
  reply: Reply,
  nowMs: number,
): Reply {
  if (reply.status !== 200 || !LIST_ENDPOINTS.includes(endpoint) || !isListBody(reply.body))
    return reply;
  let body: ListBody = reply.body;

  if (endpoint === 'listCodes') {
    const after = query.get('after');
    const afterId = after === null ? null : decodeCursor(after);
    const cp = body.meta.cursor_pagination;
    if (hostile.endlessCursor && afterId !== null && cp)
      body = endlessPage(afterId, cp.per_page, query, nowMs);
    const cursor = body.meta.cursor_pagination;
    // Without `after` (the first page) the honest end cursor already is "the first page's own".
    if (hostile.repeatCursor && after !== null && cursor) {
      cursor.end_cursor = after;
      cursor.links.next = `?limit=${cursor.per_page}&after=${after}${codeExtra(query)}`;
    }
    const pg = body.meta.pagination;
    if (hostile.total !== undefined && pg) {
      pg.total = hostile.total;
      pg.total_pages = Math.ceil(hostile.total / pg.per_page);
    }
  }

  const out: Reply = { ...reply, body };
  if (hostile.hugeBodyBytes !== undefined) out.padTo = hostile.hugeBodyBytes;
  if (hostile.hugeBodyChunked) out.chunked = true;
  return out;
}
