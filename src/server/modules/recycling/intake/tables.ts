import type { Generated } from 'kysely';
import type { IntakeMaterial, IntakeSource, IntakeStatus, ReverseInvoiceStatus } from '../../../../shared/enums/recyclingIntake.js';

/**
 * What a site took in (再生资源回收登记): material, seller, quantity and price. Appliances are counted in units with
 * their category, everything else by weight. Personal data are sealed with a lookup hash and a mask beside them.
 * Records are never deleted (production scrap metal records must be kept two years); a mistake is voided.
 */
export interface RecyclingIntakeRecordTable {
  id: Generated<number>;
  site_id: number;
  /** The site's operator at the time (the recycler that recorded it). */
  recycler_organization_id: number;
  /** The site's town at the time: the metric counts by it. */
  town_id: number;
  recorded_by: number;
  material: IntakeMaterial;
  /** For appliances: a category of RECYCLING_APPLIANCE_CATEGORIES. */
  appliance_category: string | null;
  source: IntakeSource;
  /** Production scrap metal (生产性废旧金属) bought from an enterprise: its seller's identity is kept. */
  production_scrap: number;
  weight_kg: number | null;
  units: number | null;
  /** What the recycler paid, VAT included (价税合计), in fen. */
  price_fen: number;
  taken_in_on: string;
  seller_name: string;
  /** Enterprise sellers' unified social credit code. */
  seller_credit_code: string | null;
  /** Individual sellers' citizen ID number: sealed, its keyed lookup hash, and its mask. */
  seller_id_enc: string | null;
  seller_id_lookup: string | null;
  seller_id_mask: string | null;
  seller_contact_name: string | null;
  seller_contact_phone_enc: string | null;
  seller_contact_phone_mask: string | null;
  /** Until when the record must at least be kept (production scrap: two years). */
  keep_until: string | null;
  note: string | null;
  status: IntakeStatus;
  voided_by: number | null;
  voided_at: string | null;
  void_reason: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

/**
 * The reverse invoice (反向开票) of a purchase from an individual: one per intake record, written in its
 * transaction, with the rates in force then and the figures they gave.
 */
export interface RecyclingReverseInvoiceTable {
  id: Generated<number>;
  intake_id: number;
  recycler_organization_id: number;
  seller_name: string;
  seller_id_enc: string;
  seller_id_lookup: string;
  seller_id_mask: string;
  /** The intake date; its month is the filing month, its Shanghai calendar year the seller's limit year. */
  issued_on: string;
  month: string;
  year: number;
  price_fen: number;
  amount_fen: number;
  vat_fen: number;
  income_tax_fen: number;
  net_paid_fen: number;
  vat_rate_bp: number;
  income_tax_rate_bp: number;
  /** The yearly limit in force when it was issued, and the seller's total (VAT excluded) with this invoice. */
  annual_limit_fen: number;
  year_total_fen: number;
  status: ReverseInvoiceStatus;
  voided_at: string | null;
  created_at: string;
}

/**
 * An individual seller's reverse-invoiced sales in one calendar year, across all recyclers: the row every purchase
 * updates with a conditional `total_fen + amount <= limit`, so two purchases racing cannot both pass the limit.
 */
export interface RecyclingReverseInvoiceTotalTable {
  seller_id_lookup: string;
  year: number;
  total_fen: number;
  invoice_count: number;
  updated_at: string;
}

export interface IntakeTables {
  recycling_intake_records: RecyclingIntakeRecordTable;
  recycling_reverse_invoices: RecyclingReverseInvoiceTable;
  recycling_reverse_invoice_totals: RecyclingReverseInvoiceTotalTable;
}
