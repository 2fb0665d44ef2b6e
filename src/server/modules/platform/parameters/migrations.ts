import { bigint, type ModuleMigration } from '../../../db/migrations.js';

export const parameterMigrations: ModuleMigration[] = [
  {
    // The overrides of the system parameters the modules declare; no row: the default.
    name: '20261201_1207_platform_system_parameters',
    async up(db) {
      await db.schema
        .createTable('system_parameters')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value_json', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_by', bigint)
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
];
