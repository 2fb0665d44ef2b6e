import type { Generated } from 'kysely';

/**
 * Table types of the trade-in module. Money is integer fen, rates are basis points (1500 = 15%), timestamps are
 * ISO-8601 UTC text, dates YYYY-MM-DD (Asia/Shanghai), booleans integers, JSON text.
 */

export type ProgramKind = 'appliance' | 'digital' | 'home_renovation';
export type ProgramStatus = 'draft' | 'active' | 'closed';
/** How rate × price becomes fen: rounded half up to the fen (or truncated), then capped. */
export type SubsidyRounding = 'half_up' | 'down';
export type ManagerCapability = 'manage' | 'confirm_payment';
export type MerchantStatus = 'pending' | 'approved' | 'rejected' | 'suspended';
export type VoucherStatus = 'active' | 'redeemed' | 'expired' | 'cancelled';
/**
 * accepted: counted for settlement; held: stopped by risk control (§5, later); rejected: refused after review;
 * reversed: the product was returned or refunded.
 */
export type RedemptionStatus = 'accepted' | 'held' | 'rejected' | 'reversed';

/** Organisations granted trade-in management: 市商务局 manages, 市财政局 confirms payments (seeded, editable). */
export interface TradeinManagerTable {
  organization_id: number;
  capability: ManagerCapability;
  granted_by: number | null;
  granted_at: string;
}

export interface TradeinProgramTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: ProgramKind;
  status: ProgramStatus;
  /** Inclusive validity window, Asia/Shanghai dates. */
  valid_from: string;
  valid_to: string;
  budget_central_fen: number;
  budget_provincial_fen: number;
  budget_city_fen: number;
  /** Sum of the subsidies of accepted and held redemptions; never above the total budget. */
  budget_used_fen: number;
  voucher_valid_days: number;
  /** HH:MM Asia/Shanghai: when the daily releases open. */
  release_time: string;
  rounding: SubsidyRounding;
  /** 1 when the values are an example configuration for the office to edit, not an official rule. */
  is_example: number;
  source_note: string | null;
  created_at: string;
  updated_at: string;
}

/** An eligible category of a programme, pointing at its current rule version. */
export interface TradeinCategoryTable {
  program_id: number;
  category: string;
  name: string;
  current_rule_version_id: number;
  /** Vouchers released each day by the schedule; 0 = no automatic release. */
  daily_quota: number;
  sort_order: number;
}

/** Every rule a category ever had; vouchers point at the version they were issued under. Never updated. */
export interface TradeinRuleVersionTable {
  id: Generated<number>;
  program_id: number;
  category: string;
  version: number;
  /** The rule as JSON (see programs/rules.ts `categoryRuleSchema`). */
  rule_json: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
}

export interface TradeinMerchantTable {
  id: Generated<number>;
  organization_id: number;
  program_id: number;
  status: MerchantStatus;
  bank_name: string;
  account_name: string;
  bank_account_enc: string;
  bank_account_hash: string;
  bank_account_mask: string;
  review_note: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  applied_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface TradeinMerchantCategoryTable {
  merchant_id: number;
  category: string;
}

export interface TradeinStoreTable {
  id: Generated<number>;
  merchant_id: number;
  name: string;
  town_id: number;
  address: string;
}

export interface TradeinProductTable {
  id: Generated<number>;
  organization_id: number;
  category: string;
  brand: string;
  model: string;
  /** Energy or water efficiency grade 1–5; null where the category has none (digital products, packages). */
  efficiency_grade: number | null;
  reference_price_fen: number;
  status: 'active' | 'withdrawn';
  created_at: string;
  updated_at: string;
}

export interface TradeinPoolTable {
  id: Generated<number>;
  program_id: number;
  category: string;
  /** Vouchers this release may issue (schedule quota plus quota returned by expired vouchers). */
  quota: number;
  /** Vouchers issued so far; a CHECK keeps it within 0..quota. */
  issued: number;
  /** Part of the quota that came back from expired vouchers of earlier releases. */
  returned_quota: number;
  opens_at: string;
  closes_at: string;
  source: 'manual' | 'schedule';
  /** programId:category:date for scheduled releases: the unique key that makes the daily job idempotent. */
  release_key: string | null;
  created_by: number | null;
  created_at: string;
}

export interface TradeinVoucherTable {
  id: Generated<number>;
  code: string;
  program_id: number;
  category: string;
  pool_id: number;
  holder_user_id: number;
  rule_version_id: number;
  status: VoucherStatus;
  issued_at: string;
  expires_at: string;
  redeemed_at: string | null;
  /** Set once an expired voucher's quota has been added to a later release. */
  quota_returned_pool_id: number | null;
  updated_at: string;
}

export interface TradeinRedemptionTable {
  id: Generated<number>;
  voucher_id: number;
  program_id: number;
  category: string;
  merchant_id: number;
  organization_id: number;
  product_id: number;
  holder_user_id: number;
  rule_version_id: number;
  /** Serial number / IMEI as entered; `serial_key` is its normalised form, unique for ever. */
  serial_number: string;
  serial_key: string;
  invoice_number: string;
  price_fen: number;
  subsidy_fen: number;
  rate_bp: number;
  old_item_proof_kind: 'manual' | 'recycling' | null;
  old_item_proof_ref: string | null;
  old_item_attachment_id: number | null;
  status: RedemptionStatus;
  /** Filled by settlement (§6) when the redemption is put in a payment batch. */
  settlement_batch_id: number | null;
  /** 1 when a settled redemption was reversed: the next settlement deducts it (claw-back). */
  clawback_pending: number;
  reversal_reason: string | null;
  reversed_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface TradeinTables {
  tradein_managers: TradeinManagerTable;
  tradein_programs: TradeinProgramTable;
  tradein_categories: TradeinCategoryTable;
  tradein_rule_versions: TradeinRuleVersionTable;
  tradein_merchants: TradeinMerchantTable;
  tradein_merchant_categories: TradeinMerchantCategoryTable;
  tradein_stores: TradeinStoreTable;
  tradein_products: TradeinProductTable;
  tradein_pools: TradeinPoolTable;
  tradein_vouchers: TradeinVoucherTable;
  tradein_redemptions: TradeinRedemptionTable;
}
