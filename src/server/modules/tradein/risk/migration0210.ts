import { sql } from 'kysely';
import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';
import { DEFAULT_RISK_RULES } from './rules.js';

/**
 * Risk control and settlement: rule configuration with history, signals, flags and the review queue,
 * settlement batches and their lines; the store of a sale on the redemption (so the plan's metrics can count sales by town).
 */
export const migration0210: ModuleMigration = {
  name: '0210_tradein_risk_settlement',
  async up(db, dialect) {
    await db.schema.alterTable('tradein_redemptions').addColumn('store_id', bigint).execute();
    // Metrics count by window and kind; settlement picks by merchant, status and period end.
    await db.schema.createIndex('tradein_redemptions_created').on('tradein_redemptions').columns(['created_at']).execute();
    await db.schema.createIndex('tradein_redemptions_merchant_status').on('tradein_redemptions').columns(['merchant_id', 'status', 'created_at']).execute();
    await db.schema.createIndex('tradein_redemptions_holder_created').on('tradein_redemptions').columns(['holder_user_id', 'created_at']).execute();

    await db.schema
      .createTable('tradein_risk_rules')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('params_json', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_by', bigint)
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await withId(db.schema.createTable('tradein_risk_rule_versions'), dialect)
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('params_json', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_by', bigint)
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('tradein_risk_rule_versions_key', ['code', 'version'])
      .execute();
    // The shipped thresholds are data, seeded once as version 1 of each rule; the office edits them later.
    const now = new Date().toISOString();
    for (const r of DEFAULT_RISK_RULES) {
      const row = { code: r.code, enabled: 1, action: r.action, score: r.score, params_json: JSON.stringify(r.params) };
      await db
        .insertInto('tradein_risk_rules')
        .values({ ...row, version: 1, updated_by: null, updated_at: now })
        .execute();
      await db
        .insertInto('tradein_risk_rule_versions')
        .values({ ...row, version: 1, note: 'shipped default', created_by: null, created_at: now })
        .execute();
    }

    await withId(db.schema.createTable('tradein_risk_signals'), dialect)
      .addColumn('redemption_id', bigint, (c) => c.notNull().references('tradein_redemptions.id'))
      .addColumn('organization_id', bigint, (c) => c.notNull())
      .addColumn('holder_user_id', bigint, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull())
      .addColumn('mask', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('tradein_risk_signals_merchant_key')
      .on('tradein_risk_signals')
      .columns(['organization_id', 'kind', 'key_hash', 'created_at'])
      .execute();
    await db.schema.createIndex('tradein_risk_signals_key').on('tradein_risk_signals').columns(['kind', 'key_hash']).execute();
    await db.schema.createIndex('tradein_risk_signals_redemption').on('tradein_risk_signals').column('redemption_id').execute();

    await withId(db.schema.createTable('tradein_device_sightings'), dialect)
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('user_id', bigint)
      .addColumn('voucher_id', bigint)
      .addColumn('redemption_id', bigint)
      .addColumn('device_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('tradein_device_sightings_voucher').on('tradein_device_sightings').columns(['voucher_id', 'event']).execute();

    await withId(db.schema.createTable('tradein_risk_flags'), dialect)
      .addColumn('redemption_id', bigint, (c) => c.notNull().references('tradein_redemptions.id'))
      .addColumn('rule_code', 'text', (c) => c.notNull())
      .addColumn('rule_version', 'integer', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('reason_key', 'text', (c) => c.notNull())
      .addColumn('params_json', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('tradein_risk_flags_once', ['redemption_id', 'rule_code'])
      .execute();
    await db.schema.createIndex('tradein_risk_flags_rule').on('tradein_risk_flags').columns(['rule_code', 'created_at']).execute();

    await db.schema
      .createTable('tradein_risk_reviews')
      .addColumn('redemption_id', bigint, (c) => c.primaryKey().references('tradein_redemptions.id'))
      .addColumn('program_id', bigint, (c) => c.notNull())
      .addColumn('organization_id', bigint, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('flagged_at', 'text', (c) => c.notNull())
      .addColumn('decided_by', bigint)
      .addColumn('decided_at', 'text')
      .addColumn('note', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('tradein_risk_reviews_queue').on('tradein_risk_reviews').columns(['status', 'score', 'flagged_at']).execute();

    await withId(db.schema.createTable('tradein_risk_decisions'), dialect)
      .addColumn('redemption_id', bigint, (c) => c.notNull().references('tradein_redemptions.id'))
      .addColumn('decision', 'text', (c) => c.notNull())
      .addColumn('from_status', 'text', (c) => c.notNull())
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('decided_by', bigint)
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('tradein_risk_decisions_redemption').on('tradein_risk_decisions').column('redemption_id').execute();

    await withId(db.schema.createTable('tradein_settlement_batches'), dialect)
      .addColumn('merchant_id', bigint, (c) => c.notNull().references('tradein_merchants.id'))
      .addColumn('organization_id', bigint, (c) => c.notNull())
      .addColumn('program_id', bigint, (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('subsidy_fen', bigint, (c) => c.notNull())
      .addColumn('subsidy_count', 'integer', (c) => c.notNull())
      .addColumn('clawback_fen', bigint, (c) => c.notNull())
      .addColumn('clawback_count', 'integer', (c) => c.notNull())
      .addColumn('net_fen', bigint, (c) => c.notNull())
      .addColumn('bank_name', 'text', (c) => c.notNull())
      .addColumn('account_name', 'text', (c) => c.notNull())
      .addColumn('bank_account_enc', 'text', (c) => c.notNull())
      .addColumn('bank_account_mask', 'text', (c) => c.notNull())
      .addColumn('created_by', bigint)
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('approved_by', bigint)
      .addColumn('approved_at', 'text')
      .addColumn('confirmed_by', bigint)
      .addColumn('confirmed_at', 'text')
      .addColumn('paid_by', bigint)
      .addColumn('paid_at', 'text')
      .addColumn('payment_reference', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      // One batch per merchant and month: creating it twice (a retry, the job and an official) finds the first.
      .addUniqueConstraint('tradein_settlement_batches_period', ['merchant_id', 'period'])
      .addCheckConstraint('tradein_settlement_batches_amounts', sql`net_fen >= 0 and net_fen = subsidy_fen - clawback_fen`)
      .execute();
    await db.schema.createIndex('tradein_settlement_batches_status').on('tradein_settlement_batches').columns(['program_id', 'status']).execute();

    await db.schema
      .createTable('tradein_settlement_lines')
      .addColumn('batch_id', bigint, (c) => c.notNull().references('tradein_settlement_batches.id'))
      .addColumn('redemption_id', bigint, (c) => c.notNull().references('tradein_redemptions.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('amount_fen', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('tradein_settlement_lines_pk', ['batch_id', 'redemption_id', 'kind'])
      .execute();
    // A subsidy is paid once and clawed back once, whatever the batches: the database holds it.
    await db.schema.createIndex('tradein_settlement_lines_once').on('tradein_settlement_lines').columns(['redemption_id', 'kind']).unique().execute();
  },
};
