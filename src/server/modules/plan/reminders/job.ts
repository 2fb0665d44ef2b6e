import type { AppDeps } from '../../../core/deps.js';
import type { ScheduledJob } from '../../../core/jobs.js';
import { addDays, shanghaiDate, shanghaiHour } from '../../../core/time.js';
import type { Queryable } from '../../../db/database.js';
import { notify } from '../../platform/notifications/service.js';
import { OFFICE } from '../../platform/seed/referenceOrganizations.js';
import { EDITABLE_STATUSES, UNSUBMITTED_STATUSES } from '../reporting/tables.js';

/** Reminders go out in the morning, Asia/Shanghai, when officials read them. */
export const REMINDER_HOUR = 8;
/** "Deadline in 3 days": a unit is reminded once when the deadline is at most this many days away. */
export const REMIND_DAYS_BEFORE = 3;

interface ReminderCounts {
  deadlineSoon: number;
  overdue: number;
  officeSummaries: number;
}

/**
 * One pass of reminders as of `now`, set-based (one grouped query per kind) and idempotent: every notification
 * has a dedupe key (per period and organisation), so a second run, a second process or a retried run after a
 * crash adds nothing. Returns how many notifications were new.
 */
export async function sendReportReminders(db: Queryable, now: Date): Promise<ReminderCounts> {
  const counts: ReminderCounts = { deadlineSoon: 0, overdue: 0, officeSummaries: 0 };
  const today = shanghaiDate(now);
  const nowIsoText = now.toISOString();

  // Deadline within 3 days (today included, not yet passed): units with reports still to hand in.
  const soon = await db
    .selectFrom('plan_reports as r')
    .innerJoin('plan_reporting_periods as p', 'p.id', 'r.period_id')
    .select((eb) => ['r.period_id', 'r.organization_id', 'p.period', 'p.deadline_date', eb.fn.countAll<number>().as('n')])
    .where('p.status', '=', 'open')
    .where('p.deadline_date', '>=', today)
    .where('p.deadline_date', '<=', addDays(today, REMIND_DAYS_BEFORE))
    .where('p.deadline_at', '>', nowIsoText)
    .where('r.status', 'in', [...EDITABLE_STATUSES])
    .groupBy(['r.period_id', 'r.organization_id', 'p.period', 'p.deadline_date'])
    .execute();
  for (const s of soon)
    if (
      await notify(db, {
        organizationId: Number(s.organization_id),
        kind: 'plan_deadline_soon',
        params: { period: s.period, deadline: s.deadline_date, count: Number(s.n) },
        link: '/plan/workspace',
        dedupeKey: `plan-deadline-soon:${s.period_id}:${s.organization_id}`,
      })
    )
      counts.deadlineSoon++;

  // Past the deadline and never handed in: the unit is told once per period, the office gets one summary.
  const overdue = await db
    .selectFrom('plan_reports as r')
    .innerJoin('plan_reporting_periods as p', 'p.id', 'r.period_id')
    .select((eb) => ['r.period_id', 'r.organization_id', 'p.period', 'p.deadline_date', eb.fn.countAll<number>().as('n')])
    .where('p.status', '=', 'open')
    .where('p.deadline_at', '<=', nowIsoText)
    .where('r.status', 'in', [...UNSUBMITTED_STATUSES])
    .groupBy(['r.period_id', 'r.organization_id', 'p.period', 'p.deadline_date'])
    .execute();
  const byPeriod = new Map<number, { period: string; units: number; count: number }>();
  for (const o of overdue) {
    if (
      await notify(db, {
        organizationId: Number(o.organization_id),
        kind: 'plan_report_overdue',
        params: { period: o.period, deadline: o.deadline_date, count: Number(o.n) },
        link: '/plan/workspace',
        dedupeKey: `plan-report-overdue:${o.period_id}:${o.organization_id}`,
      })
    )
      counts.overdue++;
    const p = byPeriod.get(Number(o.period_id)) ?? { period: o.period, units: 0, count: 0 };
    p.units += 1;
    p.count += Number(o.n);
    byPeriod.set(Number(o.period_id), p);
  }
  if (byPeriod.size) {
    // The office that chases reports; the work team above it (also of kind office) hears of matters, not of each late report.
    const offices = await db.selectFrom('organizations').select('id').where('code', '=', OFFICE.code).where('status', '=', 'active').execute();
    for (const [periodId, p] of byPeriod)
      for (const office of offices)
        if (
          await notify(db, {
            organizationId: Number(office.id),
            kind: 'plan_reports_overdue_office',
            params: { period: p.period, units: p.units, count: p.count },
            link: `/plan/reports?periodId=${periodId}&overdue=true`,
            dedupeKey: `plan-overdue-office:${periodId}:${office.id}`,
          })
        )
          counts.officeSummaries++;
  }
  return counts;
}

/** Daily, one run per Asia/Shanghai date from 08:00; claimed in job_runs so one process of several runs it. */
export const planReportRemindersJob: ScheduledJob = {
  name: 'plan.reportReminders',
  schedule: { 'zh-CN': '每日 08:00 起（北京时间）', en: 'Daily from 08:00 (Shanghai time)' },
  runKey(now) {
    return shanghaiHour(now) >= REMINDER_HOUR ? shanghaiDate(now) : null;
  },
  async run(deps: AppDeps, now) {
    await sendReportReminders(deps.database.db, now);
  },
};
