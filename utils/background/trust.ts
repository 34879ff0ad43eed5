/**
 * Who may ask the background for what. Web pages cannot reach it at all (no
 * externally_connectable); among the extension's own contexts, the content script runs
 * inside the control panel, so it gets only what the panel needs and never the store
 * settings or tokens.
 */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
}

export type Context = 'extension-page' | 'content-script' | 'untrusted';

const STORE_PAGE = /^https:\/\/store-[a-z0-9]+\.mybigcommerce\.com\//;

export function classifySender(sender: SenderLike, extensionId: string, extensionOrigin: string): Context {
  if (sender.id !== extensionId) return 'untrusted';
  const url = sender.url ?? '';
  if (url.startsWith(extensionOrigin)) return 'extension-page';
  if (sender.tab && STORE_PAGE.test(url)) return 'content-script';
  return 'untrusted';
}

/** Messages the content script may send; everything else needs an extension page. */
export const CONTENT_SCRIPT_MESSAGES = new Set([
  'getStore',
  'openOptions',
  'getPromotion',
  'listBulkPromotions',
  'startJob',
  'controlJob',
  'listJobs',
  'downloadFile',
]);

export function allowed(context: Context, message: string): boolean {
  if (context === 'extension-page') return true;
  if (context === 'content-script') return CONTENT_SCRIPT_MESSAGES.has(message);
  return false;
}

/** A content script may only act on the store whose control panel it runs in. */
export function storeOfSender(sender: SenderLike): string | null {
  const m = /^https:\/\/store-([a-z0-9]+)\.mybigcommerce\.com\//.exec(sender.url ?? '');
  return m ? m[1]! : null;
}
