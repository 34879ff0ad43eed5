/**
 * The content script's `webextension-polyfill` (wxt.config.ts points it here for that build
 * only): the browser's own API, as WXT's `wxt/browser` gives it without the polyfill. Firefox's
 * `browser` is what the polyfill hands out there anyway; Chrome's MV3 `chrome` answers with
 * promises for all the script uses (runtime.sendMessage, runtime.connect, runtime.id). The
 * polyfill was ~9.6 KB of the script (~3 KB gzip); the background and the pages keep it.
 */
import type Browser from 'webextension-polyfill';

const api = (
  (globalThis as { browser?: { runtime?: { id?: string } } }).browser?.runtime?.id
    ? (globalThis as { browser?: unknown }).browser
    : (globalThis as { chrome?: unknown }).chrome
) as Browser.Browser;

export default api;
