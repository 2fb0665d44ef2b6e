import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';

export const certificateMigrations: ModuleMigration[] = [
  {
    // Recycling certificates (one per unit handed in at a pickup) and their uses; new tables, nothing to fill.
    // Named after the pickups' migration so that it sorts after it (a certificate names its pickup).
    name: '20261201_1313_recycling_pickups_certificates',
    async up(db, dialect) {
      await withId(db.schema.createTable('recycling_certificates'), dialect)
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('serial_number', 'text')
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('recycler_organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('pickup_id', bigint, (c) => c.notNull().references('recycling_pickups.id'))
        .addColumn('resident_user_id', bigint, (c) => c.notNull().references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('recycling_certificates_pickup').on('recycling_certificates').column('pickup_id').execute();
      await db.schema.createIndex('recycling_certificates_resident').on('recycling_certificates').column('resident_user_id').execute();
      await db.schema.createIndex('recycling_certificates_recycler').on('recycling_certificates').columns(['recycler_organization_id', 'issued_at']).execute();
      // One use per certificate, held by the database: two redemptions racing on one certificate cannot both win.
      await withId(db.schema.createTable('recycling_certificate_uses'), dialect)
        .addColumn('certificate_id', bigint, (c) => c.notNull().references('recycling_certificates.id'))
        .addColumn('used_by_kind', 'text', (c) => c.notNull())
        .addColumn('used_by_id', bigint)
        .addColumn('used_by_organization_id', bigint)
        .addColumn('used_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('recycling_certificate_uses_one').on('recycling_certificate_uses').column('certificate_id').unique().execute();
    },
  },
];
