import type { Generated } from 'kysely';
import type { DealerKind, DealerStatus, ViolationStatus, ViolationType } from '../../../../shared/enums/recyclingDealers.js';

/**
 * Second-hand dealers, their trades and their credit records (the plan's 二(三)3). Dates YYYY-MM-DD (Asia/Shanghai),
 * timestamps ISO-8601 UTC text, booleans integers, money integer fen. Status changes are on record_timeline.
 */
export interface RecyclingDealerTable {
  id: Generated<number>;
  name: string;
  /** 统一社会信用代码 (GB 32100), unique. */
  credit_code: string;
  town_id: number;
  address: string;
  contact_name: string;
  /** The contact's mobile, sealed (AES-GCM) and masked for display, as organisations keep theirs. */
  contact_mobile_enc: string;
  contact_mobile_mask: string;
  licence_number: string | null;
  /** The enterprise organisation whose accounts record the dealer's own trades; null when it has none here. */
  organization_id: number | null;
  registered_on: string;
  status: DealerStatus;
  /** The date of the last status change. */
  status_since: string;
  version: number;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface RecyclingDealerKindTable {
  id: Generated<number>;
  dealer_id: number;
  kind: DealerKind;
}

export interface RecyclingDealerTradeTable {
  id: Generated<number>;
  dealer_id: number;
  kind: DealerKind;
  traded_on: string;
  description: string;
  amount_fen: number;
  /** Used cars only (then required): the VIN, the plate's region before and after, the export flag. */
  vin: string | null;
  plate_region_from: string | null;
  plate_region_to: string | null;
  /** A transfer across regions (from ≠ to): never refused (全面取消二手车限迁), counted. */
  cross_region: number;
  /** 二手车转让代出口: sold for export, with the destination country (ISO 3166-1 alpha-2). */
  is_export: number;
  export_country: string | null;
  recorded_by: number | null;
  recorded_by_organization_id: number | null;
  is_demo: number;
  created_at: string;
}

export interface RecyclingDealerViolationTable {
  id: Generated<number>;
  dealer_id: number;
  occurred_on: string;
  type: ViolationType;
  /** Written for publication: no names, ID numbers, mobiles, plates or VINs (checked before it is stored). */
  description: string;
  penalty_text: string;
  penalty_fen: number | null;
  /** JSON array of attachment ids (the recording official's uploads). */
  evidence_json: string;
  /** The department that recorded it: the issuing unit the public page names. */
  issuing_organization_id: number;
  recorded_by: number | null;
  status: ViolationStatus;
  revoked_reason: string | null;
  revoked_at: string | null;
  /** Published until this date (inclusive). */
  disclose_until: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

/** The credit rule set's versions (core/versioned.ts): each computed grade names the version that produced it. */
export interface RecyclingCreditRuleVersionTable {
  id: Generated<number>;
  version: number;
  rules_json: string;
  note: string | null;
  /** Null for the default the platform ships (to be confirmed by 市商务局). */
  created_by: number | null;
  created_at: string;
}

/** The one rule set and the number of its current version (the versions' owner). */
export interface RecyclingCreditRuleSetTable {
  id: Generated<number>;
  code: string;
  version: number;
  updated_at: string;
}

export interface DealersTables {
  recycling_dealers: RecyclingDealerTable;
  recycling_dealer_kinds: RecyclingDealerKindTable;
  recycling_dealer_trades: RecyclingDealerTradeTable;
  recycling_dealer_violations: RecyclingDealerViolationTable;
  recycling_credit_rule_versions: RecyclingCreditRuleVersionTable;
  recycling_credit_rule_sets: RecyclingCreditRuleSetTable;
}
