import { defineConfig } from 'vitest/config';

/**
 * Browser tests: the real server in-process on a random port, serving the built web app (run `npm run build:web`
 * first), driven by Debian's Chromium through playwright-core. Two files at a time, one per core: each has its own
 * server, database and browser, and every wait is generous (WAIT_MS), so sharing the cores slows a step but does
 * not fail it. One file at a time took about 8 minutes for the 15 files; two take under 6.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    env: { NODE_ENV: 'test' },
  },
});
