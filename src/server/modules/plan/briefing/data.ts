import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { buildDashboard } from '../dashboard/service.js';
import type { DashboardView } from '../dashboard/schema.js';
import { metricRegistry } from '../metrics/index.js';
import { combinedObservationSource } from '../observations/source.js';
import { reportedObservationSource } from '../reporting/observations.js';
import { briefingPolicy } from '../reporting/policies/briefing.js';
import { monthlyPeriod } from '../reporting/periods/dates.js';
import { UNSUBMITTED_STATUSES, type ReportStatus } from '../reporting/tables.js';
import type { IndicatorStatus } from '../status/evaluate.js';
import { shanghaiDate } from '../status/time.js';
import { listCurrentAlerts, type PlanAlert } from '../supervision/alerts.js';
import type { Rgb } from './png.js';

export const STATUS_ZH: Record<IndicatorStatus, string> = {
  on_track: '按进度推进',
  at_risk: '存在风险',
  behind: '滞后',
  overdue: '逾期未报',
  not_started: '尚未开始',
};
export const STATUS_COLOR: Record<IndicatorStatus, Rgb> = {
  on_track: [56, 142, 60],
  at_risk: [245, 166, 35],
  behind: [211, 47, 47],
  overdue: [123, 31, 162],
  not_started: [158, 158, 158],
};
export const ATTENTION: readonly IndicatorStatus[] = ['behind', 'at_risk', 'overdue'];

export interface BriefingData {
  plan: { id: number; title: string; docNumber: string };
  period: string;
  asOf: string;
  dashboard: DashboardView;
  reports: Record<ReportStatus, number> & { total: number; late: number; overdue: number };
  overdueUnits: { name: string; count: number; indicators: string[] }[];
  /** The three-colour alerts standing on the as-of day (三色预警), red first. */
  alerts: PlanAlert[];
}

/**
 * What the monthly briefing says, as of the period's reporting deadline (or now, if that is still ahead): the
 * dashboard's evaluation of every indicator — the plan's status functions, not a second opinion — the period's
 * reports by status, the units with reports overdue by then (this period or earlier ones) and the standing
 * three-colour alerts of that day.
 */
export async function briefingData(deps: AppDeps, ctx: RequestContext, planId: number, period: string, now = Date.now()): Promise<BriefingData> {
  authorize(ctx.actor, briefingPolicy, 'generate', { planId });
  const db = deps.database.db;
  const plan = await db.selectFrom('plans').select(['id', 'title', 'doc_number']).where('id', '=', planId).executeTakeFirst();
  if (!plan) throw notFound();
  const periodRow = await db.selectFrom('plan_reporting_periods').selectAll().where('plan_id', '=', planId).where('period', '=', period).executeTakeFirst();
  const deadlineAt = Date.parse(periodRow?.deadline_at ?? monthlyPeriod(period, 5).deadlineAt);
  const asOfMs = Math.min(now, deadlineAt);
  // The dashboard's as-of is a whole Shanghai day: the deadline day itself, or today.
  const asOfDate = shanghaiDate(asOfMs - 1);
  const dashboard = await buildDashboard(
    deps,
    ctx,
    { registry: metricRegistry, observations: combinedObservationSource(metricRegistry, reportedObservationSource) },
    { planId, asOf: asOfDate },
  );
  const reports = { total: 0, late: 0, overdue: 0, pending: 0, draft: 0, submitted: 0, returned: 0, corrected: 0, accepted: 0 };
  if (periodRow) {
    const rows = await db
      .selectFrom('plan_reports')
      .select((eb) => ['status', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('late').as('late')])
      .where('period_id', '=', Number(periodRow.id))
      .groupBy('status')
      .execute();
    for (const r of rows) {
      reports[r.status] += Number(r.n);
      reports.total += Number(r.n);
      reports.late += Number(r.late ?? 0);
      if (UNSUBMITTED_STATUSES.includes(r.status) && deadlineAt <= now) reports.overdue += Number(r.n);
    }
  }
  const overdueRows = await db
    .selectFrom('plan_reports as r')
    .innerJoin('plan_reporting_periods as p', 'p.id', 'r.period_id')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .innerJoin('indicators as i', 'i.id', 'r.indicator_id')
    .select(['o.id as organization_id', 'o.name', 'i.name as indicator'])
    .where('r.plan_id', '=', planId)
    .where('r.status', 'in', [...UNSUBMITTED_STATUSES])
    .where('p.deadline_at', '<=', new Date(asOfMs).toISOString())
    .where('p.period', '<=', period)
    .orderBy('o.id')
    .execute();
  const units = new Map<number, { name: string; count: number; indicators: Set<string> }>();
  for (const r of overdueRows) {
    const u = units.get(Number(r.organization_id)) ?? { name: r.name, count: 0, indicators: new Set<string>() };
    u.count += 1;
    u.indicators.add(r.indicator);
    units.set(Number(r.organization_id), u);
  }
  return {
    plan: { id: Number(plan.id), title: plan.title, docNumber: plan.doc_number },
    period,
    asOf: new Date(asOfMs).toISOString(),
    dashboard,
    reports,
    alerts: await listCurrentAlerts(db, planId, asOfDate),
    overdueUnits: [...units.values()].sort((a, b) => b.count - a.count).map((u) => ({ name: u.name, count: u.count, indicators: [...u.indicators] })),
  };
}
