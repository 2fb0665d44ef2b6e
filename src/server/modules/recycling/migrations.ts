import { sql } from 'kysely';
import { bigint, withId, type ModuleMigration } from '../../db/migrations.js';
import { globalKeysMigration } from './globalKeysMigration.js';
import { inspectionMigrations } from './inspections/migrations.js';
import { pickupMigrations } from './pickups/migrations.js';
import { certificateMigrations } from './certificates/migrations.js';
import { siteMigrations } from './sites/migrations.js';
import { intakeMigrations } from './intake/migrations.js';
import { vehiclesMigrations } from './vehicles/migrations.js';
import { dealersMigrations } from './dealers/migrations.js';
import { distributableKeysMigration } from '../../db/distributable.js';

export const recyclingMigrations: ModuleMigration[] = [
  {
    // The recycling network: every site with its operator, place, licence, safety and standardisation, and where it
    // is in its life (its status changes are on record_timeline).
    name: '20261201_1301_recycling_sites',
    async up(db, dialect) {
      await withId(db.schema.createTable('recycling_sites'), dialect)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('operator_organization_id', bigint, (c) => c.references('organizations.id'))
        .addColumn('town_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('latitude', 'double precision')
        .addColumn('longitude', 'double precision')
        .addColumn('licence_number', 'text')
        .addColumn('licence_valid_to', 'text')
        .addColumn('fire_safety', 'text', (c) => c.notNull())
        .addColumn('standardisation', 'text', (c) => c.notNull())
        .addColumn('capacity_tonnes_per_day', 'double precision')
        .addColumn('materials_json', 'text', (c) => c.notNull())
        .addColumn('opening_hours', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('completed_on', 'text')
        .addColumn('status_since', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('recycling_sites_coordinates', sql`(latitude is null) = (longitude is null)`)
        .execute();
      await db.schema.createIndex('recycling_sites_town_status').on('recycling_sites').columns(['town_id', 'status']).execute();
      await db.schema.createIndex('recycling_sites_operator').on('recycling_sites').column('operator_organization_id').execute();
      await db.schema.createIndex('recycling_sites_kind_completed').on('recycling_sites').columns(['kind', 'completed_on']).execute();
    },
  },
  ...siteMigrations,
  ...inspectionMigrations,
  ...pickupMigrations,
  ...certificateMigrations,
  ...intakeMigrations,
  ...vehiclesMigrations,
  ...dealersMigrations,
  // Citus-distributable keys (issue 15, test/citus/REPORT.md), PostgreSQL only: see db/distributable.ts.
  distributableKeysMigration('20261203_1700', 'recycling', {
    primaryKeys: [
      { table: 'recycling_dealer_trades', column: 'dealer_id' },
      { table: 'recycling_reverse_invoices', column: 'recycler_organization_id' },
    ],
    actorForeignKeys: [
      { table: 'recycling_credit_rule_versions', constraint: 'recycling_credit_rule_versions_created_by_fkey' },
      { table: 'recycling_dealer_trades', constraint: 'recycling_dealer_trades_recorded_by_fkey' },
      { table: 'recycling_dealer_violations', constraint: 'recycling_dealer_violations_recorded_by_fkey' },
      { table: 'recycling_inspections', constraint: 'recycling_inspections_inspector_user_id_fkey' },
      { table: 'recycling_intake_records', constraint: 'recycling_intake_records_recorded_by_fkey' },
      { table: 'recycling_rectifications', constraint: 'recycling_rectifications_submitted_by_fkey' },
      { table: 'recycling_rectifications', constraint: 'recycling_rectifications_verified_by_fkey' },
    ],
  }),
  // The rest of the module's tables (issue 15 part 3): children take their parent's distribution column, keys and
  // foreign keys hold it; the keys that must stay unique across owners move to lookup tables (the next migration).
  distributableKeysMigration('20261203_1800', 'recycling', {
    childColumns: [
      { table: 'recycling_certificate_uses', column: 'resident_user_id', parent: 'recycling_certificates', via: 'certificate_id' },
      {
        table: 'recycling_scrapped_vehicle_assemblies',
        column: 'dismantler_organization_id',
        parent: 'recycling_scrapped_vehicles',
        via: 'vehicle_id',
      },
    ],
    primaryKeys: [
      {
        table: 'recycling_pickups',
        column: 'resident_user_id',
        referencedBy: [{ table: 'recycling_certificates', constraint: 'recycling_certificates_pickup_id_fkey', column: 'resident_user_id', via: 'pickup_id' }],
      },
      {
        table: 'recycling_certificates',
        column: 'resident_user_id',
        referencedBy: [
          {
            table: 'recycling_certificate_uses',
            constraint: 'recycling_certificate_uses_certificate_id_fkey',
            column: 'resident_user_id',
            via: 'certificate_id',
          },
        ],
      },
      { table: 'recycling_certificate_uses', column: 'resident_user_id' },
      {
        table: 'recycling_intake_records',
        column: 'recycler_organization_id',
        referencedBy: [
          {
            table: 'recycling_reverse_invoices',
            constraint: 'recycling_reverse_invoices_intake_id_fkey',
            column: 'recycler_organization_id',
            via: 'intake_id',
          },
        ],
      },
      {
        table: 'recycling_scrapped_vehicles',
        column: 'dismantler_organization_id',
        referencedBy: [
          {
            table: 'recycling_scrapped_vehicle_assemblies',
            constraint: 'recycling_scrapped_vehicle_assemblies_vehicle_id_fkey',
            column: 'dismantler_organization_id',
            via: 'vehicle_id',
          },
        ],
      },
      {
        table: 'recycling_scrapped_vehicle_assemblies',
        column: 'dismantler_organization_id',
        key: ['vehicle_id', 'assembly'],
        constraint: 'recycling_scrapped_vehicle_assemblies_pk',
      },
    ],
    uniqueKeys: [
      // Still one use per certificate: a certificate is on its resident's shard, and so are its uses.
      { table: 'recycling_certificate_uses', column: 'resident_user_id', name: 'recycling_certificate_uses_one', kind: 'index', columns: ['certificate_id'] },
      // Still one reverse invoice per intake record: an intake record and its invoice are on the recycler's shard.
      {
        table: 'recycling_reverse_invoices',
        column: 'recycler_organization_id',
        name: 'recycling_reverse_invoices_intake_id_key',
        kind: 'constraint',
        columns: ['intake_id'],
      },
    ],
  }),
  globalKeysMigration,
];
