import type { ModuleMigration } from '../../../db/migrations.js';

/** Tables the dashboard keeps up to date (scaffold: filled in by the dashboard work). */
export const dashboardMigrations: ModuleMigration[] = [];
