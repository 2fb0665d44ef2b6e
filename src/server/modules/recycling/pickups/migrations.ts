import { sql } from 'kysely';
import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';

export const pickupMigrations: ModuleMigration[] = [
  {
    // Residents' pickup bookings; a new table, nothing to fill.
    name: '20261201_1313_recycling_pickups',
    async up(db, dialect) {
      await withId(db.schema.createTable('recycling_pickups'), dialect)
        .addColumn('resident_user_id', bigint, (c) => c.notNull().references('users.id'))
        .addColumn('route', 'text', (c) => c.notNull())
        .addColumn('items_json', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('town_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('window_from', 'text', (c) => c.notNull())
        .addColumn('window_to', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('recycler_organization_id', bigint, (c) => c.references('organizations.id'))
        .addColumn('accepted_by', bigint)
        .addColumn('accepted_at', 'text')
        .addColumn('handed_items_json', 'text')
        .addColumn('price_paid_fen', bigint)
        .addColumn('wipe_method', 'text')
        .addColumn('wipe_by', 'text')
        .addColumn('wiped_at', 'text')
        .addColumn('completed_by', bigint)
        .addColumn('completed_at', 'text')
        .addColumn('rating', 'integer')
        .addColumn('open_since', 'text', (c) => c.notNull())
        .addColumn('escalated_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('recycling_pickups_window', sql`window_to > window_from`)
        .addCheckConstraint('recycling_pickups_rating', sql`rating is null or (rating >= 1 and rating <= 5)`)
        .execute();
      await db.schema.createIndex('recycling_pickups_town_status').on('recycling_pickups').columns(['town_id', 'status']).execute();
      await db.schema.createIndex('recycling_pickups_open').on('recycling_pickups').columns(['status', 'open_since']).execute();
      await db.schema.createIndex('recycling_pickups_resident').on('recycling_pickups').column('resident_user_id').execute();
      await db.schema.createIndex('recycling_pickups_recycler').on('recycling_pickups').columns(['recycler_organization_id', 'status']).execute();
    },
  },
];
