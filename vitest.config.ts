import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/api/**/*.test.ts', 'test/lint/**/*.test.ts'],
    environment: 'node',
    // Two cores: run two files at a time; each file gets its own database.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
