import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Every file says what it uses: WXT's APIs come from '#imports', the project's own modules by
  // path. A forgotten import fails the type check instead of resolving silently (and can never
  // pull zod into the content script).
  imports: false,
  vite: () => ({
    resolve: {
      // zustand's hooks import React; Preact's compat layer stands in for it.
      alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
    },
  }),
  manifest: ({ browser }) => ({
    name: 'Bulk Coupon Manager for BigCommerce',
    description:
      'Generate, export and purge BigCommerce bulk coupon codes at any scale, within the API rate limits.',
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
              id: 'bulk-coupon-manager@example.com',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
