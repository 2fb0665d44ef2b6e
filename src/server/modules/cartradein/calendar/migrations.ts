import type { ModuleMigration } from '../../../db/migrations.js';

/**
 * The working calendar's own migrations, spread into the module's list. A year entered before this release has
 * no source yet (nobody was asked for one); a shipped year keeps reading its file's, so nothing needs filling.
 */
export const calendarMigrations: ModuleMigration[] = [
  {
    name: '20261201_1202_cartradein_calendar_sources',
    async up(db) {
      await db.schema
        .createTable('cartradein_calendar_sources')
        .addColumn('year', 'integer', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
];
