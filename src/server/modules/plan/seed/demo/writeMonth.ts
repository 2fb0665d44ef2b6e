import type { Insertable } from 'kysely';
import type { RequestContext } from '../../../../core/context.js';
import type { AppDeps } from '../../../../core/deps.js';
import { inTransaction, type Tx } from '../../../../db/database.js';
import { appendAuditMany } from '../../../platform/audit/auditTrail.js';
import { notify } from '../../../platform/notifications/service.js';
import type { RecordTimelineTable } from '../../../platform/tables.js';
import type { PlanReportTable, ReportRole, ReportStatus } from '../../reporting/tables.js';
import { DAY_MS } from '../../status/time.js';
import { randomFor } from './random.js';
import { eventsBy, storyOf, type StoryEvent } from './stories.js';
import { coValue, slipOf, type DemoIndicator } from './values.js';

/** One month of the window with its deadline, as openPeriod would store it. */
export interface DemoPeriod {
  period: string;
  startsAt: number;
  endsAt: number;
  deadlineDate: string;
  deadlineAt: number;
}

export interface DueReport {
  indicatorId: number;
  organizationId: number;
  role: ReportRole;
}

/** What the month's writer is given: the figures of every reported indicator for this month. */
export interface MonthInput {
  planId: number;
  month: DemoPeriod;
  due: readonly DueReport[];
  indicators: ReadonlyMap<number, DemoIndicator>;
  cityValue: (indicatorId: number) => number;
  townValue: (indicatorId: number, townId: number) => number;
  /** The baseline the lead reports with this month's report (its first), when the indicator needs one. */
  baseline: (indicatorId: number) => number | null;
  catchUp: (indicatorId: number) => boolean;
  now: number;
}

/** A lead report the office is to accept through the reporting service (after the month's transaction), and when. */
export interface PendingAcceptance {
  reportId: number;
  at: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const actorOf = (role: 'office' | 'department' | 'town', organizationId: number | null): RequestContext => ({
  actor: {
    kind: 'user',
    userId: null,
    username: 'seed-demo',
    role,
    organizationId,
    organizationKind: role,
    townId: role === 'town' ? organizationId : null,
    sessionId: null,
  },
  requestId: null,
  ip: null,
  locale: 'zh-CN',
});

function narrativeOf(ind: DemoIndicator, period: string, value: number, catchUp: boolean): string {
  const figure = `${value}${ind.unit === '百分点' ? '%' : ind.unit}`;
  const scope = catchUp ? '（首次在平台填报，含此前累计完成量）' : '';
  return `（演示数据）${period} ${ind.name}：${figure}${scope}。本报告由演示种子生成，仅供体验，不是真实统计。`;
}

interface Planned {
  due: DueReport;
  ind: DemoIndicator;
  events: StoryEvent[];
  /** The acceptance that happened by now, for a lead report: left to the service. */
  serviceAccept: StoryEvent | null;
  row: Insertable<PlanReportTable>;
  /** When the report's story is over (accepted), or null while it goes on. */
  settledAt: number | null;
}

function plan(input: MonthInput, d: DueReport, createdAt: string): Planned {
  const ind = input.indicators.get(d.indicatorId)!;
  const { month, now } = input;
  const key = `${ind.code}:${d.organizationId}:${month.period}`;
  const value =
    d.role === 'lead'
      ? input.cityValue(d.indicatorId)
      : d.role === 'co'
        ? coValue(ind, d.organizationId, input.cityValue(d.indicatorId))
        : input.townValue(d.indicatorId, d.organizationId);
  const story = storyOf(key, month);
  const all = eventsBy(story, now, value, slipOf(ind, value, randomFor(`demo:slip:${key}`)));
  const accepted = all.find((e) => e.action === 'accept') ?? null;
  const serviceAccept = d.role === 'lead' ? accepted : null;
  const events = serviceAccept ? all.filter((e) => e !== serviceAccept) : all;
  const saves = events.filter((e) => e.action === 'save');
  const submits = events.filter((e) => e.action === 'submit');
  const returned = events.find((e) => e.action === 'return');
  const last = events[events.length - 1];
  const status: ReportStatus = last?.to ?? 'pending';
  const baseline = d.role === 'lead' && saves.length ? input.baseline(d.indicatorId) : null;
  return {
    due: d,
    ind,
    events,
    serviceAccept,
    settledAt: accepted ? accepted.at : null,
    row: {
      period_id: 0,
      plan_id: input.planId,
      indicator_id: d.indicatorId,
      organization_id: d.organizationId,
      role: d.role,
      status,
      value: saves.length ? saves[saves.length - 1]!.value : null,
      baseline_value: baseline,
      narrative: saves.length ? narrativeOf(ind, month.period, value, d.role !== 'town' && input.catchUp(d.indicatorId)) : null,
      late: submits.length && submits[0]!.at >= month.deadlineAt ? 1 : 0,
      first_submitted_at: submits.length ? iso(submits[0]!.at) : null,
      submitted_at: submits.length ? iso(submits[submits.length - 1]!.at) : null,
      submission_count: submits.length,
      returned_at: returned ? iso(returned.at) : null,
      return_reason: returned?.reason ?? null,
      accepted_at: status === 'accepted' ? iso(last!.at) : null,
      decided_by: null,
      updated_by: null,
      created_at: createdAt,
      updated_at: last ? iso(last.at) : createdAt,
    },
  };
}

/**
 * Writes one month: the period as the office opened it, every report it was owed in the state its story has
 * reached by now, their timelines dated when each move happened, and the audit records the moves would have
 * written (stamped now, by `seed-demo`: the trail tells what really wrote them). Units are told of reports sent
 * back and of the current month's period. Lead reports the office has accepted are left submitted and returned
 * for the reporting service to accept, so whatever acceptance maintains stays right.
 */
export async function writeMonth(deps: AppDeps, input: MonthInput): Promise<PendingAcceptance[]> {
  const { month, now } = input;
  const openedAt = Math.min(now, month.startsAt + DAY_MS + 9 * 3600_000);
  const planned = input.due.map((d) => plan(input, d, iso(openedAt)));
  const settled = planned.every((p) => p.settledAt !== null);
  const closeAt = settled ? Math.max(month.deadlineAt + 25 * DAY_MS, ...planned.map((p) => p.settledAt! + DAY_MS)) : Infinity;
  const closed = closeAt <= now;

  return inTransaction(deps.database, async (tx) => {
    const period = await tx
      .insertInto('plan_reporting_periods')
      .values({
        plan_id: input.planId,
        period: month.period,
        frequency: 'month',
        starts_at: iso(month.startsAt),
        ends_at: iso(month.endsAt),
        deadline_date: month.deadlineDate,
        deadline_at: iso(month.deadlineAt),
        status: closed ? 'closed' : 'open',
        opened_by: null,
        opened_at: iso(openedAt),
        closed_at: closed ? iso(closeAt) : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const periodId = Number(period.id);
    for (let i = 0; i < planned.length; i += 200)
      await tx
        .insertInto('plan_reports')
        .values(planned.slice(i, i + 200).map((p) => ({ ...p.row, period_id: periodId })))
        .execute();
    const ids = new Map(
      (await tx.selectFrom('plan_reports').select(['id', 'indicator_id', 'organization_id']).where('period_id', '=', periodId).execute()).map((r) => [
        `${Number(r.indicator_id)}:${Number(r.organization_id)}`,
        Number(r.id),
      ]),
    );
    const idOf = (p: Planned) => ids.get(`${p.due.indicatorId}:${p.due.organizationId}`)!;
    await writeHistory(tx, input, periodId, planned, idOf);
    return planned.filter((p) => p.serviceAccept).map((p) => ({ reportId: idOf(p), at: p.serviceAccept!.at }));
  });
}

async function writeHistory(tx: Tx, input: MonthInput, periodId: number, planned: Planned[], idOf: (p: Planned) => number): Promise<void> {
  const { month, now } = input;
  const office = actorOf('office', null);
  const unitCtx = (p: Planned) => actorOf(p.due.role === 'town' ? 'town' : 'department', p.due.organizationId);
  const timeline: Insertable<RecordTimelineTable>[] = [];
  const audits: Parameters<typeof appendAuditMany>[2] = [
    {
      ctx: office,
      entry: {
        entity: 'plan_reporting_period',
        entityId: periodId,
        action: 'open',
        after: { planId: input.planId, period: month.period, deadline: month.deadlineDate, reports: planned.length, demo: true },
      },
    },
  ];
  for (const p of planned) {
    const id = idOf(p);
    let submissions = 0;
    for (const e of p.events) {
      const ctx = e.by === 'office' ? office : unitCtx(p);
      timeline.push({
        entity: 'plan_report',
        entity_id: id,
        action: e.action,
        from_status: e.from,
        to_status: e.to,
        actor_user_id: null,
        actor_role: ctx.actor.role,
        organization_id: p.due.organizationId,
        note: null,
        reasons_json: JSON.stringify(e.reason ? [e.reason] : []),
        params_json: JSON.stringify({ value: e.value }),
        at: iso(e.at),
      });
      const action = e.action === 'submit' && submissions++ > 0 ? 'resubmit' : e.action;
      audits.push({
        ctx,
        entry: {
          entity: 'plan_report',
          entityId: id,
          action,
          organizationId: p.due.organizationId,
          before: { status: e.from },
          after: { status: e.to, value: e.value, ...(e.reason ? { reason: e.reason } : {}), at: iso(e.at), demo: true },
        },
      });
    }
  }
  for (let i = 0; i < timeline.length; i += 500)
    await tx
      .insertInto('record_timeline')
      .values(timeline.slice(i, i + 500))
      .execute();
  await appendAuditMany(tx, 'main', audits);

  for (const p of planned)
    if (p.row.status === 'returned')
      await notify(tx, {
        organizationId: p.due.organizationId,
        kind: 'plan_report_returned',
        params: { indicator: p.ind.name, period: month.period, reason: p.row.return_reason ?? '' },
        link: `/plan/reports/${idOf(p)}`,
        dedupeKey: `plan-report-returned:${idOf(p)}:demo`,
      });
  // Units are told of a period they still have to report for (as opening it tells them).
  if (month.deadlineAt > now) {
    const owed = new Map<number, number>();
    for (const p of planned)
      if (p.row.status === 'pending' || p.row.status === 'draft') owed.set(p.due.organizationId, (owed.get(p.due.organizationId) ?? 0) + 1);
    for (const [organizationId, count] of owed)
      await notify(tx, {
        organizationId,
        kind: 'plan_period_opened',
        params: { period: month.period, deadline: month.deadlineDate, count },
        link: '/plan/workspace',
        dedupeKey: `plan-period-opened:${periodId}:${organizationId}`,
      });
  }
}
