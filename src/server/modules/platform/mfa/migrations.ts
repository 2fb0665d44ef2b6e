import type { ModuleMigration } from '../../../db/migrations.js';

/** Migrations of platform/mfa (named 20261202_1xxx_platform_…, after every earlier one). */
export const mfaMigrations: ModuleMigration[] = [];
