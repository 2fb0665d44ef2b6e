import { distributed, LOCAL, REFERENCE, USERS_GROUP, type Layout } from './roles.js';

const REPORTS = 'plan_reports';

export const planLayout: Layout = {
  // Indicator reports: every organisation files one per indicator and period, the largest plan table. Distributed by
  // the filing organisation (a handful of plans would put everything on a few shards); the dashboard's derived rows
  // are per report and follow it.
  plan_reports: distributed('organization_id'),
  plan_report_evidence: distributed('organization_id', REPORTS),
  plan_dashboard_observations: distributed('organization_id', REPORTS),
  plan_dashboard_overdue: distributed('organization_id', REPORTS),
  plan_import_jobs: distributed('user_id', USERS_GROUP),

  // The plan itself — actions, tasks, indicators, milestones, their units and targets — and the supervision around
  // it: thousands of rows, written by the office, joined by every report query.
  plans: REFERENCE,
  plan_actions: REFERENCE,
  plan_tasks: REFERENCE,
  task_units: REFERENCE,
  indicators: REFERENCE,
  indicator_targets: REFERENCE,
  indicator_units: REFERENCE,
  milestones: REFERENCE,
  milestone_units: REFERENCE,
  plan_reporting_periods: REFERENCE,
  plan_reported_baselines: REFERENCE,
  plan_alerts: REFERENCE,
  plan_revisions: REFERENCE,
  plan_matters: REFERENCE,
  plan_matter_evidence: REFERENCE,
  plan_supervision_orders: REFERENCE,
  plan_supervision_order_evidence: REFERENCE,
  // The dashboard refresher's single state row: the coordinator's own bookkeeping.
  plan_dashboard_state: LOCAL,
};
