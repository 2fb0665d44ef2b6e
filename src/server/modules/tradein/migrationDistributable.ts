import { sql, type SqlBool } from 'kysely';
import { distributableKeysMigration, type ReferencingKey } from '../../db/distributable.js';
import { bigint, type ModuleMigration } from '../../db/migrations.js';

// The rest of the trade-in tables made Citus-distributable (issue 15, test/citus/REPORT.md, layout in
// test/citus/layout/tradein.ts): everything a resident holds is colocated by the holder's user id.

const byHolder = (table: string, via: string, constraint = `${table}_${via}_fkey`): ReferencingKey => ({
  table,
  constraint,
  column: 'holder_user_id',
  via,
});

/**
 * Keys and foreign keys (PostgreSQL only, see db/distributable.ts). What the dropped foreign keys held is held
 * elsewhere: a pool is read in the claim transaction before any voucher is inserted for it (claimBatch.ts
 * loadPools: no pool, no voucher) and its row is locked and bumped there (grantWithinQuota), a queue place is
 * taken only after the pool was read (claimService.ts takePlace), and pools are never deleted; a fulfilment's
 * photos are checked to be the merchant's own attachments when they are linked (fulfilment/service.ts
 * checkPhoto), and attachments are never deleted. The widened unique keys hold what they held: the holder is a
 * function of the voucher and of the redemption, which the composite foreign keys now enforce.
 */
export const migrationDistributableKeys = distributableKeysMigration('20261203_1800', 'tradein', {
  childColumns: [
    { table: 'tradein_risk_flags', column: 'holder_user_id', parent: 'tradein_redemptions', via: 'redemption_id' },
    { table: 'tradein_risk_reviews', column: 'holder_user_id', parent: 'tradein_redemptions', via: 'redemption_id' },
    { table: 'tradein_settlement_lines', column: 'holder_user_id', parent: 'tradein_redemptions', via: 'redemption_id' },
  ],
  droppedForeignKeys: [
    // Pools are a colocation group of their own (their `issued` counter is the hot row of a release).
    { table: 'tradein_vouchers', constraint: 'tradein_vouchers_pool_id_fkey' },
    { table: 'tradein_claim_queue', constraint: 'tradein_claim_queue_pool_id_fkey' },
    { table: 'tradein_fulfilments', constraint: 'tradein_fulfilments_delivery_attachment_id_fkey' },
    { table: 'tradein_fulfilments', constraint: 'tradein_fulfilments_installation_attachment_id_fkey' },
  ],
  primaryKeys: [
    {
      table: 'tradein_vouchers',
      column: 'holder_user_id',
      referencedBy: [
        byHolder('tradein_redemptions', 'voucher_id'),
        byHolder('tradein_online_orders', 'voucher_id'),
        // The queue names the resident `user_id`: the place's voucher is that resident's.
        { table: 'tradein_claim_queue', constraint: 'tradein_claim_queue_voucher_id_fkey', column: 'user_id', via: 'voucher_id' },
      ],
    },
    {
      table: 'tradein_redemptions',
      column: 'holder_user_id',
      referencedBy: [
        byHolder('tradein_risk_signals', 'redemption_id'),
        byHolder('tradein_risk_flags', 'redemption_id'),
        byHolder('tradein_risk_reviews', 'redemption_id'),
        byHolder('tradein_settlement_lines', 'redemption_id'),
        byHolder('tradein_online_orders', 'redemption_id'),
        byHolder('tradein_fulfilments', 'redemption_id'),
        byHolder('tradein_after_sales_cases', 'redemption_id'),
      ],
    },
    { table: 'tradein_fulfilments', column: 'holder_user_id', key: ['redemption_id'] },
    { table: 'tradein_risk_reviews', column: 'holder_user_id', key: ['redemption_id'] },
    { table: 'tradein_risk_flags', column: 'holder_user_id' },
    {
      table: 'tradein_settlement_lines',
      column: 'holder_user_id',
      key: ['batch_id', 'redemption_id', 'kind'],
      constraint: 'tradein_settlement_lines_pk',
    },
  ],
  uniqueKeys: [
    {
      table: 'tradein_after_sales_cases',
      column: 'holder_user_id',
      name: 'tradein_after_sales_one_open_return',
      kind: 'index',
      columns: ['redemption_id'],
      where: sql<SqlBool>`kind = 'return' and status in ('open', 'responded')`,
    },
    {
      table: 'tradein_online_orders',
      column: 'holder_user_id',
      name: 'tradein_online_orders_one_waiting',
      kind: 'index',
      columns: ['voucher_id'],
      where: sql<SqlBool>`status = 'awaiting_confirmation'`,
    },
    // Unique per store across holders is tradein_online_order_numbers' (next migration); this one finds an order by
    // its holder, store and number.
    {
      table: 'tradein_online_orders',
      column: 'holder_user_id',
      name: 'tradein_online_orders_number',
      kind: 'constraint',
      columns: ['online_store_id', 'order_number'],
    },
    {
      table: 'tradein_redemptions',
      column: 'holder_user_id',
      name: 'tradein_redemptions_one_per_voucher',
      kind: 'index',
      columns: ['voucher_id'],
      where: sql<SqlBool>`status <> 'reversed'`,
    },
    { table: 'tradein_risk_flags', column: 'holder_user_id', name: 'tradein_risk_flags_once', kind: 'constraint', columns: ['redemption_id', 'rule_code'] },
    { table: 'tradein_settlement_lines', column: 'holder_user_id', name: 'tradein_settlement_lines_once', kind: 'index', columns: ['redemption_id', 'kind'] },
  ],
});

/**
 * The keys unique across holders, which Citus cannot enforce on a table distributed by the holder: each moves to a
 * lookup table whose primary key is that key, distributed by it (its one shard decides between two sales racing
 * for it), naming the holder and the record. Created and filled on both databases (the services write them on
 * both); the old global keys are dropped on PostgreSQL only, on SQLite they hold the same thing and stay.
 */
export const migrationUniqueLookups: ModuleMigration = {
  name: '20261203_1810_tradein_unique_lookups',
  async up(db, dialect) {
    // A serial number subsidised once while the subsidy stands: every key the redemptions hold, retired ones included
    // (a reversal deletes the row of the key it retires, see redemptions/saleKeys.ts).
    await db.schema
      .createTable('tradein_redemption_serials')
      .addColumn('serial_key', 'text', (c) => c.primaryKey())
      .addColumn('holder_user_id', bigint, (c) => c.notNull())
      .addColumn('redemption_id', bigint, (c) => c.notNull())
      .execute();
    await db
      .insertInto('tradein_redemption_serials')
      .columns(['serial_key', 'holder_user_id', 'redemption_id'])
      .expression(db.selectFrom('tradein_redemptions').select(['serial_key', 'holder_user_id', 'id']))
      .execute();
    // An invoice backs one sale, for ever (a reversed sale keeps its invoice).
    await db.schema
      .createTable('tradein_redemption_invoices')
      .addColumn('invoice_number', 'text', (c) => c.primaryKey())
      .addColumn('holder_user_id', bigint, (c) => c.notNull())
      .addColumn('redemption_id', bigint, (c) => c.notNull())
      .execute();
    await db
      .insertInto('tradein_redemption_invoices')
      .columns(['invoice_number', 'holder_user_id', 'redemption_id'])
      .expression(db.selectFrom('tradein_redemptions').select(['invoice_number', 'holder_user_id', 'id']))
      .execute();
    // An order number is unique per online store, for ever, whichever resident's voucher it was entered against.
    await db.schema
      .createTable('tradein_online_order_numbers')
      .addColumn('online_store_id', bigint, (c) => c.notNull())
      .addColumn('order_number', 'text', (c) => c.notNull())
      .addColumn('holder_user_id', bigint, (c) => c.notNull())
      .addColumn('online_order_id', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('tradein_online_order_numbers_pkey', ['online_store_id', 'order_number'])
      .execute();
    await db
      .insertInto('tradein_online_order_numbers')
      .columns(['online_store_id', 'order_number', 'holder_user_id', 'online_order_id'])
      .expression(db.selectFrom('tradein_online_orders').select(['online_store_id', 'order_number', 'holder_user_id', 'id']))
      .execute();
    if (dialect !== 'postgres') return;
    await db.schema.alterTable('tradein_redemptions').dropConstraint('tradein_redemptions_serial_key_key').execute();
    await db.schema.alterTable('tradein_redemptions').dropConstraint('tradein_redemptions_invoice_number_key').execute();
  },
};

/**
 * The last two global keys of trade-in, as lookup tables like the ones above (both databases; the old unique keys
 * dropped on PostgreSQL only): a voucher code is unique across every holder for ever (a merchant scans it without
 * knowing whose it is), and a scheduled release key makes each day's pool once (the daily release job may run in
 * several processes). The claim batch writes the codes of the vouchers it inserts in one more statement.
 */
export const migrationVoucherCodesAndReleases: ModuleMigration = {
  name: '20261203_1820_tradein_voucher_codes_and_releases',
  async up(db, dialect) {
    await db.schema
      .createTable('tradein_voucher_codes')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('holder_user_id', bigint, (c) => c.notNull())
      .addColumn('voucher_id', bigint, (c) => c.notNull())
      .execute();
    await db
      .insertInto('tradein_voucher_codes')
      .columns(['code', 'holder_user_id', 'voucher_id'])
      .expression(db.selectFrom('tradein_vouchers').select(['code', 'holder_user_id', 'id']))
      .execute();
    await db.schema
      .createTable('tradein_pool_releases')
      .addColumn('release_key', 'text', (c) => c.primaryKey())
      .addColumn('pool_id', bigint, (c) => c.notNull())
      .execute();
    await db
      .insertInto('tradein_pool_releases')
      .columns(['release_key', 'pool_id'])
      .expression(db.selectFrom('tradein_pools').select(['release_key', 'id']).where('release_key', 'is not', null))
      .execute();
    if (dialect !== 'postgres') return;
    await db.schema.alterTable('tradein_vouchers').dropConstraint('tradein_vouchers_code_key').execute();
    // Vouchers are still read by code (a merchant's scan, an online order): a plain index instead of the unique one.
    await db.schema.createIndex('tradein_vouchers_code').on('tradein_vouchers').column('code').execute();
    await db.schema.alterTable('tradein_pools').dropConstraint('tradein_pools_release_key_key').execute();
  },
};
