import type { ModuleMigration } from '../../../db/migrations.js';

/** Migrations that keep the audit trail out of reach of every application role (named 20261202_1xxx_platform_…). */
export const auditRetentionMigrations: ModuleMigration[] = [];
