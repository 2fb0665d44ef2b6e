import { defineConfig } from 'vitest/config';

/**
 * Browser tests: the real server in-process on a random port, serving the built web app (run `npm run build:web`
 * first), driven by Debian's Chromium through playwright-core. One worker, one file at a time: Chromium is heavy
 * and the machine has two cores.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    env: { NODE_ENV: 'test' },
  },
});
