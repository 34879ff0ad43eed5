import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { homepage, privacyUrl } from './wxt.config.ts';

import './tests/node20-polyfills.ts';

export default defineConfig({
  plugins: [WxtVitest()],
  // What wxt.config.ts writes into the build, for the code under test.
  define: { __BCM_PRIVACY_URL__: JSON.stringify(privacyUrl(homepage)) },
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    setupFiles: ['tests/setup.ts'],
  },
});
