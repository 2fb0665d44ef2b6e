import type { ModuleMigration } from '../../db/migrations.js';
import { projectsMigrations } from './projects/migrations.js';
import { fundingMigrations } from './funding/migrations.js';

export const renewalMigrations: ModuleMigration[] = [...projectsMigrations, ...fundingMigrations];
