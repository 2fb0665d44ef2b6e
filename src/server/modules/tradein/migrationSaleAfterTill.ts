import { sql } from 'kysely';
import { bigint, withId, type ModuleMigration } from '../../db/migrations.js';

/**
 * The sale beyond the till (saleTables.ts): online stores and orders, the fulfilment of every sale, after-sales
 * cases, showrooms. Every sale made before keeps being settleable: it gets a fulfilment row that says so.
 */
export const migrationSaleAfterTill: ModuleMigration = {
  name: '20261202_0100_tradein_online_fulfilment_after_sales',
  async up(db, dialect) {
    await db.schema
      .alterTable('tradein_redemptions')
      .addColumn('channel', 'text', (c) => c.notNull().defaultTo('store'))
      .execute();
    await db.schema.alterTable('tradein_redemptions').addColumn('online_order_id', bigint).execute();

    await withId(db.schema.createTable('tradein_online_stores'), dialect)
      .addColumn('merchant_id', bigint, (c) => c.notNull().references('tradein_merchants.id'))
      .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
      .addColumn('platform', 'text', (c) => c.notNull())
      .addColumn('shop_name', 'text', (c) => c.notNull())
      .addColumn('shop_url', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_by', bigint)
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      // One shop is enrolled once per programme enrolment.
      .addUniqueConstraint('tradein_online_stores_shop', ['merchant_id', 'platform', 'shop_url'])
      .execute();
    await db.schema.createIndex('tradein_online_stores_org').on('tradein_online_stores').columns(['organization_id']).execute();
    await db.schema
      .createTable('tradein_online_store_categories')
      .addColumn('online_store_id', bigint, (c) => c.notNull().references('tradein_online_stores.id'))
      .addColumn('category', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('tradein_online_store_categories_pk', ['online_store_id', 'category'])
      .execute();

    await withId(db.schema.createTable('tradein_online_orders'), dialect)
      .addColumn('online_store_id', bigint, (c) => c.notNull().references('tradein_online_stores.id'))
      .addColumn('merchant_id', bigint, (c) => c.notNull().references('tradein_merchants.id'))
      .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
      .addColumn('voucher_id', bigint, (c) => c.notNull().references('tradein_vouchers.id'))
      .addColumn('holder_user_id', bigint, (c) => c.notNull().references('users.id'))
      .addColumn('product_id', bigint, (c) => c.notNull().references('tradein_products.id'))
      .addColumn('order_number', 'text', (c) => c.notNull())
      .addColumn('serial_number', 'text', (c) => c.notNull())
      .addColumn('invoice_number', 'text', (c) => c.notNull())
      .addColumn('price_fen', bigint, (c) => c.notNull())
      .addColumn('delivery_town_id', bigint, (c) => c.notNull().references('organizations.id'))
      .addColumn('delivery_address_enc', 'text', (c) => c.notNull())
      .addColumn('delivery_address_mask', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('redemption_id', bigint, (c) => c.references('tradein_redemptions.id'))
      .addColumn('decided_at', 'text')
      .addColumn('created_by', bigint)
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('tradein_online_orders_number', ['online_store_id', 'order_number'])
      .execute();
    await db.schema.createIndex('tradein_online_orders_holder').on('tradein_online_orders').columns(['holder_user_id', 'status']).execute();
    await db.schema.createIndex('tradein_online_orders_org').on('tradein_online_orders').columns(['organization_id', 'created_at']).execute();
    await db.schema.createIndex('tradein_online_orders_expiry').on('tradein_online_orders').columns(['status', 'expires_at']).execute();
    // One order waiting for the resident per voucher: a second merchant cannot queue behind the first.
    await db.schema
      .createIndex('tradein_online_orders_one_waiting')
      .on('tradein_online_orders')
      .column('voucher_id')
      .unique()
      .where(sql.ref('status'), '=', 'awaiting_confirmation')
      .execute();

    await db.schema
      .createTable('tradein_fulfilments')
      .addColumn('redemption_id', bigint, (c) => c.primaryKey().references('tradein_redemptions.id'))
      .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
      .addColumn('merchant_id', bigint, (c) => c.notNull().references('tradein_merchants.id'))
      .addColumn('holder_user_id', bigint, (c) => c.notNull().references('users.id'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('needs_installation', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('delivery_town_id', bigint, (c) => c.references('organizations.id'))
      .addColumn('delivery_address_enc', 'text')
      .addColumn('delivery_address_mask', 'text')
      .addColumn('due_at', 'text')
      .addColumn('delivered_at', 'text')
      .addColumn('delivery_confirmed_by', 'text')
      .addColumn('delivery_attachment_id', bigint, (c) => c.references('attachments.id'))
      .addColumn('delivery_minutes', 'integer')
      .addColumn('installed_at', 'text')
      .addColumn('installer_name', 'text')
      .addColumn('installation_attachment_id', bigint, (c) => c.references('attachments.id'))
      .addColumn('installation_minutes', 'integer')
      .addColumn('settleable_at', 'text')
      .addColumn('overdue_notified_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // Settlement picks a merchant's settleable sales by time; the overdue check walks awaiting ones by due time.
    await db.schema.createIndex('tradein_fulfilments_merchant').on('tradein_fulfilments').columns(['merchant_id', 'status', 'settleable_at']).execute();
    await db.schema.createIndex('tradein_fulfilments_due').on('tradein_fulfilments').columns(['status', 'due_at']).execute();
    await db.schema.createIndex('tradein_fulfilments_org').on('tradein_fulfilments').columns(['organization_id', 'status']).execute();
    await db.schema.createIndex('tradein_fulfilments_holder').on('tradein_fulfilments').columns(['holder_user_id', 'status']).execute();
    // Sales made before: carried out of the store, settleable since they were made (reversed ones cancelled).
    await db
      .insertInto('tradein_fulfilments')
      .columns([
        'redemption_id',
        'organization_id',
        'merchant_id',
        'holder_user_id',
        'channel',
        'status',
        'needs_installation',
        'settleable_at',
        'created_at',
        'updated_at',
      ])
      .expression((eb) =>
        eb
          .selectFrom('tradein_redemptions')
          .select([
            'id',
            'organization_id',
            'merchant_id',
            'holder_user_id',
            sql.lit('store').as('channel'),
            sql<string>`case when status = 'reversed' then 'cancelled' else 'settleable' end`.as('status'),
            sql.lit(0).as('needs_installation'),
            'created_at as settleable_at',
            'created_at',
            'created_at as updated_at',
          ]),
      )
      .execute();

    await withId(db.schema.createTable('tradein_after_sales_cases'), dialect)
      .addColumn('redemption_id', bigint, (c) => c.notNull().references('tradein_redemptions.id'))
      .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
      .addColumn('merchant_id', bigint, (c) => c.notNull().references('tradein_merchants.id'))
      .addColumn('holder_user_id', bigint, (c) => c.notNull().references('users.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'text', (c) => c.notNull())
      .addColumn('responded_at', 'text')
      .addColumn('response_note', 'text')
      .addColumn('resolved_at', 'text')
      .addColumn('outcome', 'text')
      .addColumn('rating', 'integer')
      .addColumn('rating_comment', 'text')
      .addColumn('rated_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('tradein_after_sales_rating', sql`rating is null or (rating >= 1 and rating <= 5)`)
      .execute();
    await db.schema.createIndex('tradein_after_sales_org').on('tradein_after_sales_cases').columns(['organization_id', 'status', 'opened_at']).execute();
    await db.schema.createIndex('tradein_after_sales_redemption').on('tradein_after_sales_cases').columns(['redemption_id']).execute();
    await db.schema.createIndex('tradein_after_sales_holder').on('tradein_after_sales_cases').columns(['holder_user_id', 'opened_at']).execute();
    // One open return per sale, whatever two requests do at once.
    await db.schema
      .createIndex('tradein_after_sales_one_open_return')
      .on('tradein_after_sales_cases')
      .column('redemption_id')
      .unique()
      .where(sql<boolean>`kind = 'return' and status in ('open', 'responded')`)
      .execute();

    await withId(db.schema.createTable('tradein_showrooms'), dialect)
      .addColumn('organization_id', bigint, (c) => c.notNull().references('organizations.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('town_id', bigint, (c) => c.references('organizations.id'))
      .addColumn('address', 'text')
      .addColumn('url', 'text')
      .addColumn('opening_hours', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_by', bigint)
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('tradein_showrooms_org').on('tradein_showrooms').columns(['organization_id']).execute();
    await db.schema.createIndex('tradein_showrooms_finder').on('tradein_showrooms').columns(['status', 'kind', 'town_id']).execute();
    await db.schema
      .createTable('tradein_showroom_programs')
      .addColumn('showroom_id', bigint, (c) => c.notNull().references('tradein_showrooms.id'))
      .addColumn('program_id', bigint, (c) => c.notNull().references('tradein_programs.id'))
      .addPrimaryKeyConstraint('tradein_showroom_programs_pk', ['showroom_id', 'program_id'])
      .execute();
  },
};
