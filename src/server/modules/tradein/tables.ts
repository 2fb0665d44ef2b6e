import type { Generated } from 'kysely';
import type {
  MerchantStatus,
  ProgramKind,
  RedemptionStatus,
  RiskReviewStatus,
  SaleChannel,
  SettlementBatchStatus,
  VoucherStatus,
} from '../../../shared/enums/tradein.js';

/**
 * Table types of the trade-in module. Money is integer fen, rates are basis points (1500 = 15%), timestamps are
 * ISO-8601 UTC text, dates YYYY-MM-DD (Asia/Shanghai), booleans integers, JSON text.
 */

export type { ProgramKind, MerchantStatus, VoucherStatus, RiskReviewStatus, SettlementBatchStatus, SaleChannel };
export type ProgramStatus = 'draft' | 'active' | 'closed';
/** How rate × price becomes fen: rounded half up to the fen (or truncated), then capped. */
export type SubsidyRounding = 'half_up' | 'down';
/**
 * accepted: counted for settlement; held: stopped by risk control until a reviewer decides; rejected: refused after review;
 * reversed: the product was returned or refunded.
 */
export type { RedemptionStatus };

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
  /** The programme this one continues (rolled over into a new window), if any. */
  rolled_over_from_id: number | null;
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

/** A resident's place in a release's queue while the database is busier than it can take (claimQueue.ts). */
export interface TradeinClaimQueueTable {
  id: Generated<number>;
  pool_id: number;
  user_id: number;
  /** Order of arrival within the pool: one more than the last place taken (ties possible between processes). */
  place: number;
  status: 'waiting' | 'claiming' | 'issued' | 'refused';
  /** Who claims, as the request that joined the queue saw them (the claim's audit record names them). */
  actor_json: string;
  request_id: string | null;
  ip: string | null;
  locale: string;
  /** The device the resident claimed on (X-Device-Id), for risk control once the voucher is issued; cleared then. */
  device_id: string | null;
  enqueued_at: string;
  /** When a process took the place to claim (a place taken by a process that died is put back). */
  started_at: string | null;
  done_at: string | null;
  voucher_id: number | null;
  error_code: string | null;
  /** The refusal's message parameters (a programme's end date): a JSON object. */
  error_params_json: string | null;
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
  /** Serial number / IMEI as entered; `serial_key` is its normalised form, unique while the subsidy stands (a reversed sale retires it, see retiredSerialKey). */
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
  /** Filled by settlement when the redemption is put in a merchant's monthly batch. */
  settlement_batch_id: number | null;
  /** 1 when a settled redemption was reversed: the next settlement deducts it (claw-back). */
  clawback_pending: number;
  reversal_reason: string | null;
  reversed_at: string | null;
  /** The store of the sale (migration 0210; the enrolment's first store when the till did not say); null for an online sale. */
  store_id: number | null;
  /** At a store's till, or online (then `online_order_id` is the order the resident confirmed). */
  channel: SaleChannel;
  online_order_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

// Risk control and settlement: tables of migration 0210.

/** The explainable risk rules (risk/rules.ts describes each one's parameters). */
export type RiskRuleCode =
  'price_markup' | 'shared_mobile_prefix' | 'shared_device' | 'shared_address' | 'merchant_burst' | 'old_item_proof_reuse' | 'resident_merchant_hopping';
/** What a firing rule does: put the redemption in the review queue, or also hold it at once. */
export type RiskRuleAction = 'review' | 'hold';
export type RiskSignalKind = 'mobile_prefix' | 'device' | 'address' | 'old_item_proof';
export type SettlementLineKind = 'subsidy' | 'clawback';

/** The current configuration of one risk rule; every change is also a row of tradein_risk_rule_versions. */
export interface TradeinRiskRuleTable {
  code: RiskRuleCode;
  enabled: number;
  action: RiskRuleAction;
  /** Added to the redemption's score when the rule fires; the review queue is ordered by score. */
  score: number;
  /** The rule's thresholds as JSON (risk/rules.ts `ruleParamsSchemas`). */
  params_json: string;
  version: number;
  updated_by: number | null;
  updated_at: string;
}

/** Every configuration a rule ever had. Never updated. */
export interface TradeinRiskRuleVersionTable {
  id: Generated<number>;
  code: RiskRuleCode;
  version: number;
  enabled: number;
  action: RiskRuleAction;
  score: number;
  params_json: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
}

/**
 * A keyed hash that links redemptions of different residents: a mobile prefix, the device the voucher was
 * claimed on, a delivery address, an old-item proof. Only hashes (and a mask for the reviewer) are kept.
 */
export interface TradeinRiskSignalTable {
  id: Generated<number>;
  redemption_id: number;
  organization_id: number;
  holder_user_id: number;
  kind: RiskSignalKind;
  key_hash: string;
  mask: string | null;
  created_at: string;
}

/** Where an `X-Device-Id` header was seen: at a claim (the resident's phone) or a redemption (the till). */
export interface TradeinDeviceSightingTable {
  id: Generated<number>;
  event: 'claim' | 'redemption';
  user_id: number | null;
  voucher_id: number | null;
  redemption_id: number | null;
  device_hash: string;
  created_at: string;
}

/** One rule that fired on one redemption, with the reason's message key and parameters. */
export interface TradeinRiskFlagTable {
  id: Generated<number>;
  redemption_id: number;
  /** The redemption's holder: the row lives on the redemption's shard (Citus). */
  holder_user_id: number;
  rule_code: RiskRuleCode;
  rule_version: number;
  score: number;
  reason_key: string;
  params_json: string;
  created_at: string;
}

/** The review of a flagged redemption (one per redemption): the queue is this table. */
export interface TradeinRiskReviewTable {
  redemption_id: number;
  /** The redemption's holder: the row lives on the redemption's shard (Citus). */
  holder_user_id: number;
  program_id: number;
  organization_id: number;
  status: RiskReviewStatus;
  score: number;
  flagged_at: string;
  decided_by: number | null;
  decided_at: string | null;
  note: string | null;
  updated_at: string;
}

/** One merchant enrolment's settlement for one month (Asia/Shanghai); unique per merchant and period. */
export interface TradeinSettlementBatchTable {
  id: Generated<number>;
  merchant_id: number;
  organization_id: number;
  program_id: number;
  /** YYYY-MM, Asia/Shanghai. */
  period: string;
  status: SettlementBatchStatus;
  subsidy_fen: number;
  subsidy_count: number;
  clawback_fen: number;
  clawback_count: number;
  /** subsidy − claw-back; never negative (claw-backs beyond the subsidy wait for a later batch). */
  net_fen: number;
  /** The payee as it was when the batch was made, so a later change of account does not move a payment. */
  bank_name: string;
  account_name: string;
  bank_account_enc: string;
  bank_account_mask: string;
  created_by: number | null;
  created_at: string;
  approved_by: number | null;
  approved_at: string | null;
  confirmed_by: number | null;
  confirmed_at: string | null;
  paid_by: number | null;
  paid_at: string | null;
  payment_reference: string | null;
  updated_at: string;
}

/** A redemption's subsidy paid in a batch (positive) or clawed back in a later one (negative). */
export interface TradeinSettlementLineTable {
  batch_id: number;
  redemption_id: number;
  /** The redemption's holder: the row lives on the redemption's shard (Citus). */
  holder_user_id: number;
  kind: SettlementLineKind;
  amount_fen: number;
}

/**
 * The serial keys taken by redemptions, one row per key: unique across holders, which a key of the redemptions
 * (distributed by holder on Citus) cannot be. Written with the redemption; a reversal deletes the key it retires.
 */
export interface TradeinRedemptionSerialTable {
  serial_key: string;
  holder_user_id: number;
  redemption_id: number;
}

/** The invoice numbers taken by redemptions, for ever, across holders (as tradein_redemption_serials). */
export interface TradeinRedemptionInvoiceTable {
  invoice_number: string;
  holder_user_id: number;
  redemption_id: number;
}

/** Voucher codes, unique across holders for ever; written by the claim batch with the vouchers it inserts. */
export interface TradeinVoucherCodeTable {
  code: string;
  holder_user_id: number;
  voucher_id: number;
}

/** The release key of each scheduled pool: the daily release makes one pool per programme, category and day. */
export interface TradeinPoolReleaseTable {
  release_key: string;
  pool_id: number;
}

export interface TradeinTables {
  tradein_programs: TradeinProgramTable;
  tradein_categories: TradeinCategoryTable;
  tradein_rule_versions: TradeinRuleVersionTable;
  tradein_merchants: TradeinMerchantTable;
  tradein_merchant_categories: TradeinMerchantCategoryTable;
  tradein_stores: TradeinStoreTable;
  tradein_products: TradeinProductTable;
  tradein_pools: TradeinPoolTable;
  tradein_vouchers: TradeinVoucherTable;
  tradein_claim_queue: TradeinClaimQueueTable;
  tradein_redemptions: TradeinRedemptionTable;
  tradein_risk_rules: TradeinRiskRuleTable;
  tradein_risk_rule_versions: TradeinRiskRuleVersionTable;
  tradein_risk_signals: TradeinRiskSignalTable;
  tradein_device_sightings: TradeinDeviceSightingTable;
  tradein_risk_flags: TradeinRiskFlagTable;
  tradein_risk_reviews: TradeinRiskReviewTable;
  tradein_settlement_batches: TradeinSettlementBatchTable;
  tradein_settlement_lines: TradeinSettlementLineTable;
  tradein_redemption_serials: TradeinRedemptionSerialTable;
  tradein_redemption_invoices: TradeinRedemptionInvoiceTable;
  tradein_voucher_codes: TradeinVoucherCodeTable;
  tradein_pool_releases: TradeinPoolReleaseTable;
}

// The module's tables join the database schema Kysely types every query with (see db/schema.ts).
declare module '../../db/schema.js' {
  interface DatabaseSchema extends TradeinTables {}
}
