import { defineConfig } from 'wxt';

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
