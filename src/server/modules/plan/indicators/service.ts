import type { Updateable } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { indicatorPolicy } from '../policies/indicator.js';
import type { IndicatorView } from '../plans/schema.js';
import { indicatorView } from '../plans/views.js';
import type { IndicatorTable } from '../tables.js';
import type { MetricSummary } from '../metrics/registry.js';
import type { MetricSummaryView, RevisionView, UpdateIndicatorInput } from './schema.js';

/** What the indicator services ask of the metric registry: which metrics exist now (families' included). */
export interface BindableMetrics {
  listAll(db: Queryable): Promise<MetricSummary[]>;
}

/** Every metric an indicator can be bound to now, with its description and unit (the editor's choosers). */
export async function listBindableMetrics(deps: AppDeps, ctx: RequestContext, metrics: BindableMetrics): Promise<MetricSummaryView[]> {
  authorize(ctx.actor, indicatorPolicy, 'read');
  return metrics.listAll(deps.database.db);
}

/** One indicator with its targets, units and the period of its plan. */
export async function loadIndicator(db: Queryable, id: number) {
  const row = await db.selectFrom('indicators').selectAll().where('id', '=', id).where('retired_at', 'is', null).executeTakeFirst();
  if (!row) return null;
  const [targets, units, plan] = await Promise.all([
    db.selectFrom('indicator_targets').selectAll().where('indicator_id', '=', id).orderBy('year').execute(),
    db.selectFrom('indicator_units').selectAll().where('indicator_id', '=', id).orderBy('position').execute(),
    db.selectFrom('plans').select(['id', 'start_year', 'end_year', 'issued_on', 'version']).where('id', '=', row.plan_id).executeTakeFirstOrThrow(),
  ]);
  return { row, targets, units, plan };
}

export async function getIndicator(deps: AppDeps, ctx: RequestContext, id: number): Promise<IndicatorView> {
  const loaded = await loadIndicator(deps.database.db, id);
  if (!loaded) throw notFound();
  authorize(ctx.actor, indicatorPolicy, 'read', { id, planId: Number(loaded.row.plan_id) }, id);
  return indicatorView(loaded.row, loaded.targets, loaded.units);
}

/** The fields of an indicator as revisions name them (the plan file's names). */
function editable(v: IndicatorView) {
  return {
    name: v.name,
    nameEn: v.nameEn,
    unit: v.unit,
    kind: v.kind,
    comparator: v.comparator,
    baseline: v.baseline,
    targets: v.targets,
    units: v.organizations.map((o) => o.name),
    townBreakdown: v.townBreakdown,
    source: v.source,
    metric: v.metric,
    lowerBoundMetric: v.lowerBoundMetric,
    isEffort: v.isEffort,
  };
}

/**
 * The office edits an indicator — name, targets, baseline (the value is reported once, later), comparator,
 * responsible units… — in one transaction; each changed field becomes a revision (who, when, before, after).
 */
export async function updateIndicator(
  deps: AppDeps,
  ctx: RequestContext,
  id: number,
  input: UpdateIndicatorInput,
  metrics: BindableMetrics,
): Promise<IndicatorView> {
  await inTransaction(deps.database, async (tx) => {
    const loaded = await loadIndicator(tx, id);
    if (!loaded) throw notFound();
    const { row, plan } = loaded;
    authorize(ctx.actor, indicatorPolicy, 'update', { id, planId: Number(row.plan_id) }, id);

    const issues: FieldIssue[] = [];
    const targets = input.targets ?? loaded.targets.map((t) => ({ year: t.year, value: t.value }));
    targets.forEach((t, i) => {
      if (t.year < plan.start_year || t.year > plan.end_year)
        issues.push({ path: `targets.${i}.year`, reason: 'field.plan.targetYearOutsidePlan', params: { startYear: plan.start_year, endYear: plan.end_year } });
      const prev = targets[i - 1];
      if (prev && t.year <= prev.year) issues.push({ path: `targets.${i}.year`, reason: 'field.plan.targetYearsNotAscending' });
    });
    const baseline =
      input.baseline === undefined ? (row.baseline_year === null ? null : { year: row.baseline_year, value: row.baseline_value }) : input.baseline;
    if (baseline && targets[0] && baseline.year >= targets[0].year) issues.push({ path: 'baseline.year', reason: 'field.plan.baselineAfterTarget' });
    const source = input.source ?? row.source;
    const metric = input.metric === undefined ? row.metric : input.metric;
    const lowerBoundMetric = input.lowerBoundMetric === undefined ? row.lower_bound_metric : input.lowerBoundMetric;
    if (source === 'computed' && metric === null) issues.push({ path: 'metric', reason: 'field.plan.metricRequired' });
    if (source === 'reported' && metric !== null) issues.push({ path: 'metric', reason: 'field.invalid' });
    if (source === 'computed' && lowerBoundMetric !== null) issues.push({ path: 'lowerBoundMetric', reason: 'field.invalid' });
    // Only a new binding is checked: an edit of something else keeps a binding whose module is not installed here.
    const newBindings = (['metric', 'lowerBoundMetric'] as const).filter((k) => {
      const given = input[k];
      return given !== undefined && given !== null && given !== (k === 'metric' ? row.metric : row.lower_bound_metric);
    });
    if (newBindings.length) {
      const existing = new Set((await metrics.listAll(tx)).map((m) => m.name));
      for (const k of newBindings) if (!existing.has(input[k]!)) issues.push({ path: k, reason: 'field.plan.unknownMetric', params: { metric: input[k]! } });
    }

    let units: { organization_id: number; unit_name: string; role: 'lead' | 'co'; position: number }[] | null = null;
    if (input.organizationIds) {
      if (new Set(input.organizationIds).size !== input.organizationIds.length) issues.push({ path: 'organizationIds', reason: 'field.invalid' });
      const orgs = await tx.selectFrom('organizations').select(['id', 'name', 'kind']).where('id', 'in', input.organizationIds).execute();
      const byId = new Map(orgs.map((o) => [Number(o.id), o]));
      units = [];
      input.organizationIds.forEach((orgId, position) => {
        const org = byId.get(orgId);
        if (!org) issues.push({ path: `organizationIds.${position}`, reason: 'field.organization.unknown' });
        else if (org.kind !== 'department' && org.kind !== 'office')
          issues.push({ path: `organizationIds.${position}`, reason: 'field.plan.unitNotResponsible' });
        else units!.push({ organization_id: orgId, unit_name: org.name, role: position === 0 ? 'lead' : 'co', position });
      });
    }
    if (issues.length) throw badRequest(issues);

    const before = editable(indicatorView(row, loaded.targets, loaded.units));
    const now = nowIso();
    const set: Updateable<IndicatorTable> = { updated_at: now };
    if (input.name !== undefined) set.name = input.name;
    if (input.nameEn !== undefined) set.name_en = input.nameEn;
    if (input.unit !== undefined) set.unit = input.unit;
    if (input.kind !== undefined) set.kind = input.kind;
    if (input.comparator !== undefined) set.comparator = input.comparator;
    if (input.baseline !== undefined) {
      set.baseline_year = input.baseline?.year ?? null;
      set.baseline_value = input.baseline?.value ?? null;
    }
    if (input.townBreakdown !== undefined) set.town_breakdown = input.townBreakdown ? 1 : 0;
    if (input.source !== undefined) set.source = input.source;
    if (input.metric !== undefined) set.metric = input.metric;
    if (input.lowerBoundMetric !== undefined) set.lower_bound_metric = input.lowerBoundMetric;
    if (input.isEffort !== undefined) set.is_effort = input.isEffort ? 1 : 0;
    await tx.updateTable('indicators').set(set).where('id', '=', id).execute();
    if (input.targets) {
      await tx.deleteFrom('indicator_targets').where('indicator_id', '=', id).execute();
      await tx
        .insertInto('indicator_targets')
        .values(input.targets.map((t) => ({ indicator_id: id, year: t.year, value: t.value })))
        .execute();
    }
    if (units) {
      await tx.deleteFrom('indicator_units').where('indicator_id', '=', id).execute();
      await tx
        .insertInto('indicator_units')
        .values(units.map((u) => ({ ...u, indicator_id: id })))
        .execute();
    }

    const reloaded = (await loadIndicator(tx, id))!;
    const after = editable(indicatorView(reloaded.row, reloaded.targets, reloaded.units));
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed.length === 0) return;
    await tx
      .insertInto('plan_revisions')
      .values(
        changed.map((field) => ({
          plan_id: Number(row.plan_id),
          entity: 'indicator' as const,
          entity_id: id,
          field,
          before_json: JSON.stringify(before[field]),
          after_json: JSON.stringify(after[field]),
          source: 'edit' as const,
          actor_user_id: ctx.actor.userId,
          actor_username: ctx.actor.username,
          note: input.note ?? null,
          at: now,
        })),
      )
      .execute();
    await tx
      .updateTable('plans')
      .set({ version: plan.version + 1, updated_at: now })
      .where('id', '=', plan.id)
      .execute();
    await appendAudit(tx, ctx, {
      entity: 'indicator',
      entityId: id,
      action: 'update',
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: { ...Object.fromEntries(changed.map((k) => [k, after[k]])), note: input.note ?? null },
    });
  });
  return getIndicator(deps, ctx, id);
}

/** The history of an indicator: what the plan files and the office's edits changed, newest first. */
export async function listIndicatorRevisions(deps: AppDeps, ctx: RequestContext, id: number): Promise<RevisionView[]> {
  const row = await deps.database.db.selectFrom('indicators').select(['id', 'plan_id']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  authorize(ctx.actor, indicatorPolicy, 'readRevisions', { id, planId: Number(row.plan_id) }, id);
  const rows = await deps.database.db
    .selectFrom('plan_revisions')
    .selectAll()
    .where('entity', '=', 'indicator')
    .where('entity_id', '=', id)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    field: r.field,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
    source: r.source,
    actor: r.actor_username,
    note: r.note,
    at: r.at,
  }));
}
