import type { Generated } from 'kysely';
import { EDITABLE_REPORT_STATUSES, REPORT_STATUSES, type ReportStatus } from '../../../../shared/enums/plan.js';

/**
 * Table types of periodic reporting: the periods the office opens, one report per responsible
 * organisation and indicator in each period, its evidence (its history is the platform's record_timeline), reported
 * baselines, and Excel imports.
 * Timestamps are ISO-8601 UTC text; periods and deadlines are Asia/Shanghai calendar dates turned into instants.
 */

export type PeriodFrequency = 'month';
export type PeriodStatus = 'open' | 'closed';

/** Where a report is in its workflow, and in which statuses its organisation may still change it (shared with the web). */
export { REPORT_STATUSES, type ReportStatus };
export const EDITABLE_STATUSES = EDITABLE_REPORT_STATUSES;
/** Statuses that mean "not handed in": after the deadline such a report is overdue. */
export const UNSUBMITTED_STATUSES: readonly ReportStatus[] = ['pending', 'draft'];

/** `lead` and `co` report for the whole city as the indicator's responsible units; `town` reports its breakdown. */
export type ReportRole = 'lead' | 'co' | 'town';
export type ReportEventAction = 'save' | 'submit' | 'return' | 'accept' | 'import';
export type ImportJobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ReportingPeriodTable {
  id: Generated<number>;
  plan_id: number;
  /** `YYYY-MM`. */
  period: string;
  frequency: PeriodFrequency;
  /** Local midnight at the start of the period (inclusive), ISO UTC. */
  starts_at: string;
  /** Local midnight after the period (exclusive), ISO UTC. */
  ends_at: string;
  /** The last day to report, `YYYY-MM-DD` Asia/Shanghai (the 5th of the next month by default). */
  deadline_date: string;
  /** End of the deadline day, ISO UTC: a submission at or after this instant is late. */
  deadline_at: string;
  status: PeriodStatus;
  opened_by: number | null;
  opened_at: string;
  closed_at: string | null;
}

export interface PlanReportTable {
  id: Generated<number>;
  period_id: number;
  /** Denormalised from the period so that lists filter without a join. */
  plan_id: number;
  indicator_id: number;
  organization_id: number;
  role: ReportRole;
  status: ReportStatus;
  /** The value for the period, in the indicator's unit (see status/evaluate.ts for what it means by kind). */
  value: number | null;
  /** Growth indicators whose baseline the plan does not state: the baseline year's value, reported once by the lead. */
  baseline_value: number | null;
  narrative: string | null;
  /** 1 when first handed in after the period's deadline. */
  late: number;
  first_submitted_at: string | null;
  submitted_at: string | null;
  submission_count: number;
  returned_at: string | null;
  return_reason: string | null;
  accepted_at: string | null;
  decided_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface PlanReportEvidenceTable {
  /** The report's organisation, its distribution column: the evidence lives on the report's shard. */
  organization_id: number;
  report_id: number;
  attachment_id: number;
  position: number;
}

/**
 * Baselines reported through accepted reports, one per indicator. The plan states only the baseline year of some
 * growth indicators ("较2023年增长25%"); the value arrives with the lead unit's first report.
 */
export interface PlanReportedBaselineTable {
  indicator_id: number;
  value: number;
  report_id: number;
  accepted_at: string;
}

export interface PlanImportJobTable {
  id: Generated<number>;
  user_id: number;
  organization_id: number;
  filename: string;
  status: ImportJobStatus;
  total_rows: number;
  processed_rows: number;
  imported_rows: number;
  /** JSON array of { row, column, message }. */
  errors_json: string;
  created_at: string;
  finished_at: string | null;
}

export interface ReportingTables {
  plan_reporting_periods: ReportingPeriodTable;
  plan_reports: PlanReportTable;
  plan_report_evidence: PlanReportEvidenceTable;
  plan_reported_baselines: PlanReportedBaselineTable;
  plan_import_jobs: PlanImportJobTable;
}

// The module's tables join the database schema Kysely types every query with (see db/schema.ts).
declare module '../../../db/schema.js' {
  interface DatabaseSchema extends ReportingTables {}
}
