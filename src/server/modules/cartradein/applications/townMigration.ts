import { bigint, type ModuleMigration } from '../../../db/migrations.js';

/**
 * Car applications name the applicant's town from now on, so the plan's town figures count cars. The ones made
 * before keep no town (NULL): nothing tells which town they belong to, so they are shown as unknown and counted
 * apart, never guessed.
 */
export const carApplicationTownMigrations: ModuleMigration[] = [
  {
    name: '20261201_1205_cartradein_application_town',
    async up(db) {
      await db.schema
        .alterTable('cartradein_applications')
        .addColumn('town_id', bigint, (c) => c.references('organizations.id'))
        .execute();
      await db.schema.createIndex('cartradein_applications_town').on('cartradein_applications').columns(['town_id', 'status']).execute();
    },
  },
];
