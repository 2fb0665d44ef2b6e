import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

/** The LibreOffice render tests alone: `npx vitest run --config test/documents/vitest.config.ts`. */
export default defineConfig({ ...base, test: { ...base.test, include: ['test/documents/**/*.test.ts'] } });
