import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

/**
 * The Citus layout checker's tests: `npx vitest run --config test/citus/vitest.config.ts`. Not in the default suite's
 * include globs; check.test.ts needs the CI PostgreSQL on 127.0.0.1:5432 whatever DATABASE_URL says.
 */
export default defineConfig({ ...base, test: { ...base.test, include: ['test/citus/**/*.test.ts'] } });
