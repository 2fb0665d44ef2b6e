import { sql } from 'kysely';
import { bigint, withId, type ModuleMigration } from '../../db/migrations.js';
import { nowIso } from '../../db/time.js';
import { copyIntoRecordTimeline } from '../platform/timeline/copyOldTimeline.js';
import { migration0210 } from './risk/migration0210.js';
import { migrationSaleAfterTill } from './migrationSaleAfterTill.js';
import { distributableKeysMigration } from '../../db/distributable.js';
import { migrationDistributableKeys, migrationUniqueLookups, migrationVoucherCodesAndReleases } from './migrationDistributable.js';

export const tradeinMigrations: ModuleMigration[] = [
  {
    name: '0200_tradein_init',
    async up(db, dialect) {
      await db.schema
        .createTable('tradein_managers')
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('capability', 'text', (c) => c.notNull())
        .addColumn('granted_by', bigint)
        .addColumn('granted_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('tradein_managers_pk', ['organization_id', 'capability'])
        .execute();

      await withId(db.schema.createTable('tradein_programs'), dialect)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_to', 'text', (c) => c.notNull())
        .addColumn('budget_central_fen', bigint, (c) => c.notNull())
        .addColumn('budget_provincial_fen', bigint, (c) => c.notNull())
        .addColumn('budget_city_fen', bigint, (c) => c.notNull())
        .addColumn('budget_used_fen', bigint, (c) => c.notNull().defaultTo(0))
        .addColumn('voucher_valid_days', 'integer', (c) => c.notNull())
        .addColumn('release_time', 'text', (c) => c.notNull())
        .addColumn('rounding', 'text', (c) => c.notNull())
        .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('source_note', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        // The budget can never be overspent, whatever the concurrency of redemptions.
        .addCheckConstraint(
          'tradein_programs_budget',
          sql`budget_used_fen >= 0 and budget_used_fen <= budget_central_fen + budget_provincial_fen + budget_city_fen`,
        )
        .execute();

      await withId(db.schema.createTable('tradein_rule_versions'), dialect)
        .addColumn('program_id', bigint, (c) => c.notNull().references('tradein_programs.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('rule_json', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_by', bigint)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('tradein_rule_versions_key', ['program_id', 'category', 'version'])
        .execute();

      await db.schema
        .createTable('tradein_categories')
        .addColumn('program_id', bigint, (c) => c.notNull().references('tradein_programs.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('current_rule_version_id', bigint, (c) => c.notNull().references('tradein_rule_versions.id'))
        .addColumn('daily_quota', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('tradein_categories_pk', ['program_id', 'category'])
        .execute();

      await withId(db.schema.createTable('tradein_merchants'), dialect)
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('program_id', bigint, (c) => c.notNull().references('tradein_programs.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('bank_name', 'text', (c) => c.notNull())
        .addColumn('account_name', 'text', (c) => c.notNull())
        .addColumn('bank_account_enc', 'text', (c) => c.notNull())
        .addColumn('bank_account_hash', 'text', (c) => c.notNull())
        .addColumn('bank_account_mask', 'text', (c) => c.notNull())
        .addColumn('review_note', 'text')
        .addColumn('reviewed_by', bigint)
        .addColumn('reviewed_at', 'text')
        .addColumn('applied_by', bigint)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('tradein_merchants_org_program', ['organization_id', 'program_id'])
        .execute();

      await db.schema
        .createTable('tradein_merchant_categories')
        .addColumn('merchant_id', bigint, (c) => c.notNull().references('tradein_merchants.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('tradein_merchant_categories_pk', ['merchant_id', 'category'])
        .execute();
      await db.schema.createIndex('tradein_merchant_categories_category').on('tradein_merchant_categories').column('category').execute();

      await withId(db.schema.createTable('tradein_stores'), dialect)
        .addColumn('merchant_id', bigint, (c) => c.notNull().references('tradein_merchants.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('town_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('address', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('tradein_stores_merchant').on('tradein_stores').column('merchant_id').execute();
      await db.schema.createIndex('tradein_stores_town').on('tradein_stores').column('town_id').execute();

      await withId(db.schema.createTable('tradein_products'), dialect)
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('brand', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('efficiency_grade', 'integer')
        .addColumn('reference_price_fen', bigint, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('tradein_products_model', ['organization_id', 'category', 'brand', 'model'])
        .execute();

      await withId(db.schema.createTable('tradein_pools'), dialect)
        .addColumn('program_id', bigint, (c) => c.notNull().references('tradein_programs.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('quota', 'integer', (c) => c.notNull())
        .addColumn('issued', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('returned_quota', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('opens_at', 'text', (c) => c.notNull())
        .addColumn('closes_at', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('release_key', 'text', (c) => c.unique())
        .addColumn('created_by', bigint)
        .addColumn('created_at', 'text', (c) => c.notNull())
        // The last line of defence against over-issue: no transaction can commit a pool past its quota.
        .addCheckConstraint('tradein_pools_issued_within_quota', sql`issued >= 0 and issued <= quota`)
        .execute();
      await db.schema.createIndex('tradein_pools_window').on('tradein_pools').columns(['closes_at', 'opens_at']).execute();

      await withId(db.schema.createTable('tradein_vouchers'), dialect)
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('program_id', bigint, (c) => c.notNull().references('tradein_programs.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('pool_id', bigint, (c) => c.notNull().references('tradein_pools.id'))
        .addColumn('holder_user_id', bigint, (c) => c.notNull().references('users.id'))
        .addColumn('rule_version_id', bigint, (c) => c.notNull().references('tradein_rule_versions.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('redeemed_at', 'text')
        .addColumn('quota_returned_pool_id', bigint)
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // A person never holds two active vouchers for one category: enforced by the database, not a check.
      await db.schema
        .createIndex('tradein_vouchers_one_active')
        .on('tradein_vouchers')
        .columns(['holder_user_id', 'category'])
        .unique()
        .where(sql.ref('status'), '=', 'active')
        .execute();
      await db.schema.createIndex('tradein_vouchers_holder').on('tradein_vouchers').columns(['holder_user_id', 'program_id', 'category']).execute();
      await db.schema.createIndex('tradein_vouchers_pool').on('tradein_vouchers').column('pool_id').execute();
      await db.schema.createIndex('tradein_vouchers_expiry').on('tradein_vouchers').columns(['status', 'expires_at']).execute();

      await withId(db.schema.createTable('tradein_redemptions'), dialect)
        .addColumn('voucher_id', bigint, (c) => c.notNull().references('tradein_vouchers.id'))
        .addColumn('program_id', bigint, (c) => c.notNull().references('tradein_programs.id'))
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('merchant_id', bigint, (c) => c.notNull().references('tradein_merchants.id'))
        .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('product_id', bigint, (c) => c.notNull().references('tradein_products.id'))
        .addColumn('holder_user_id', bigint, (c) => c.notNull().references('users.id'))
        .addColumn('rule_version_id', bigint, (c) => c.notNull().references('tradein_rule_versions.id'))
        .addColumn('serial_number', 'text', (c) => c.notNull())
        // Subsidised once, ever: unique over every redemption, reversed ones included.
        .addColumn('serial_key', 'text', (c) => c.notNull().unique())
        .addColumn('invoice_number', 'text', (c) => c.notNull().unique())
        .addColumn('price_fen', bigint, (c) => c.notNull())
        .addColumn('subsidy_fen', bigint, (c) => c.notNull())
        .addColumn('rate_bp', 'integer', (c) => c.notNull())
        .addColumn('old_item_proof_kind', 'text')
        .addColumn('old_item_proof_ref', 'text')
        .addColumn('old_item_attachment_id', bigint)
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('settlement_batch_id', bigint)
        .addColumn('clawback_pending', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('reversal_reason', 'text')
        .addColumn('reversed_at', 'text')
        .addColumn('created_by', bigint)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint('tradein_redemptions_subsidy', sql`subsidy_fen >= 0 and subsidy_fen <= price_fen`)
        .execute();
      // One live redemption per voucher (a reversed one frees the voucher again).
      await db.schema
        .createIndex('tradein_redemptions_one_per_voucher')
        .on('tradein_redemptions')
        .column('voucher_id')
        .unique()
        .where(sql.ref('status'), '!=', 'reversed')
        .execute();
      await db.schema.createIndex('tradein_redemptions_merchant').on('tradein_redemptions').columns(['organization_id', 'created_at']).execute();
      await db.schema.createIndex('tradein_redemptions_settlement').on('tradein_redemptions').columns(['status', 'settlement_batch_id']).execute();
    },
  },
  migration0210,
  {
    // No query looks vouchers up by release (a pool keeps its own count), and every claim paid for the index.
    name: '0220_tradein_vouchers_drop_pool_index',
    async up(db) {
      await db.schema.dropIndex('tradein_vouchers_pool').execute();
    },
  },
  {
    // A programme rolled over into the next year remembers the one it continues.
    name: '20261201_0900_tradein_programs_rolled_over_from',
    async up(db) {
      await db.schema
        .alterTable('tradein_programs')
        .addColumn('rolled_over_from_id', bigint, (c) => c.references('tradein_programs.id'))
        .execute();
    },
  },
  {
    // Grants are the platform's now (organization_grants, per domain). Car trade-in answered to these very rows
    // until now, so each becomes a grant in both domains; then the old table goes.
    name: '20261201_1001_tradein_managers_to_grants',
    async up(db) {
      const rows = await db.selectFrom('tradein_managers').select(['organization_id', 'capability', 'granted_by', 'granted_at']).execute();
      const copies = ['tradein', 'cartradein'].flatMap((domain) => rows.map((r) => ({ ...r, domain })));
      if (copies.length > 0)
        await db
          .insertInto('organization_grants')
          .values(copies)
          .onConflict((oc) => oc.columns(['organization_id', 'domain', 'capability']).doNothing())
          .execute();
      // Defaults are seeded once per domain (marker `<domain>-grants`). An installation that seeded trade-in's
      // has its grants copied above, withdrawals included: seeding car trade-in's defaults would undo those.
      const seeded = await db.selectFrom('job_runs').select('name').where('name', '=', 'seed').where('run_key', '=', 'tradein-grants').executeTakeFirst();
      if (seeded)
        await db
          .insertInto('job_runs')
          .values({ name: 'seed', run_key: 'cartradein-grants', started_at: nowIso(), finished_at: nowIso() })
          .onConflict((oc) => oc.columns(['name', 'run_key']).doNothing())
          .execute();
      await db.schema.dropTable('tradein_managers').execute();
    },
  },
  {
    // Risk-review decisions become the redemption's entries in the one timeline every workflow writes
    // (record_timeline); they keep their order, deciders, notes and statuses, and take the merchant's organisation.
    name: '20261201_1300_tradein_risk_decisions_to_timeline',
    async up(db) {
      await copyIntoRecordTimeline(db, 'tradein_redemption', 'tradein_risk_decisions', async (after, limit) =>
        (
          await db
            .selectFrom('tradein_risk_decisions as d')
            .leftJoin('tradein_redemptions as r', 'r.id', 'd.redemption_id')
            .leftJoin('users as u', 'u.id', 'd.decided_by')
            .select([
              'd.id',
              'd.redemption_id',
              'd.decision',
              'd.from_status',
              'd.to_status',
              'd.note',
              'd.decided_by',
              'd.decided_at',
              'r.organization_id',
              'u.role',
            ])
            .where('d.id', '>', after)
            .orderBy('d.id')
            .limit(limit)
            .execute()
        ).map((d) => ({
          formerId: Number(d.id),
          entityId: Number(d.redemption_id),
          action: d.decision,
          from: d.from_status,
          to: d.to_status,
          actorUserId: d.decided_by === null ? null : Number(d.decided_by),
          actorRole: d.role ?? null,
          organizationId: d.organization_id === null ? null : Number(d.organization_id),
          note: d.note,
          reasons: [],
          params: {},
          at: d.decided_at,
        })),
      );
      await db.schema.dropTable('tradein_risk_decisions').execute();
    },
  },
  migrationSaleAfterTill,
  {
    // The queue in front of a release rush (issue 15): one place per resident and release; the waiting places by
    // pool and place, so the head, the tail and a resident's position are index lookups, not counts.
    name: '20261202_1100_tradein_claim_queue',
    async up(db, dialect) {
      await withId(db.schema.createTable('tradein_claim_queue'), dialect)
        .addColumn('pool_id', bigint, (c) => c.notNull().references('tradein_pools.id'))
        .addColumn('user_id', bigint, (c) => c.notNull().references('users.id'))
        .addColumn('place', bigint, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('actor_json', 'text', (c) => c.notNull())
        .addColumn('request_id', 'text')
        .addColumn('ip', 'text')
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text')
        .addColumn('enqueued_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('done_at', 'text')
        .addColumn('voucher_id', bigint, (c) => c.references('tradein_vouchers.id'))
        .addColumn('error_code', 'text')
        .addColumn('error_params_json', 'text')
        .addUniqueConstraint('tradein_claim_queue_person', ['pool_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('tradein_claim_queue_waiting')
        .on('tradein_claim_queue')
        .columns(['pool_id', 'place'])
        .where(sql.ref('status'), 'in', ['waiting', 'claiming'])
        .execute();
      // The last place ever given in a release, finished ones included (a new place goes behind it): without this
      // index every join scanned the release's finished places, and a rush's joins grew with the square of its size.
      await db.schema.createIndex('tradein_claim_queue_places').on('tradein_claim_queue').columns(['pool_id', 'place']).execute();
      await db.schema
        .createIndex('tradein_claim_queue_status')
        .on('tradein_claim_queue')
        .columns(['status', 'id'])
        .where(sql.ref('status'), 'in', ['waiting', 'claiming'])
        .execute();
    },
  },
  // Citus-distributable keys (issue 15, test/citus/REPORT.md), PostgreSQL only: see db/distributable.ts.
  distributableKeysMigration('20261203_1700', 'tradein', {
    primaryKeys: [
      { table: 'tradein_after_sales_cases', column: 'holder_user_id' },
      { table: 'tradein_claim_queue', column: 'user_id' },
      { table: 'tradein_device_sightings', column: 'device_hash' },
      { table: 'tradein_online_orders', column: 'holder_user_id' },
      { table: 'tradein_risk_signals', column: 'holder_user_id' },
    ],
  }),
  migrationDistributableKeys,
  migrationUniqueLookups,
  migrationVoucherCodesAndReleases,
];
