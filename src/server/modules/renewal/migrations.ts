import type { ModuleMigration } from '../../db/migrations.js';
import { projectsMigrations } from './projects/migrations.js';
import { fundingMigrations } from './funding/migrations.js';
import { surveyMigrations } from './survey/migrations.js';
import { standardsMigrations } from './standards/migrations.js';

export const renewalMigrations: ModuleMigration[] = [...projectsMigrations, ...fundingMigrations, ...surveyMigrations, ...standardsMigrations];
