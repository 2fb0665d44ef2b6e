import { bigint, type ModuleMigration } from '../../db/migrations.js';

/**
 * The keys that are unique across owners, which Citus cannot enforce on a table distributed by the owner (a unique
 * key must hold the distribution column): each moves to a lookup table whose primary key is that key, distributed by
 * it, so its one shard decides between two owners racing for it. Each row names the owner (its distribution column)
 * and the record, so a lookup by the key goes to the record's shard next. Created and filled on both databases (the
 * services write them on both); the old global keys are dropped on PostgreSQL only, on SQLite they hold the same
 * thing and stay.
 */
export const globalKeysMigration: ModuleMigration = {
  name: '20261203_1810_recycling_global_keys',
  async up(db, dialect) {
    // A recycling certificate's number, unique over every certificate ever issued (a merchant types it at a till).
    await db.schema
      .createTable('recycling_certificate_numbers')
      .addColumn('number', 'text', (c) => c.primaryKey())
      .addColumn('resident_user_id', bigint, (c) => c.notNull())
      .addColumn('certificate_id', bigint, (c) => c.notNull())
      .execute();
    await db
      .insertInto('recycling_certificate_numbers')
      .columns(['number', 'resident_user_id', 'certificate_id'])
      .expression(db.selectFrom('recycling_certificates').select(['number', 'resident_user_id', 'id']))
      .execute();
    // A scrapping certificate's number (报废机动车回收证明), unique over every vehicle record ever made: a withdrawn
    // record keeps its number spent; a correction of the number gives the old one back.
    await db.schema
      .createTable('recycling_scrapped_vehicle_certificate_numbers')
      .addColumn('certificate_number', 'text', (c) => c.primaryKey())
      .addColumn('dismantler_organization_id', bigint, (c) => c.notNull())
      .addColumn('vehicle_id', bigint, (c) => c.notNull())
      .execute();
    await db
      .insertInto('recycling_scrapped_vehicle_certificate_numbers')
      .columns(['certificate_number', 'dismantler_organization_id', 'vehicle_id'])
      .expression(
        db
          .selectFrom('recycling_scrapped_vehicles')
          .select(['certificate_number', 'dismantler_organization_id', 'id'])
          .where('certificate_number', 'is not', null),
      )
      .execute();
    // One open scrapping per car across dismantlers: a VIN is here while its record is not withdrawn.
    await db.schema
      .createTable('recycling_scrapped_vehicle_open_vins')
      .addColumn('vin', 'text', (c) => c.primaryKey())
      .addColumn('dismantler_organization_id', bigint, (c) => c.notNull())
      .addColumn('vehicle_id', bigint, (c) => c.notNull())
      .execute();
    await db
      .insertInto('recycling_scrapped_vehicle_open_vins')
      .columns(['vin', 'dismantler_organization_id', 'vehicle_id'])
      .expression(db.selectFrom('recycling_scrapped_vehicles').select(['vin', 'dismantler_organization_id', 'id']).where('status', '<>', 'withdrawn'))
      .execute();
    if (dialect !== 'postgres') return;
    await db.schema.alterTable('recycling_certificates').dropConstraint('recycling_certificates_number_key').execute();
    await db.schema.alterTable('recycling_scrapped_vehicles').dropConstraint('recycling_scrapped_vehicles_certificate_number_key').execute();
    await db.schema.dropIndex('recycling_scrapped_vehicles_open_vin').execute();
    // The lookups by the number and by the VIN on the records themselves stay index scans.
    await db.schema.createIndex('recycling_certificates_number').on('recycling_certificates').column('number').execute();
    await db.schema.createIndex('recycling_scrapped_vehicles_certificate_number').on('recycling_scrapped_vehicles').column('certificate_number').execute();
    await db.schema.createIndex('recycling_scrapped_vehicles_vin').on('recycling_scrapped_vehicles').column('vin').execute();
  },
};
