import type { ModuleMigration } from '../../../db/migrations.js';
import { bigint } from '../../../db/migrations.js';

export const dataVersionMigrations: ModuleMigration[] = [
  {
    // Versions of the records read models are computed from (dataVersions/versions.ts); new table, nothing to fill.
    name: '20261201_1830_platform_data_versions',
    async up(db) {
      await db.schema
        .createTable('data_versions')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('version', bigint, (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
];
