/**
 * Table types of what the dashboard keeps up to date instead of recomputing per request (see migrations.ts for
 * how they are maintained: triggers in the writing transaction, whichever path writes).
 */

/** One accepted report with a value: an observation of its indicator in its period, for the city (the lead's) or its unit. */
export interface PlanDashboardObservationTable {
  report_id: number;
  plan_id: number;
  indicator_id: number;
  organization_id: number;
  /** 1 when the report is the lead unit's, whose values are the city's observations. */
  lead: number;
  period_id: number;
  starts_at: string;
  ends_at: string;
  value: number;
}

/** One report that counts as missing once its deadline passes (pending, draft, returned, corrected). */
export interface PlanDashboardOverdueTable {
  report_id: number;
  plan_id: number;
  indicator_id: number;
  organization_id: number;
  role: string;
  period_id: number;
  deadline_at: string;
}

/** One row: the version of everything the dashboard reads, bumped by every change to it, and when that was. */
export interface PlanDashboardStateTable {
  id: number;
  version: number;
  changed_at: string;
}

export interface PlanDashboardTables {
  plan_dashboard_observations: PlanDashboardObservationTable;
  plan_dashboard_overdue: PlanDashboardOverdueTable;
  plan_dashboard_state: PlanDashboardStateTable;
}

declare module '../../../db/schema.js' {
  interface DatabaseSchema extends PlanDashboardTables {}
}
