/**
 * Reading the `.txt` file BigCommerce downloads when a store-level API account is created,
 * and making sense of a store hash however the merchant pastes it. Pure functions.
 *
 * The file looks like (spacing, case and line endings vary):
 *   ACCESS TOKEN: abc...
 *   CLIENT ID: ...
 *   CLIENT SECRET: ...
 *   NAME: ...
 *   API PATH: https://api.bigcommerce.com/stores/{hash}/v3/
 * The client id and secret are not needed and are never returned.
 */
import { STORE_HASH_RE } from '../vocabulary';
import { i18n } from '#i18n';

export type ApiAccountFile =
  | { ok: true; storeHash: string | null; token: string; accountName: string | null }
  | { ok: false; error: string };

const STORE_HASH = STORE_HASH_RE;

/** The store hash from "abc123", "store-abc123", a control-panel URL or the API path; null if none. */
export function normalizeStoreHash(input: string): string | null {
  const text = input.trim().toLowerCase();
  if (text === '') return null;
  const fromApiPath = /\/stores\/([a-z0-9]+)(?:\/|$)/.exec(text);
  if (fromApiPath?.[1] && STORE_HASH.test(fromApiPath[1])) return fromApiPath[1];
  const fromHost = /(?:^|\/\/|\.)store-([a-z0-9]+)(?:\.mybigcommerce\.com|\/|$)/.exec(text);
  if (fromHost?.[1] && STORE_HASH.test(fromHost[1])) return fromHost[1];
  const bare = text.replace(/^store-/, '');
  return STORE_HASH.test(bare) ? bare : null;
}

/** Turns "Access  token", "ACCESS_TOKEN", "access-token" into "access token". */
function normalizeKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
}

function unquote(value: string): string {
  const v = value.trim();
  if (
    v.length >= 2 &&
    ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))
  ) {
    return v.slice(1, -1).trim();
  }
  return v;
}

export function parseApiAccountFile(text: string): ApiAccountFile {
  const fields = new Map<string, string>();
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const match = /^\s*([A-Za-z][A-Za-z _-]*?)\s*[:=]\s*(.*)$/.exec(rawLine);
    if (!match) continue;
    const key = normalizeKey(match[1] ?? '');
    if (!fields.has(key)) fields.set(key, unquote(match[2] ?? ''));
  }

  const token = fields.get('access token') ?? fields.get('token') ?? '';
  if (token === '') {
    return {
      ok: false,
      error: i18n.t('account.noToken'),
    };
  }
  if (/\s/.test(token)) {
    return {
      ok: false,
      error: i18n.t('account.damaged'),
    };
  }

  const apiPath = fields.get('api path') ?? fields.get('api url') ?? '';
  const storeHash =
    normalizeStoreHash(apiPath) ?? normalizeStoreHash(fields.get('store hash') ?? '');
  const accountName = fields.get('name') || null;
  return { ok: true, storeHash, token, accountName };
}
