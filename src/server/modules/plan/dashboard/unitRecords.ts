import { sql, type RawBuilder } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import type { Queryable } from '../../../db/database.js';
import { readsAllReports } from '../reporting/policies/common.js';
import { planReportPolicy } from '../reporting/policies/report.js';
import { UNSUBMITTED_STATUSES } from '../reporting/tables.js';
import type { UnitRecordsQuery, UnitRecordsView } from './schema.js';

/** The period asked for, which must be the plan's; else the plan's latest (the periods list's first). */
async function periodOf(db: Queryable, planId: number, periodId: number | undefined): Promise<number | null> {
  let q = db.selectFrom('plan_reporting_periods').select('id').where('plan_id', '=', planId);
  q = periodId === undefined ? q.orderBy('period', 'desc').orderBy('id', 'desc') : q.where('id', '=', periodId);
  const row = await q.executeTakeFirst();
  if (!row && periodId !== undefined) throw notFound();
  return row ? Number(row.id) : null;
}

/** How many of a unit's reports meet a condition, the same on SQLite and PostgreSQL. */
const tally = (condition: RawBuilder<unknown>) => sql<number | string>`sum(case when ${condition} then 1 else 0 end)`;

/**
 * Each unit's reporting record for one period of a plan: reports owed, handed in on time or late, missing (past
 * the deadline, not handed in), not yet due, accepted, returned. One grouped query, with the same definitions as
 * the report list's filters, so that every count is the total of the list it links to. A department or town
 * reads its own record only, as it reads only its own reports.
 */
export async function buildUnitRecords(deps: AppDeps, ctx: RequestContext, planId: number, q: UnitRecordsQuery): Promise<UnitRecordsView> {
  authorize(ctx.actor, planReportPolicy, 'list');
  const db = deps.database.db;
  const plan = await db.selectFrom('plans').select('id').where('id', '=', planId).executeTakeFirst();
  if (!plan) throw notFound();
  const periodId = await periodOf(db, planId, q.periodId);
  if (periodId === null) return { planId, periodId: null, units: [] };

  const handedIn = sql`r.first_submitted_at is not null`;
  const overdue = sql`r.status in (${sql.join([...UNSUBMITTED_STATUSES])}) and p.deadline_at <= ${new Date().toISOString()}`;
  let query = db
    .selectFrom('plan_reports as r')
    .innerJoin('plan_reporting_periods as p', 'p.id', 'r.period_id')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .where('r.period_id', '=', periodId);
  if (!readsAllReports(ctx.actor)) query = query.where('r.organization_id', '=', ctx.actor.organizationId ?? -1);
  const rows = await query
    .select((eb) => [
      'r.organization_id',
      'o.name',
      'o.kind',
      eb.fn.countAll<number | string>().as('total'),
      tally(sql`${handedIn} and r.late = 0`).as('on_time'),
      tally(sql`${handedIn} and r.late = 1`).as('late'),
      tally(overdue).as('missing'),
      tally(sql`r.first_submitted_at is null and not (${overdue})`).as('not_due'),
      tally(sql`r.status = 'accepted'`).as('accepted'),
      tally(sql`r.status in ('returned', 'corrected')`).as('returned'),
      // Reports are opened in the plan's indicator order, so the first id is where the unit first appears.
      eb.fn.min('r.id').as('first_report'),
    ])
    .groupBy(['r.organization_id', 'o.name', 'o.kind'])
    .orderBy('first_report')
    .execute();
  return {
    planId,
    periodId,
    units: rows.map((r) => ({
      organizationId: Number(r.organization_id),
      name: r.name,
      kind: r.kind,
      total: Number(r.total),
      onTime: Number(r.on_time),
      late: Number(r.late),
      missing: Number(r.missing),
      notDue: Number(r.not_due),
      accepted: Number(r.accepted),
      returned: Number(r.returned),
    })),
  };
}
