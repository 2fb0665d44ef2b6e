import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';

/** Background spreadsheet imports of every module (renewal and plan still keep their own tables until moved here). */
export const importJobMigrations: ModuleMigration[] = [
  {
    name: '20261201_2110_platform_import_jobs',
    async up(db, dialect) {
      await withId(db.schema.createTable('import_jobs'), dialect)
        .addColumn('module', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('user_id', bigint, (c) => c.notNull().references('users.id'))
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('total_rows', 'integer', (c) => c.notNull())
        .addColumn('processed_rows', 'integer', (c) => c.notNull())
        .addColumn('inserted_rows', 'integer', (c) => c.notNull())
        .addColumn('updated_rows', 'integer', (c) => c.notNull())
        .addColumn('errors_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .execute();
      // A page lists a user's recent jobs of one subject; recovery and the status page look for unfinished ones.
      await db.schema.createIndex('import_jobs_subject_user').on('import_jobs').columns(['subject', 'user_id', 'id']).execute();
      await db.schema.createIndex('import_jobs_status').on('import_jobs').columns(['status', 'created_at']).execute();
    },
  },
];
