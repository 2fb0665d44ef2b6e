import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';

export const inspectionMigrations: ModuleMigration[] = [
  {
    // Supervision of the recycling network: inspections with their checklist answers, and the rectifications a
    // "rectify" result opens (their moves are on record_timeline).
    name: '20261201_1312_recycling_inspections',
    async up(db, dialect) {
      await withId(db.schema.createTable('recycling_inspections'), dialect)
        .addColumn('site_id', bigint, (c) => c.notNull().references('recycling_sites.id'))
        .addColumn('town_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('inspector_organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('inspector_user_id', bigint, (c) => c.references('users.id'))
        .addColumn('inspected_on', 'text', (c) => c.notNull())
        .addColumn('checklist_version', 'integer', (c) => c.notNull())
        .addColumn('answers_json', 'text', (c) => c.notNull())
        .addColumn('findings', 'text', (c) => c.notNull())
        .addColumn('photos_json', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('rectify_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('recycling_inspections_site').on('recycling_inspections').columns(['site_id', 'inspected_on']).execute();
      await db.schema.createIndex('recycling_inspections_town').on('recycling_inspections').columns(['town_id', 'inspected_on']).execute();
      await db.schema
        .createIndex('recycling_inspections_inspector')
        .on('recycling_inspections')
        .columns(['inspector_organization_id', 'inspected_on'])
        .execute();

      await withId(db.schema.createTable('recycling_rectifications'), dialect)
        .addColumn('inspection_id', bigint, (c) => c.notNull().unique().references('recycling_inspections.id'))
        .addColumn('site_id', bigint, (c) => c.notNull().references('recycling_sites.id'))
        .addColumn('town_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('inspector_organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('due_on', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('submitted_note', 'text')
        .addColumn('submitted_photos_json', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('submitted_by', bigint, (c) => c.references('users.id'))
        .addColumn('submitted_at', 'text')
        .addColumn('verified_by', bigint, (c) => c.references('users.id'))
        .addColumn('verified_at', 'text')
        .addColumn('reject_reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('recycling_rectifications_status_due').on('recycling_rectifications').columns(['status', 'due_on']).execute();
      await db.schema.createIndex('recycling_rectifications_site').on('recycling_rectifications').column('site_id').execute();
    },
  },
];
