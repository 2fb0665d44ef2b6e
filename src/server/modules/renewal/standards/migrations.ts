import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../../db/database.js';
import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';

/** A new table with the columns every record of the part has (see tables.ts ClaimColumns). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on an untyped Kysely, as ModuleMigration gives it
function claimTable(db: Kysely<any>, dialect: DialectName, name: string) {
  return withId(db.schema.createTable(name), dialect)
    .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('evidence_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('note', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('withdraw_reason', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('confirmed_by', bigint, (c) => c.references('users.id'))
    .addColumn('confirmed_by_organization_id', bigint, (c) => c.references('organizations.id'))
    .addColumn('created_by', bigint, (c) => c.notNull().references('users.id'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(`${name}_status`, sql`status in ('draft', 'submitted', 'confirmed', 'returned', 'withdrawn')`);
}

export const standardsMigrations: ModuleMigration[] = [
  {
    // Standards organisations lead or join (one row per organisation and standard); a new table, nothing to fill.
    name: '20261201_1810_renewal_standards',
    async up(db, dialect) {
      await claimTable(db, dialect, 'renewal_standards')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('number_key', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('approved_on', 'text')
        .addColumn('published_on', 'text')
        .addColumn('implemented_on', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addCheckConstraint(
          'renewal_standards_dates',
          sql`(approved_on is null or published_on is null or approved_on <= published_on) and (published_on is null or implemented_on is null or published_on <= implemented_on)`,
        )
        .execute();
      // One organisation records its part in one standard once.
      await db.schema.createIndex('renewal_standards_once').on('renewal_standards').columns(['organization_id', 'number_key']).unique().execute();
      await db.schema.createIndex('renewal_standards_count').on('renewal_standards').columns(['status', 'level', 'published_on']).execute();
    },
  },
  {
    name: '20261201_1811_renewal_certifications',
    async up(db, dialect) {
      await claimTable(db, dialect, 'renewal_certifications')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('issuer', 'text', (c) => c.notNull())
        .addColumn('certificate_number', 'text', (c) => c.notNull())
        .addColumn('number_key', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('issued_on', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text')
        .addCheckConstraint('renewal_certifications_validity', sql`valid_until is null or issued_on <= valid_until`)
        .execute();
      // A certificate number is unique within its kind (the 409 names the field; the index guards two requests at once).
      await db.schema.createIndex('renewal_certifications_number').on('renewal_certifications').columns(['kind', 'number_key']).unique().execute();
      await db.schema.createIndex('renewal_certifications_org').on('renewal_certifications').columns(['organization_id', 'status']).execute();
    },
  },
  {
    name: '20261201_1812_renewal_brands',
    async up(db, dialect) {
      await claimTable(db, dialect, 'renewal_brands')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('recognized_on', 'text', (c) => c.notNull())
        .addColumn('recognizer', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('renewal_brands_org').on('renewal_brands').columns(['organization_id', 'status']).execute();
    },
  },
  {
    name: '20261201_1813_renewal_rd_reports',
    async up(db, dialect) {
      await claimTable(db, dialect, 'renewal_rd_reports')
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('rd_fen', bigint, (c) => c.notNull())
        .addColumn('revenue_fen', bigint, (c) => c.notNull())
        .addColumn('rd_staff', 'integer', (c) => c.notNull())
        .addColumn('industry', 'text', (c) => c.notNull())
        .addCheckConstraint('renewal_rd_reports_amounts', sql`rd_fen >= 0 and revenue_fen >= 0 and rd_staff >= 0 and year >= 2000 and year <= 2100`)
        .execute();
      // One report per enterprise and year.
      await db.schema.createIndex('renewal_rd_reports_once').on('renewal_rd_reports').columns(['organization_id', 'year']).unique().execute();
      await db.schema.createIndex('renewal_rd_reports_year').on('renewal_rd_reports').columns(['status', 'year']).execute();
    },
  },
];

/**
 * A certificate number is unique within its kind whoever holds it, and stays so on Citus, where certifications are
 * distributed by enterprise and a unique key holds only within one: the numbers move to a table of their own keyed by
 * (kind, number), distributed by the number, filled from the certifications. On PostgreSQL the certifications' own
 * unique index goes (Citus refuses it); SQLite keeps it, changing nothing there.
 */
export const certificationNumbersMigration: ModuleMigration = {
  name: '20261203_1820_renewal_certification_numbers',
  async up(db, dialect) {
    await db.schema
      .createTable('renewal_certification_numbers')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('number_key', 'text', (c) => c.notNull())
      .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
      .addColumn('certification_id', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('renewal_certification_numbers_pkey', ['kind', 'number_key'])
      .execute();
    await db
      .insertInto('renewal_certification_numbers')
      .columns(['kind', 'number_key', 'organization_id', 'certification_id'])
      .expression((eb) => eb.selectFrom('renewal_certifications').select(['kind', 'number_key', 'organization_id', 'id']))
      .execute();
    if (dialect === 'postgres') await db.schema.dropIndex('renewal_certifications_number').execute();
  },
};
