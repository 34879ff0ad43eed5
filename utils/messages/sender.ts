/**
 * Who is talking to the background. Web pages cannot reach it at all (no
 * externally_connectable); among the extension's own contexts, the content script runs inside
 * the control panel, so it gets only what the panel needs, for its own store.
 */
import { STORE_PAGE_RE } from '../vocabulary';

export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
}

export type SenderContext = 'extension-page' | 'content-script' | 'untrusted';

export function classifySender(
  sender: SenderLike,
  extensionId: string,
  extensionOrigin: string,
): SenderContext {
  if (sender.id !== extensionId) return 'untrusted';
  const url = sender.url ?? '';
  if (url.startsWith(`${extensionOrigin}/`)) return 'extension-page';
  if (sender.tab && STORE_PAGE_RE.test(url)) return 'content-script';
  return 'untrusted';
}

/** The store whose control panel a content script runs in, or null. */
export function storeOfSender(sender: SenderLike): string | null {
  return STORE_PAGE_RE.exec(sender.url ?? '')?.[1] ?? null;
}
