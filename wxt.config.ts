import { defineConfig } from 'wxt';

// The promotions pages of every store's control panel. A `*` may only be a whole
// first host label in a match pattern, so we match *.mybigcommerce.com and narrow
// to store-{hash} hosts with include_globs (see README, "Permissions").
export const PROMOTIONS_MATCH = 'https://*.mybigcommerce.com/manage/marketing/promotions*';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
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
    permissions: ['storage', 'downloads', 'alarms', ...(browser === 'firefox' ? [] : ['offscreen'])],
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
