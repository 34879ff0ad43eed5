import { defineConfig } from 'vitest/config';
import './tests/node20-polyfills.ts';

// Real browsers against the sandbox store: one file at a time (each launches a browser),
// generous timeouts, no fake browser.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    setupFiles: ['tests/setup.ts'],
  },
});
