import type { ModuleMigration } from '../../../db/migrations.js';

export const surveyMigrations: ModuleMigration[] = [];
