import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import type { Queryable } from '../../../db/database.js';
import type { Page } from '../../../http/pagination.js';
import { observedOf, specOf, withReportedBaseline } from '../dashboard/service.js';
import { metricRegistry } from '../metrics/index.js';
import { combinedObservationSource } from '../observations/source.js';
import { readPlanTree } from '../plans/planTree.js';
import { reportedObservationSource } from '../reporting/observations.js';
import { planWorkspacePolicy } from '../reporting/policies/workspace.js';
import type { ReportView } from '../reporting/reports/schema.js';
import { evidenceOf } from '../reporting/reports/evidence.js';
import { reportRows, reportView } from '../reporting/reports/service.js';
import type { ReportRole, ReportStatus } from '../reporting/tables.js';
import { evaluateIndicator } from '../status/evaluate.js';
import type { WorkspaceView } from './schema.js';
import { defaultPlanId as defaultPlanIdOf } from '../plans/workingPlans.js';

async function defaultPlanId(db: Queryable, planId: number | undefined): Promise<number> {
  if (planId !== undefined) return planId;
  const first = await defaultPlanIdOf(db);
  if (first === null) throw notFound();
  return first;
}

/**
 * A department's or town's own part of the plan: the tasks it answers for (a town: every task the towns carry
 * out), the indicators it reports (a town: those broken down by town) with their current status — a town's
 * status is on its own figures.
 */
export async function myWorkspace(deps: AppDeps, ctx: RequestContext, q: { planId?: number | undefined }, now = Date.now()): Promise<WorkspaceView> {
  authorize(ctx.actor, planWorkspacePolicy, 'read');
  const db = deps.database.db;
  const orgId = ctx.actor.organizationId ?? -1;
  const org = await db.selectFrom('organizations').select(['id', 'name', 'kind']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw notFound();
  const planId = await defaultPlanId(db, q.planId);
  const tree = await readPlanTree(db, planId);
  if (!tree) throw notFound();
  const isTown = org.kind === 'town';
  const roleIn = (units: readonly { organization_id: number | null; role: 'lead' | 'co' }[] | undefined) =>
    units?.find((u) => u.organization_id !== null && Number(u.organization_id) === orgId)?.role ?? null;
  const actions = new Map(tree.actions.map((a) => [Number(a.id), a]));

  const tasks = tree.tasks.flatMap((t) => {
    const role: ReportRole | null = isTown
      ? t.towns_implement === 1 || tree.plan.towns_implement_all === 1
        ? 'town'
        : null
      : roleIn(tree.unitsByTask.get(Number(t.id)));
    if (!role) return [];
    const action = actions.get(Number(t.action_id));
    return [{ id: Number(t.id), actionCode: action?.code ?? '', actionTitle: action?.title ?? '', number: t.number, title: t.title, role }];
  });

  const mine = tree.indicators.flatMap((row) => {
    const role: ReportRole | null = isTown ? (row.town_breakdown === 1 ? 'town' : null) : roleIn(tree.unitsByIndicator.get(Number(row.id)));
    return role ? [{ row, role }] : [];
  });
  const planStart = tree.plan.issued_on;
  const source = combinedObservationSource(metricRegistry, reportedObservationSource);
  const observed = await source.observe(
    db,
    mine.map((m) => observedOf(m.row, planStart)),
    { asOf: new Date(now).toISOString(), ...(isTown ? { townId: orgId } : {}) },
  );
  const indicators = mine.map(({ row, role }) => {
    const id = Number(row.id);
    const o = observed.get(id);
    const e = evaluateIndicator({
      indicator: withReportedBaseline(specOf(row, tree.targetsByIndicator.get(id), planStart), o),
      observations: o?.observations ?? [],
      missingReports: o?.missingReports ?? 0,
      asOf: now,
      name: { zh: row.name, en: row.name_en },
    });
    return {
      id,
      code: row.code,
      name: row.name,
      nameEn: row.name_en,
      unit: row.unit,
      kind: row.kind,
      source: row.source,
      role,
      targets: (tree.targetsByIndicator.get(id) ?? []).map((t) => ({ year: t.year, value: t.value })),
      actual: e.actual,
      expected: e.expected,
      status: e.status,
      reason: ctx.locale === 'en' ? e.reason.en : e.reason.zh,
    };
  });
  return { organization: { id: Number(org.id), name: org.name, kind: org.kind }, planId, tasks, indicators };
}

async function myReports(deps: AppDeps, ctx: RequestContext, statuses: readonly ReportStatus[], openOnly: boolean): Promise<ReportView[]> {
  authorize(ctx.actor, planWorkspacePolicy, 'read');
  const db = deps.database.db;
  let qb = reportRows(db)
    .where('r.organization_id', '=', ctx.actor.organizationId ?? -1)
    .where('r.status', 'in', [...statuses]);
  if (openOnly) qb = qb.where('p.status', '=', 'open');
  const rows = await qb.orderBy('p.deadline_at').orderBy('i.position').orderBy('r.id').limit(1000).execute();
  const evidence = await evidenceOf(
    db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => reportView(r, evidence.get(Number(r.id)) ?? []));
}

/** Reports I still have to hand in, soonest deadline first, with the days left (negative: overdue by). */
export async function myDueReports(deps: AppDeps, ctx: RequestContext, now = Date.now()) {
  const reports = await myReports(deps, ctx, ['pending', 'draft'], true);
  return reports.map((r) => ({ ...r, daysLeft: Math.ceil((Date.parse(`${r.deadlineDate}T16:00:00Z`) - now) / 86_400_000) }));
}

/** Reports the office sent back to me, with its reason, until I resubmit them. */
export const myReturnedReports = (deps: AppDeps, ctx: RequestContext) => myReports(deps, ctx, ['returned', 'corrected'], false);

/** What I have handed in, newest period first. */
export async function myHistory(deps: AppDeps, ctx: RequestContext, q: { page: number; pageSize: number }): Promise<Page<ReportView>> {
  authorize(ctx.actor, planWorkspacePolicy, 'read');
  const db = deps.database.db;
  const base = reportRows(db)
    .where('r.organization_id', '=', ctx.actor.organizationId ?? -1)
    .where('r.status', 'in', ['submitted', 'accepted']);
  const total = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await base
    .orderBy('p.period', 'desc')
    .orderBy('i.position')
    .orderBy('r.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const evidence = await evidenceOf(
    db,
    rows.map((r) => Number(r.id)),
  );
  return { items: rows.map((r) => reportView(r, evidence.get(Number(r.id)) ?? [])), total: Number(total.n), page: q.page, pageSize: q.pageSize };
}
