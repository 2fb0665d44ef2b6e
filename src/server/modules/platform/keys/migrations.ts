import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';
import { sql } from 'kysely';

const sqlState = sql`state in ('active', 'retiring', 'retired')`;

/** Migrations of platform/keys: key versions and re-encryption runs with their progress. */
export const keysMigrations: ModuleMigration[] = [
  {
    name: '20261202_1200_platform_key_versions',
    async up(db, dialect) {
      await db.schema
        .createTable('key_versions')
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('suite', 'text', (c) => c.notNull())
        .addColumn('fingerprint', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().check(sqlState))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('retired_at', 'text')
        .execute();
      await withId(db.schema.createTable('key_reencryption_runs'), dialect)
        .addColumn('target_version', 'integer', (c) => c.notNull())
        .addColumn('target_suite', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('started_by', bigint, (c) => c.references('users.id'))
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('error', 'text')
        .execute();
      await db.schema
        .createTable('key_reencryption_progress')
        .addColumn('run_id', bigint, (c) => c.notNull().references('key_reencryption_runs.id'))
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('column_name', 'text', (c) => c.notNull())
        .addColumn('total', 'integer', (c) => c.notNull())
        .addColumn('done', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('key_reencryption_progress_pk', ['run_id', 'table_name', 'column_name'])
        .execute();
    },
  },
];
