import { sql } from 'kysely';
import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';

/** The rules as first shipped, frozen here so that a later change of the code's defaults never rewrites history. */
const FIRST_RULES = {
  lookbackDays: 730,
  points: { unlicensed_trading: 40, odometer_tampering: 30, concealed_history: 30, data_not_wiped: 20, false_advertising: 10, other: 5 },
  thresholds: { B: 1, C: 20, D: 40 },
};

export const dealersMigrations: ModuleMigration[] = [
  {
    // Second-hand dealers, the kinds they trade, their trades and their credit records; new tables, nothing to fill.
    name: '20261201_1521_recycling_dealers',
    async up(db, dialect) {
      await withId(db.schema.createTable('recycling_dealers'), dialect)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('credit_code', 'text', (c) => c.notNull().unique())
        .addColumn('town_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('contact_name', 'text', (c) => c.notNull())
        .addColumn('contact_mobile_enc', 'text', (c) => c.notNull())
        .addColumn('contact_mobile_mask', 'text', (c) => c.notNull())
        .addColumn('licence_number', 'text')
        .addColumn('organization_id', bigint, (c) => c.references('organizations.id'))
        .addColumn('registered_on', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_since', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('recycling_dealers_status', sql`status in ('active', 'suspended', 'deregistered')`)
        .execute();
      await db.schema.createIndex('recycling_dealers_town').on('recycling_dealers').columns(['town_id', 'status']).execute();
      await db.schema.createIndex('recycling_dealers_organization').on('recycling_dealers').column('organization_id').execute();

      await withId(db.schema.createTable('recycling_dealer_kinds'), dialect)
        .addColumn('dealer_id', bigint, (c) => c.notNull().references('recycling_dealers.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addCheckConstraint('recycling_dealer_kinds_kind', sql`kind in ('cars', 'appliances', 'furniture', 'other')`)
        .execute();
      await db.schema.createIndex('recycling_dealer_kinds_one').on('recycling_dealer_kinds').columns(['dealer_id', 'kind']).unique().execute();
      await db.schema.createIndex('recycling_dealer_kinds_kind').on('recycling_dealer_kinds').columns(['kind', 'dealer_id']).execute();

      await withId(db.schema.createTable('recycling_dealer_trades'), dialect)
        .addColumn('dealer_id', bigint, (c) => c.notNull().references('recycling_dealers.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('traded_on', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('amount_fen', bigint, (c) => c.notNull())
        .addColumn('vin', 'text')
        .addColumn('plate_region_from', 'text')
        .addColumn('plate_region_to', 'text')
        .addColumn('cross_region', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('is_export', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('export_country', 'text')
        .addColumn('recorded_by', bigint, (c) => c.references('users.id'))
        .addColumn('recorded_by_organization_id', bigint, (c) => c.references('organizations.id'))
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('recycling_dealer_trades_amount', sql`amount_fen >= 0`)
        // A used car has its VIN and plate region; nothing else has either.
        .addCheckConstraint('recycling_dealer_trades_car', sql`(kind = 'cars') = (vin is not null and plate_region_from is not null)`)
        .addCheckConstraint('recycling_dealer_trades_export', sql`(is_export = 1) = (export_country is not null) and (is_export = 0 or kind = 'cars')`)
        .execute();
      // The same car traded twice the same day by the same dealer is one trade recorded twice.
      await db.schema
        .createIndex('recycling_dealer_trades_vin_day')
        .on('recycling_dealer_trades')
        .columns(['dealer_id', 'vin', 'traded_on'])
        .unique()
        .execute();
      await db.schema.createIndex('recycling_dealer_trades_dealer').on('recycling_dealer_trades').columns(['dealer_id', 'traded_on']).execute();
      await db.schema.createIndex('recycling_dealer_trades_kind').on('recycling_dealer_trades').columns(['kind', 'traded_on']).execute();

      await withId(db.schema.createTable('recycling_dealer_violations'), dialect)
        .addColumn('dealer_id', bigint, (c) => c.notNull().references('recycling_dealers.id'))
        .addColumn('occurred_on', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('penalty_text', 'text', (c) => c.notNull())
        .addColumn('penalty_fen', bigint)
        .addColumn('evidence_json', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('issuing_organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('recorded_by', bigint, (c) => c.references('users.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('revoked_reason', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('disclose_until', 'text', (c) => c.notNull())
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('recycling_dealer_violations_status', sql`status in ('in_force', 'revoked')`)
        .addCheckConstraint('recycling_dealer_violations_revoked', sql`(status = 'revoked') = (revoked_reason is not null)`)
        .addCheckConstraint('recycling_dealer_violations_until', sql`disclose_until >= occurred_on`)
        .addCheckConstraint('recycling_dealer_violations_penalty', sql`penalty_fen is null or penalty_fen >= 0`)
        .execute();
      await db.schema.createIndex('recycling_dealer_violations_dealer').on('recycling_dealer_violations').columns(['dealer_id', 'occurred_on']).execute();
      await db.schema
        .createIndex('recycling_dealer_violations_public')
        .on('recycling_dealer_violations')
        .columns(['status', 'disclose_until', 'occurred_on'])
        .execute();

      await withId(db.schema.createTable('recycling_credit_rule_sets'), dialect)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('recycling_credit_rule_versions'), dialect)
        .addColumn('version', 'integer', (c) => c.notNull().unique())
        .addColumn('rules_json', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', bigint, (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  {
    // The credit rule set ships with a default first version (created_by null: to be confirmed by 市商务局), so
    // every installation computes grades from the start and each grade names a version.
    name: '20261201_1522_recycling_credit_rules_default',
    async up(db) {
      const now = new Date().toISOString();
      await db
        .insertInto('recycling_credit_rule_versions')
        .values({
          version: 1,
          rules_json: JSON.stringify(FIRST_RULES),
          note: '平台默认规则（待市商务局确认） / platform default, to be confirmed',
          created_by: null,
          created_at: now,
        })
        .execute();
      await db.insertInto('recycling_credit_rule_sets').values({ code: 'jinjiang', version: 1, updated_at: now }).execute();
    },
  },
];
