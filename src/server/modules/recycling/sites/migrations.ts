import type { ModuleMigration } from '../../../db/migrations.js';

export const siteMigrations: ModuleMigration[] = [
  {
    // Whom residents and inspectors call at a site: kept by its operator with the opening hours. Old rows have none.
    name: '20261201_1311_recycling_site_contact',
    async up(db) {
      await db.schema.alterTable('recycling_sites').addColumn('contact_name', 'text').execute();
      await db.schema.alterTable('recycling_sites').addColumn('contact_phone', 'text').execute();
    },
  },
];
