import type { Generated } from 'kysely';
import type { FundingStatus } from '../../../../shared/enums/renewalFunding.js';

/**
 * A project's application to one funding source (`renewal_funding_source` dictionary code): what it asked for,
 * what the granting unit granted and what has been paid, integer fen. `paid_fen` is the sum of its payments,
 * maintained in the payment's transaction by a conditional update; a CHECK keeps it at or below `granted_fen`
 * whatever writes the row. Moves are on the platform's record_timeline (kind `renewal_funding_application`).
 */
export interface RenewalFundingApplicationTable {
  id: Generated<number>;
  /** The project's enterprise (renewal_projects.organization_id): the column the table is distributed by on Citus. */
  organization_id: number;
  project_id: number;
  source: string;
  status: FundingStatus;
  requested_fen: number;
  granted_fen: number | null;
  paid_fen: number;
  applied_on: string;
  granted_on: string | null;
  /** The department organisation that granted it (下达单位). */
  granting_organization_id: number | null;
  /** The grant's document number (文号), when there is one. */
  grant_document: string | null;
  /** Why more was granted than requested; without it the database refuses a grant above the request. */
  over_request_reason: string | null;
  rejection_reason: string | null;
  note: string | null;
  /** 贴息 only: the loan, all five set or none (a CHECK). Rates and points in basis points (1.0 point = 100). */
  loan_bank: string | null;
  loan_principal_fen: number | null;
  loan_rate_bp: number | null;
  subsidy_points_bp: number | null;
  loan_from: string | null;
  loan_to: string | null;
  /** 贴息 only, at the grant: the day basis used and the computed subsidy (after the project's cap). */
  subsidy_day_basis: number | null;
  subsidy_computed_fen: number | null;
  applied_by: number | null;
  decided_by: number | null;
  decided_at: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

/** One payment (拨付) of an application: date, amount and the payment reference (国库支付凭证号). */
export interface RenewalFundingPaymentTable {
  id: Generated<number>;
  /** The application's enterprise: the column the table is distributed by on Citus. */
  organization_id: number;
  application_id: number;
  paid_on: string;
  amount_fen: number;
  reference: string;
  note: string | null;
  recorded_by: number | null;
  is_demo: number;
  created_at: string;
}

/**
 * The interest subsidy (贴息) granted to a project across its 贴息 applications, charged in the grant's transaction
 * by a conditional update against the cap in force; `cap_fen` is that cap at the last grant (null: none), and a
 * CHECK keeps the total within it.
 */
export interface RenewalProjectInterestSubsidyTable {
  /** The project's enterprise: the column the table is distributed by on Citus. */
  organization_id: number;
  project_id: number;
  granted_fen: number;
  cap_fen: number | null;
  updated_at: string;
}

export interface FundingTables {
  renewal_project_interest_subsidies: RenewalProjectInterestSubsidyTable;
  renewal_funding_applications: RenewalFundingApplicationTable;
  renewal_funding_payments: RenewalFundingPaymentTable;
}
