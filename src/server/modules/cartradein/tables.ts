import type { Generated } from 'kysely';
import {
  CAR_APPLICATION_STATUSES,
  CAR_EVENT_TYPES,
  EMISSION_STANDARDS,
  type CarApplicationStatus,
  type CarEventType,
  type CarProgramKind,
  type EmissionStandard,
} from '../../../shared/enums/cartradein.js';
import type { CarBudgetTables } from './budget/tables.js';

/**
 * Table types of the car trade-in module: car programmes with versioned rules, residents'
 * scrapping/replacement applications with their evidence (their review timeline is the platform's
 * record_timeline), 市财政局's payment batches, promotion events, and the working-day calendar that review
 * deadlines are counted in.
 * Money is integer fen, dates YYYY-MM-DD (Asia/Shanghai), timestamps ISO-8601 UTC text, booleans integers,
 * JSON text.
 */

/** 报废更新 (scrap the old car, buy a new one) or 置换更新 (sell the old car, buy a new one). */
export type { CarProgramKind };
/** `suspended`: no new applications for now (those submitted go on being reviewed and paid); it can be activated again. */
export type CarProgramStatus = 'draft' | 'active' | 'suspended' | 'closed';
/** Fuel (燃油) or new-energy (新能源: battery-electric, plug-in hybrid, fuel cell). */
export type CarEnergyType = 'fuel' | 'nev';
/** China's emission standards in order; `guo0` is anything before 国一. */
export { EMISSION_STANDARDS, type EmissionStandard };

/**
 * submitted → approved → in_payment → paid, with returned (for correction, back to submitted on resubmission)
 * and rejected on the side. `applications/stateMachine.ts` is the only place that says which moves are legal.
 */
export { CAR_APPLICATION_STATUSES, type CarApplicationStatus };

/**
 * How the scrapping certificate was checked: `verified`/`mismatch` by a verifier that can see the recycling
 * records, `unverified` when none could (the reviewer must confirm it by hand), `confirmed` once a reviewer did,
 * `not_applicable` for replacement applications.
 */
export type CertificateCheckStatus = 'verified' | 'mismatch' | 'unverified' | 'confirmed' | 'not_applicable';

export interface CarProgramTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: CarProgramKind;
  status: CarProgramStatus;
  /** The application window, inclusive, Asia/Shanghai dates. */
  valid_from: string;
  valid_to: string;
  /** The programme this one continues (rolled over into a new window), if any. */
  rolled_over_from_id: number | null;
  current_rule_version_id: number | null;
  /** 1 when the values are an example configuration for the office to edit, not an official rule. */
  is_example: number;
  source_note: string | null;
  created_at: string;
  updated_at: string;
}

/** Every rule a car programme ever had; applications point at the version they were assessed under. Never updated. */
export interface CarRuleVersionTable {
  id: Generated<number>;
  program_id: number;
  version: number;
  /** See programs/rules.ts `carRuleSchema`. */
  rule_json: string;
  note: string | null;
  created_by: number | null;
  created_at: string;
}

export interface CarApplicationTable {
  id: Generated<number>;
  program_id: number;
  rule_version_id: number;
  kind: CarProgramKind;
  applicant_user_id: number;
  status: CarApplicationStatus;
  /** The applicant's town (an organisation of kind town); null for applications made before it was asked (unknown). */
  town_id: number | null;
  /** Unique over every application: a car is scrapped or sold for a subsidy once. */
  old_vin: string;
  old_plate: string;
  old_registered_on: string;
  /** Since when the old car has been registered in the applicant's name. */
  old_owned_since: string;
  old_energy_type: CarEnergyType;
  old_emission_standard: EmissionStandard | null;
  /** 报废机动车回收证明 number (scrapping); unique where present. */
  scrapping_certificate_no: string | null;
  deregistered_on: string | null;
  /** 二手车交易/转移登记 record (replacement). */
  transfer_record_no: string | null;
  transferred_on: string | null;
  /** Unique over every application: a new car is subsidised once. */
  new_vin: string;
  new_invoice_number: string;
  new_invoice_date: string;
  new_price_fen: number;
  new_energy_type: CarEnergyType;
  new_displacement_ml: number | null;
  bank_name: string;
  account_name: string;
  bank_account_enc: string;
  bank_account_hash: string;
  bank_account_mask: string;
  eligible: number;
  /** `[{ key, params }]`: every failed rule, translated when read. */
  reasons_json: string;
  amount_fen: number;
  certificate_check: CertificateCheckStatus;
  certificate_check_source: string | null;
  certificate_check_note: string | null;
  submitted_at: string;
  /** Last day (Shanghai) by which 市商务局 should decide; restarts on resubmission. */
  review_due_on: string;
  approved_at: string | null;
  payment_due_on: string | null;
  decided_by: number | null;
  payment_batch_id: number | null;
  payment_reference: string | null;
  paid_at: string | null;
  resubmissions: number;
  created_at: string;
  updated_at: string;
}

export interface CarApplicationEvidenceTable {
  /** The application's applicant (20261203_1800): the evidence lives on the applicant's shard with the application. */
  applicant_user_id: number;
  application_id: number;
  attachment_id: number;
  kind: string;
}

/**
 * Who holds each of a car's identifiers (20261203_1810), one table per identifier, the identifier its primary key:
 * a car, a new car's invoice and a scrapping certificate are subsidised once across every applicant, which Citus
 * can enforce only on a table distributed by the identifier itself (applications are distributed by applicant).
 * Written in the application's transaction; a resubmission that changes an identifier moves its row.
 */
export interface CarOldVinTable {
  old_vin: string;
  applicant_user_id: number;
  application_id: number;
}
export interface CarNewVinTable {
  new_vin: string;
  applicant_user_id: number;
  application_id: number;
}
export interface CarNewInvoiceNumberTable {
  new_invoice_number: string;
  applicant_user_id: number;
  application_id: number;
}
export interface CarScrappingCertificateNoTable {
  scrapping_certificate_no: string;
  applicant_user_id: number;
  application_id: number;
}

export type CarPaymentBatchStatus = 'pending' | 'paid' | 'cancelled';

export interface CarPaymentBatchTable {
  id: Generated<number>;
  batch_no: string;
  status: CarPaymentBatchStatus;
  application_count: number;
  total_fen: number;
  note: string | null;
  created_by: number | null;
  created_at: string;
  paid_at: string | null;
  paid_on: string | null;
  payment_reference: string | null;
  settled_by: number | null;
  updated_at: string;
}

export { CAR_EVENT_TYPES, type CarEventType };
/** draft → published → held (results in) or cancelled (with a reason); `events/workflow.ts` declares the moves. */
export type PromotionEventStatus = 'draft' | 'published' | 'held' | 'cancelled';

/** A promotion event (促销活动) and, once it is over, its results. */
export interface PromotionEventTable {
  id: Generated<number>;
  type: CarEventType;
  title: string;
  description: string | null;
  starts_on: string;
  ends_on: string;
  town_id: number;
  place: string;
  /** The organising organisation (市商务局, a town, an enterprise); it edits the event. */
  organization_id: number;
  status: PromotionEventStatus;
  visitors: number | null;
  sales_fen: number | null;
  subsidies_redeemed_fen: number | null;
  subsidies_redeemed_count: number | null;
  results_reported_at: string | null;
  /** When it went public (on the calendar and in the plan's counts); null while a draft. */
  published_at: string | null;
  cancelled_at: string | null;
  cancel_reason: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface PromotionEventMerchantTable {
  event_id: number;
  organization_id: number;
}

/** Exceptions to Monday–Friday: public holidays on weekdays (working 0) and make-up working weekends (working 1). */
export interface CarWorkingCalendarTable {
  date: string;
  working: number;
  note: string | null;
}

/** Where an entered year's holidays come from (the notice), as the office wrote it; a shipped year has its file's. */
export interface CarCalendarSourceTable {
  year: number;
  source: string;
  updated_at: string;
}

export interface CartradeinTables {
  cartradein_programs: CarProgramTable;
  cartradein_rule_versions: CarRuleVersionTable;
  cartradein_applications: CarApplicationTable;
  cartradein_application_evidence: CarApplicationEvidenceTable;
  cartradein_old_vins: CarOldVinTable;
  cartradein_new_vins: CarNewVinTable;
  cartradein_new_invoice_numbers: CarNewInvoiceNumberTable;
  cartradein_scrapping_certificate_nos: CarScrappingCertificateNoTable;
  cartradein_payment_batches: CarPaymentBatchTable;
  cartradein_events: PromotionEventTable;
  cartradein_event_merchants: PromotionEventMerchantTable;
  cartradein_calendar: CarWorkingCalendarTable;
  cartradein_budgets: CarBudgetTables['cartradein_budgets'];
  cartradein_budget_versions: CarBudgetTables['cartradein_budget_versions'];
  cartradein_calendar_sources: CarCalendarSourceTable;
}

// The module's tables join the database schema Kysely types every query with (see db/schema.ts).
declare module '../../db/schema.js' {
  interface DatabaseSchema extends CartradeinTables {}
}
