import { defineConfig } from 'vitest/config';

/**
 * Read-replica tests (test/replica): the read routing against a real PostgreSQL streaming replica. Not in the
 * default suite: they need one (.ci/replica.sh) named by DATABASE_REPLICA_URL beside DATABASE_URL, and they pause
 * its replay, which every other reader of that replica would notice. One file at a time.
 */
export default defineConfig({
  test: {
    include: ['test/replica/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
  },
});
