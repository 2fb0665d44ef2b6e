import type { ModuleMigration } from '../../../db/migrations.js';

/** Migrations of platform/duties (named 20261202_1xxx_platform_…, after every earlier one). */
export const dutiesMigrations: ModuleMigration[] = [];
