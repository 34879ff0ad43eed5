import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';

/** The one place the project's public address is written; the manifests take it from here. */
export const { homepage } = JSON.parse(
  readFileSync(new URL('./package.json', import.meta.url), 'utf8'),
) as {
  homepage: string;
};

/** Where PRIVACY.md is read on the web: the repository's copy on its default branch. */
export function privacyUrl(home: string): string {
  return `${home.replace(/\/$/, '')}/blob/main/PRIVACY.md`;
}

/**
 * Addons.mozilla.org ties a listing, its updates and every user's data to this id: it must
 * never change once the add-on is submitted (generated once for this project).
 */
export const FIREFOX_ID = '{c58e3761-3a04-475f-ae69-d6433b6cc11e}';

/**
 * The oldest browsers the code runs in, the highest of what it uses:
 * - Chrome 116: `chrome.runtime.getContexts` (finding the offscreen document,
 *   utils/background/downloads.ts) and `AbortSignal.any` (utils/rate/governor.ts) both came
 *   in 116; the offscreen document itself needs 109, `storage.session` 102.
 * - Firefox 140: `data_collection_permissions` (the add-on says it collects nothing) is read
 *   by desktop Firefox from 140 on, the first ESR with it; `AbortSignal.any` needs 124,
 *   `storage.session` 115.
 */
export const MINIMUM_CHROME_VERSION = '116';
export const FIREFOX_MIN_VERSION = '140.0';
/** Firefox for Android reads `data_collection_permissions` from 142 on. */
export const FIREFOX_ANDROID_MIN_VERSION = '142.0';

export default defineConfig({
  // '@wxt-dev/i18n/module': locales/<lang>.yml become _locales/<lang>/messages.json, read at run
  // time through browser.i18n (never bundled), and '#i18n' gives the typed `i18n.t`.
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  // Every file says what it uses: WXT's APIs come from '#imports', the project's own modules by
  // path. A forgotten import fails the type check instead of resolving silently (and can never
  // pull zod into the content script).
  imports: false,
  hooks: {
    // The content script uses the browser's own API, not webextension-polyfill (its weight;
    // entrypoints/promotions.content/native-browser.ts says why that is safe).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const alias = {
        find: /^webextension-polyfill$/,
        replacement: fileURLToPath(
          new URL('./entrypoints/promotions.content/native-browser.ts', import.meta.url),
        ),
      };
      const before = config.resolve?.alias;
      config.resolve = {
        ...config.resolve,
        alias: Array.isArray(before)
          ? [alias, ...before]
          : [
              alias,
              ...Object.entries(before ?? {}).map(([find, replacement]) => ({ find, replacement })),
            ],
      };
    },
  },
  vite: () => ({
    // The privacy policy's address, for the settings page's link: made from the homepage.
    define: { __BCM_PRIVACY_URL__: JSON.stringify(privacyUrl(homepage)) },
  }),
  // `wxt zip -b firefox` also packs the sources addons.mozilla.org rebuilds (scripts/release.ts):
  // the repository as committed, less what a rebuild does not need.
  zip: {
    excludeSources: [
      'tests/**',
      'e2e/**',
      'bench/**',
      'sandbox/**',
      'docs/screenshots/**',
      'store/**',
      '.ci/**',
      '.tmp/**',
      '.vitest/**',
      '*.log',
    ],
  },
  manifest: ({ browser }) => ({
    // In the browser's language, from locales/<lang>.yml (manifest.name, manifest.description).
    default_locale: 'en',
    name: '__MSG_manifest_name__',
    description: '__MSG_manifest_description__',
    homepage_url: homepage,
    permissions: [
      'storage',
      'downloads',
      'alarms',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // Asked for only when the merchant turns them on (settings, or the panel's one-time offer).
    // Firefox has no power API.
    optional_permissions: browser === 'firefox' ? ['notifications'] : ['notifications', 'power'],
    host_permissions: ['https://api.bigcommerce.com/*'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: FIREFOX_ID,
              strict_min_version: FIREFOX_MIN_VERSION,
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
          },
        }
      : { minimum_chrome_version: MINIMUM_CHROME_VERSION }),
  }),
});
