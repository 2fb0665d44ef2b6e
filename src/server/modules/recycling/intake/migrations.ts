import { sql } from 'kysely';
import { bigint, withId, type ModuleMigration } from '../../../db/migrations.js';

export const intakeMigrations: ModuleMigration[] = [
  {
    // Sites' intake records; a new table, nothing to fill. The CHECKs hold what every record must be whatever
    // wrote it: units for appliances and weight for the rest, a seller identified by its kind, a void with its reason.
    name: '20261201_1501_recycling_intake_records',
    async up(db, dialect) {
      await withId(db.schema.createTable('recycling_intake_records'), dialect)
        .addColumn('site_id', bigint, (c) => c.notNull().references('recycling_sites.id'))
        .addColumn('recycler_organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('town_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('recorded_by', bigint, (c) => c.notNull().references('users.id'))
        .addColumn('material', 'text', (c) => c.notNull())
        .addColumn('appliance_category', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('production_scrap', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('weight_kg', 'double precision')
        .addColumn('units', 'integer')
        .addColumn('price_fen', bigint, (c) => c.notNull())
        .addColumn('taken_in_on', 'text', (c) => c.notNull())
        .addColumn('seller_name', 'text', (c) => c.notNull())
        .addColumn('seller_credit_code', 'text')
        .addColumn('seller_id_enc', 'text')
        .addColumn('seller_id_lookup', 'text')
        .addColumn('seller_id_mask', 'text')
        .addColumn('seller_contact_name', 'text')
        .addColumn('seller_contact_phone_enc', 'text')
        .addColumn('seller_contact_phone_mask', 'text')
        .addColumn('keep_until', 'text')
        .addColumn('note', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('voided_by', bigint)
        .addColumn('voided_at', 'text')
        .addColumn('void_reason', 'text')
        .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addCheckConstraint(
          'recycling_intake_quantity',
          sql`(material = 'appliances' and units > 0 and weight_kg is null and appliance_category is not null) or (material <> 'appliances' and units is null and weight_kg > 0 and appliance_category is null)`,
        )
        .addCheckConstraint('recycling_intake_price', sql`price_fen >= 0`)
        .addCheckConstraint(
          'recycling_intake_status',
          sql`status in ('recorded', 'void') and ((status = 'void') = (voided_at is not null and void_reason is not null))`,
        )
        .addCheckConstraint(
          'recycling_intake_seller',
          sql`(source = 'enterprise' and seller_credit_code is not null) or (source = 'individual' and seller_id_enc is not null and seller_id_lookup is not null and seller_id_mask is not null)`,
        )
        .addCheckConstraint(
          'recycling_intake_scrap',
          sql`production_scrap = 0 or (source = 'enterprise' and material in ('steel', 'non_ferrous') and seller_contact_name is not null and seller_contact_phone_enc is not null and keep_until is not null)`,
        )
        .execute();
      await db.schema
        .createIndex('recycling_intake_recycler_date')
        .on('recycling_intake_records')
        .columns(['recycler_organization_id', 'taken_in_on'])
        .execute();
      await db.schema.createIndex('recycling_intake_site_date').on('recycling_intake_records').columns(['site_id', 'taken_in_on']).execute();
      await db.schema.createIndex('recycling_intake_town_date').on('recycling_intake_records').columns(['town_id', 'taken_in_on']).execute();
    },
  },
  {
    // Reverse invoices (one per purchase from an individual) and each seller's yearly total across recyclers.
    name: '20261201_1502_recycling_reverse_invoices',
    async up(db, dialect) {
      await withId(db.schema.createTable('recycling_reverse_invoices'), dialect)
        .addColumn('intake_id', bigint, (c) => c.notNull().unique().references('recycling_intake_records.id'))
        .addColumn('recycler_organization_id', bigint, (c) => c.notNull().references('organizations.id'))
        .addColumn('seller_name', 'text', (c) => c.notNull())
        .addColumn('seller_id_enc', 'text', (c) => c.notNull())
        .addColumn('seller_id_lookup', 'text', (c) => c.notNull())
        .addColumn('seller_id_mask', 'text', (c) => c.notNull())
        .addColumn('issued_on', 'text', (c) => c.notNull())
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('price_fen', bigint, (c) => c.notNull())
        .addColumn('amount_fen', bigint, (c) => c.notNull())
        .addColumn('vat_fen', bigint, (c) => c.notNull())
        .addColumn('income_tax_fen', bigint, (c) => c.notNull())
        .addColumn('net_paid_fen', bigint, (c) => c.notNull())
        .addColumn('vat_rate_bp', 'integer', (c) => c.notNull())
        .addColumn('income_tax_rate_bp', 'integer', (c) => c.notNull())
        .addColumn('annual_limit_fen', bigint, (c) => c.notNull())
        .addColumn('year_total_fen', bigint, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('voided_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint(
          'recycling_reverse_invoices_figures',
          sql`amount_fen >= 0 and vat_fen >= 0 and income_tax_fen >= 0 and amount_fen + vat_fen = price_fen and net_paid_fen = price_fen - vat_fen - income_tax_fen`,
        )
        .addCheckConstraint('recycling_reverse_invoices_status', sql`status in ('issued', 'void') and ((status = 'void') = (voided_at is not null))`)
        .execute();
      await db.schema.createIndex('recycling_reverse_invoices_month').on('recycling_reverse_invoices').columns(['recycler_organization_id', 'month']).execute();
      await db.schema.createIndex('recycling_reverse_invoices_seller').on('recycling_reverse_invoices').columns(['seller_id_lookup', 'year']).execute();
      await db.schema
        .createTable('recycling_reverse_invoice_totals')
        .addColumn('seller_id_lookup', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('total_fen', bigint, (c) => c.notNull())
        .addColumn('invoice_count', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('recycling_reverse_invoice_totals_pk', ['seller_id_lookup', 'year'])
        .addCheckConstraint('recycling_reverse_invoice_totals_sane', sql`total_fen >= 0 and invoice_count >= 0`)
        .execute();
    },
  },
];
