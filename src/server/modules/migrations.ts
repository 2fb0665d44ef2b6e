import { migrationsOf } from '../core/module.js';
import { MODULES } from './index.js';

/** The installed modules' migrations in one list (for tests that migrate a database step by step). */
export const ALL_MIGRATIONS = migrationsOf(MODULES);
