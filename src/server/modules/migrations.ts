import { MODULES } from './index.js';

/** Every module's migrations in one list (names sort in run order). */
export const ALL_MIGRATIONS = MODULES.flatMap((m) => m.migrations);
