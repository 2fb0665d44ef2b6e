import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/api/**/*.test.ts', 'test/lint/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
    environment: 'node',
    // Two cores: run two files at a time; each file gets its own database.
    pool: 'forks',
    maxWorkers: 2,
    // A worker runs file after file without importing the app again (about a third of the suite's time went to
    // importing it per file). Each file still builds its own app on its own database; what modules keep at module
    // level is what they declare (messages, metrics, policies), and a file that fakes the clock restores it.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
