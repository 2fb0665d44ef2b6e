import { defineConfig } from 'vitest/config';

/**
 * Cluster tests: the real supervisor, nginx and app processes (src/server/cluster). Not in the default suite: they
 * need nginx, start several app processes each, and take minutes. One file at a time.
 */
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 300_000,
    hookTimeout: 300_000,
    env: { NODE_ENV: 'test' },
  },
});
