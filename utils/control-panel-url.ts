/**
 * What a BigCommerce control-panel URL says: which store, and which promotion page. Pure,
 * so the content script, the pages and tests share it (the background checks senders with the
 * vocabulary's STORE_PAGE_RE).
 *
 * The host is checked strictly (it decides which store a page may act on); the path is read
 * tolerantly, because the exact route of a promotion's edit page is not documented and has
 * changed over time.
 */
import { STORE_HOST_RE } from './vocabulary';

export interface ControlPanelLocation {
  storeHash: string;
  promotionId: number | null;
  page: 'promotions-list' | 'promotion' | 'other';
}

/** store-{hash}.mybigcommerce.com, whole host only; hash as in StoreHashSchema. */
const STORE_HOST = STORE_HOST_RE;
const PROMOTIONS_BASE = ['manage', 'marketing', 'promotions'];
/** Words that may come before the id: /promotions/edit/12. */
const ACTION_WORDS = new Set(['edit', 'view', 'codes', 'coupons', 'details']);
/** Query names that may carry the id: ?promotionId=12, ?id=12. */
const ID_PARAMS = ['promotionId', 'promotion_id', 'promotionid', 'id'];

/** A positive integer written plainly (no sign, no leading zero, no exponent). */
function parseId(text: string | null | undefined): number | null {
  if (!text || !/^[1-9][0-9]{0,15}$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/** The id in the path after /manage/marketing/promotions, if the path names one. */
function idFromPath(rest: string[]): number | null {
  const [first, second] = rest;
  // /promotions/{id}, /promotions/{id}/edit, /promotions/{id}/codes, ...
  const direct = parseId(first);
  if (direct !== null) return direct;
  // /promotions/edit/{id}
  if (first !== undefined && ACTION_WORDS.has(first)) return parseId(second);
  return null;
}

function idFromQuery(params: URLSearchParams): number | null {
  for (const name of ID_PARAMS) {
    const id = parseId(params.get(name));
    if (id !== null) return id;
  }
  return null;
}

/** Whether the URL is a store's promotions list or one promotion's page (where the panel belongs). */
export function isPromotionsPage(url: string): boolean {
  const location = parseControlPanelUrl(url);
  return location !== null && location.page !== 'other';
}

/** Parses a control-panel URL; null when it is not a store's control panel over https. */
export function parseControlPanelUrl(url: string): ControlPanelLocation | null {
  if (typeof url !== 'string') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  // URL lower-cases and punycodes the host, so this is the host the browser will talk to;
  // anchoring both ends rejects store-x.mybigcommerce.com.evil.com and evilmybigcommerce.com.
  const host = STORE_HOST.exec(parsed.hostname);
  const storeHash = host?.[1];
  if (!storeHash) return null;

  const segments = parsed.pathname
    .split('/')
    .filter((s) => s !== '')
    .map((s) => s.toLowerCase());
  const inPromotions = PROMOTIONS_BASE.every((word, i) => segments[i] === word);
  if (!inPromotions) return { storeHash, promotionId: null, page: 'other' };

  const rest = segments.slice(PROMOTIONS_BASE.length);
  // The path wins over the query: it is what the control panel routes on.
  const promotionId = idFromPath(rest) ?? idFromQuery(parsed.searchParams);
  if (promotionId !== null) return { storeHash, promotionId, page: 'promotion' };
  return { storeHash, promotionId: null, page: rest.length === 0 ? 'promotions-list' : 'other' };
}

/** A promotion's page in the control panel (its edit page, where the panel shows). */
export function promotionPageUrl(storeHash: string, promotionId: number): string {
  return `https://store-${storeHash}.mybigcommerce.com/manage/marketing/promotions/${promotionId}/edit`;
}
