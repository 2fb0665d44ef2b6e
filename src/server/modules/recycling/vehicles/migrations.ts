import { sql } from 'kysely';
import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';

export const vehiclesMigrations: ModuleMigration[] = [
  {
    // Dismantling qualifications as 市商务局 registers them; a new table, nothing to fill.
    name: '20261201_1511_recycling_dismantling_qualifications',
    async up(db, dialect) {
      await withId(db.schema.createTable('recycling_dismantling_qualifications'), dialect)
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('issued_by', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_to', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('registered_by', bigint)
        .addColumn('revoked_at', 'text')
        .addColumn('revoked_reason', 'text')
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('recycling_dismantling_qualifications_validity', sql`valid_to >= valid_from`)
        .addCheckConstraint('recycling_dismantling_qualifications_status', sql`status in ('active', 'revoked', 'superseded')`)
        .execute();
      // One qualification in force per organisation: registering a new one supersedes the old in the same transaction.
      await db.schema
        .createIndex('recycling_dismantling_qualifications_one_active')
        .on('recycling_dismantling_qualifications')
        .column('organization_id')
        .unique()
        .where(sql.ref('status'), '=', 'active')
        .execute();
    },
  },
  {
    // The scrapped vehicles and where their five main assemblies went; new tables, nothing to fill.
    name: '20261201_1512_recycling_scrapped_vehicles',
    async up(db, dialect) {
      await withId(db.schema.createTable('recycling_scrapped_vehicles'), dialect)
        .addColumn('dismantler_organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('qualification_id', bigint, (c) => c.notNull().references('recycling_dismantling_qualifications.id'))
        .addColumn('town_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('vin', 'text', (c) => c.notNull())
        .addColumn('plate', 'text', (c) => c.notNull())
        .addColumn('owner_kind', 'text', (c) => c.notNull())
        .addColumn('owner_name', 'text', (c) => c.notNull())
        .addColumn('owner_id_enc', 'text')
        .addColumn('owner_id_hash', 'text')
        .addColumn('owner_id_mask', 'text')
        .addColumn('owner_credit_code', 'text')
        .addColumn('emission_standard', 'text', (c) => c.notNull())
        .addColumn('fuel_type', 'text', (c) => c.notNull())
        .addColumn('registered_on', 'text', (c) => c.notNull())
        .addColumn('received_on', 'text', (c) => c.notNull())
        .addColumn('certificate_number', 'text', (c) => c.unique())
        .addColumn('certificate_issued_on', 'text')
        .addColumn('dismantled_on', 'text')
        .addColumn('deregistered_on', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('withdrawn_reason', 'text')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('recorded_by', bigint)
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint(
          'recycling_scrapped_vehicles_owner',
          sql`(owner_kind = 'person' and owner_id_hash is not null and owner_id_enc is not null and owner_credit_code is null)
            or (owner_kind = 'organization' and owner_credit_code is not null and owner_id_hash is null and owner_id_enc is null)`,
        )
        .addCheckConstraint('recycling_scrapped_vehicles_received', sql`received_on >= registered_on`)
        .addCheckConstraint(
          'recycling_scrapped_vehicles_certificate',
          sql`(certificate_number is null) = (certificate_issued_on is null) and (certificate_issued_on is null or certificate_issued_on >= received_on)`,
        )
        // Each step after the one before it, on or after its date; a step's date is there once the record reached it.
        .addCheckConstraint(
          'recycling_scrapped_vehicles_dismantled',
          sql`dismantled_on is null or (certificate_issued_on is not null and dismantled_on >= certificate_issued_on)`,
        )
        .addCheckConstraint(
          'recycling_scrapped_vehicles_deregistered',
          sql`deregistered_on is null or (dismantled_on is not null and deregistered_on >= dismantled_on)`,
        )
        .addCheckConstraint(
          'recycling_scrapped_vehicles_status',
          sql`status in ('received', 'certificate_issued', 'dismantled', 'deregistered', 'withdrawn')
            and (status not in ('certificate_issued', 'dismantled', 'deregistered') or certificate_number is not null)
            and (status not in ('dismantled', 'deregistered') or dismantled_on is not null)
            and (status <> 'deregistered' or deregistered_on is not null)`,
        )
        .execute();
      // A VIN is on one record at a time; a record withdrawn as a mistake leaves it free.
      await db.schema
        .createIndex('recycling_scrapped_vehicles_open_vin')
        .on('recycling_scrapped_vehicles')
        .column('vin')
        .unique()
        .where(sql.ref('status'), '<>', 'withdrawn')
        .execute();
      await db.schema
        .createIndex('recycling_scrapped_vehicles_dismantler')
        .on('recycling_scrapped_vehicles')
        .columns(['dismantler_organization_id', 'status'])
        .execute();
      await db.schema.createIndex('recycling_scrapped_vehicles_received_on').on('recycling_scrapped_vehicles').columns(['received_on', 'town_id']).execute();
      await db.schema.createIndex('recycling_scrapped_vehicles_owner').on('recycling_scrapped_vehicles').column('owner_id_hash').execute();

      await db.schema
        .createTable('recycling_scrapped_vehicle_assemblies')
        .addColumn('vehicle_id', bigint, (c) => c.notNull().references('recycling_scrapped_vehicles.id'))
        .addColumn('assembly', 'text', (c) => c.notNull())
        .addColumn('destination', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text')
        .addColumn('on_date', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('recycling_scrapped_vehicle_assemblies_pk', ['vehicle_id', 'assembly'])
        .addCheckConstraint('recycling_scrapped_vehicle_assemblies_assembly', sql`assembly in ('engine', 'steering', 'transmission', 'axles', 'frame')`)
        .addCheckConstraint('recycling_scrapped_vehicle_assemblies_destination', sql`destination in ('remanufacture', 'scrap_destroyed')`)
        .execute();
    },
  },
];
