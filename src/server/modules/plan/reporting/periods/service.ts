import type { Insertable } from 'kysely';
import type { AppDeps } from '../../../../core/deps.js';
import type { RequestContext } from '../../../../core/context.js';
import { AppError, fieldError, notFound } from '../../../../core/errors.js';
import { authorize } from '../../../../core/policy.js';
import { inTransaction, type Queryable, type Tx } from '../../../../db/database.js';
import { nowIso } from '../../../../db/time.js';
import { appendAudit } from '../../../platform/audit/auditTrail.js';
import { notify } from '../../../platform/notifications/service.js';
import { metricRegistry } from '../../metrics/index.js';
import { reportingPeriodPolicy } from '../policies/period.js';
import type { PlanReportTable, ReportingPeriodTable, ReportRole } from '../tables.js';
import { monthlyPeriod } from './dates.js';
import { shanghaiMonth } from '../../../../core/time.js';
import type { OpenPeriodInput, PeriodView } from './schema.js';

type PeriodRow = Omit<ReportingPeriodTable, 'id'> & { id: number };

function emptyCounts(): PeriodView['counts'] {
  return { total: 0, pending: 0, draft: 0, submitted: 0, returned: 0, corrected: 0, accepted: 0, late: 0 };
}

async function countsByPeriod(db: Queryable, periodIds: number[]): Promise<Map<number, PeriodView['counts']>> {
  const out = new Map<number, PeriodView['counts']>();
  if (!periodIds.length) return out;
  const rows = await db
    .selectFrom('plan_reports')
    .select((eb) => ['period_id', 'status', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('late').as('late')])
    .where('period_id', 'in', periodIds)
    .groupBy(['period_id', 'status'])
    .execute();
  for (const r of rows) {
    const id = Number(r.period_id);
    const c = out.get(id) ?? emptyCounts();
    c[r.status] += Number(r.n);
    c.total += Number(r.n);
    c.late += Number(r.late ?? 0);
    out.set(id, c);
  }
  return out;
}

function periodView(r: PeriodRow, counts: PeriodView['counts'] | undefined): PeriodView {
  return {
    id: Number(r.id),
    planId: Number(r.plan_id),
    period: r.period,
    frequency: r.frequency,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    deadlineDate: r.deadline_date,
    deadlineAt: r.deadline_at,
    status: r.status,
    openedAt: r.opened_at,
    closedAt: r.closed_at,
    counts: counts ?? emptyCounts(),
  };
}

export async function listPeriods(deps: AppDeps, ctx: RequestContext, q: { planId?: number | undefined }): Promise<PeriodView[]> {
  authorize(ctx.actor, reportingPeriodPolicy, 'list');
  let query = deps.database.db.selectFrom('plan_reporting_periods').selectAll();
  if (q.planId !== undefined) query = query.where('plan_id', '=', q.planId);
  const rows = await query.orderBy('period', 'desc').orderBy('id', 'desc').execute();
  const counts = await countsByPeriod(
    deps.database.db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => periodView({ ...r, id: Number(r.id) }, counts.get(Number(r.id))));
}

export async function getPeriod(deps: AppDeps, ctx: RequestContext, id: number): Promise<PeriodView> {
  const r = await deps.database.db.selectFrom('plan_reporting_periods').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  authorize(ctx.actor, reportingPeriodPolicy, 'read', { id, planId: Number(r.plan_id) }, id);
  const counts = await countsByPeriod(deps.database.db, [id]);
  return periodView({ ...r, id }, counts.get(id));
}

interface DueReport {
  indicatorId: number;
  organizationId: number;
  role: ReportRole;
}

/**
 * Who owes a report for each hand-reported indicator of the plan: every responsible department named for it
 * (the first one as lead — the lead's figure is the city's), and every active town for indicators with a town
 * breakdown. Computed indicators are measured from the platform's own records and owe no report — unless the
 * module whose metric computes them is not installed yet: then its units report it by hand.
 */
export async function dueReportsOf(db: Queryable, planId: number): Promise<DueReport[]> {
  const indicators = (
    await db
      .selectFrom('indicators')
      .select(['id', 'town_breakdown', 'source', 'metric'])
      .where('plan_id', '=', planId)
      .where('retired_at', 'is', null)
      .orderBy('position')
      .execute()
  )
    // The same rule as the plan's combined observation source: only what an installed metric computes owes no report.
    .filter((i) => !(i.source === 'computed' && i.metric !== null && metricRegistry.has(i.metric)));
  if (!indicators.length) return [];
  const units = await db
    .selectFrom('indicator_units')
    .innerJoin('organizations', 'organizations.id', 'indicator_units.organization_id')
    .select(['indicator_units.indicator_id', 'indicator_units.organization_id', 'indicator_units.role'])
    .where(
      'indicator_units.indicator_id',
      'in',
      indicators.map((i) => Number(i.id)),
    )
    .where('organizations.kind', '=', 'department')
    .where('organizations.status', '=', 'active')
    .orderBy('indicator_units.indicator_id')
    .orderBy('indicator_units.position')
    .execute();
  const towns = await db.selectFrom('organizations').select('id').where('kind', '=', 'town').where('status', '=', 'active').orderBy('id').execute();
  const out: DueReport[] = [];
  for (const ind of indicators) {
    const id = Number(ind.id);
    const mine = units.filter((u) => Number(u.indicator_id) === id);
    const seen = new Set<number>();
    // When the named lead is not a department here, the first department named answers for the city's figure.
    const hasLead = mine.some((u) => u.role === 'lead');
    mine.forEach((u, i) => {
      const org = Number(u.organization_id);
      if (seen.has(org)) return;
      seen.add(org);
      out.push({ indicatorId: id, organizationId: org, role: u.role === 'lead' || (!hasLead && i === 0) ? 'lead' : 'co' });
    });
    if (ind.town_breakdown === 1) for (const t of towns) out.push({ indicatorId: id, organizationId: Number(t.id), role: 'town' });
  }
  return out;
}

/**
 * The office opens a monthly period: every report it is owed is created as `pending`, and each organisation that
 * owes one is told in the same transaction. A period can be opened once; it must lie between the plan's issue
 * month and the current month (reports are about what has happened).
 */
export async function openPeriod(deps: AppDeps, ctx: RequestContext, input: OpenPeriodInput, now = Date.now()): Promise<PeriodView> {
  authorize(ctx.actor, reportingPeriodPolicy, 'open');
  const id = await inTransaction(deps.database, async (tx) => {
    const plan = await tx.selectFrom('plans').select(['id', 'issued_on', 'end_year']).where('id', '=', input.planId).executeTakeFirst();
    if (!plan) throw fieldError('planId', 'field.invalid');
    const from = plan.issued_on.slice(0, 7);
    const to = [shanghaiMonth(now), `${plan.end_year}-12`].sort()[0]!;
    if (input.period < from || input.period > to) throw fieldError('period', 'field.period.outsidePlan', { from });
    const dates = monthlyPeriod(input.period, input.deadlineDay);
    const existing = await tx
      .selectFrom('plan_reporting_periods')
      .select('id')
      .where('plan_id', '=', input.planId)
      .where('period', '=', input.period)
      .executeTakeFirst();
    if (existing) throw new AppError(409, 'DUPLICATE', 'error.DUPLICATE', { field: input.period }, [{ path: 'period', reason: 'field.invalid' }]);
    const at = nowIso();
    const row = await tx
      .insertInto('plan_reporting_periods')
      .values({
        plan_id: input.planId,
        period: input.period,
        frequency: 'month',
        starts_at: dates.startsAt,
        ends_at: dates.endsAt,
        deadline_date: dates.deadlineDate,
        deadline_at: dates.deadlineAt,
        status: 'open',
        opened_by: ctx.actor.userId,
        opened_at: at,
        closed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const periodId = Number(row.id);
    const due = await dueReportsOf(tx, input.planId);
    await insertReports(
      tx,
      due.map((d) => ({
        period_id: periodId,
        plan_id: input.planId,
        indicator_id: d.indicatorId,
        organization_id: d.organizationId,
        role: d.role,
        status: 'pending',
        value: null,
        baseline_value: null,
        narrative: null,
        late: 0,
        first_submitted_at: null,
        submitted_at: null,
        submission_count: 0,
        returned_at: null,
        return_reason: null,
        accepted_at: null,
        decided_by: null,
        updated_by: null,
        created_at: at,
        updated_at: at,
      })),
    );
    const perOrganization = new Map<number, number>();
    for (const d of due) perOrganization.set(d.organizationId, (perOrganization.get(d.organizationId) ?? 0) + 1);
    for (const [organizationId, count] of perOrganization)
      await notify(tx, {
        organizationId,
        kind: 'plan_period_opened',
        params: { period: input.period, deadline: dates.deadlineDate, count },
        link: '/plan/workspace',
        dedupeKey: `plan-period-opened:${periodId}:${organizationId}`,
      });
    await appendAudit(tx, ctx, {
      entity: 'plan_reporting_period',
      entityId: periodId,
      action: 'open',
      after: { planId: input.planId, period: input.period, deadline: dates.deadlineDate, reports: due.length },
    });
    return periodId;
  });
  return getPeriod(deps, ctx, id);
}

/** Inserts in slices: SQLite limits the number of bound parameters in one statement. */
async function insertReports(tx: Tx, rows: Insertable<PlanReportTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await tx
      .insertInto('plan_reports')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** The office closes a period: its reports can no longer be changed or submitted (decisions remain possible). */
export async function closePeriod(deps: AppDeps, ctx: RequestContext, id: number): Promise<PeriodView> {
  await inTransaction(deps.database, async (tx) => {
    const r = await tx.selectFrom('plan_reporting_periods').select(['plan_id', 'status']).where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound();
    authorize(ctx.actor, reportingPeriodPolicy, 'close', { id, planId: Number(r.plan_id) }, id);
    const done = await tx
      .updateTable('plan_reporting_periods')
      .set({ status: 'closed', closed_at: nowIso() })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) throw new AppError(409, 'INVALID_STATE', 'error.INVALID_STATE', { state: r.status });
    await appendAudit(tx, ctx, { entity: 'plan_reporting_period', entityId: id, action: 'close' });
  });
  return getPeriod(deps, ctx, id);
}
