import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import type { Queryable } from '../../../db/database.js';
import type { MetricRegistry } from '../metrics/registry.js';
import { lowerBoundFigure, observeTowns, type IndicatorObservations, type ObservationSource, type ObservedIndicator } from '../observations/source.js';
import type { ReportedObservations } from '../reporting/observations.js';
import { indicatorPolicy } from '../policies/indicator.js';
import { readPlanTree, type IndicatorRow, type PlanTree, type TargetRow } from '../plans/planTree.js';
import { loadIndicator } from '../indicators/service.js';
import { actualAt, asOfInstant, evaluateIndicator, expectedAt, type EvaluationMemo, type IndicatorSpec } from '../status/evaluate.js';
import { rollUp, summarise } from '../status/rollup.js';
import { monthStartsBetween, shanghaiDate, startOfDay, yearEnd } from '../status/time.js';
import type { DashboardIndicator, DashboardQuery, DashboardView, TownIndicator, TownsDashboardQuery, TownsDashboardView, TrendView } from './schema.js';
import { defaultPlanId } from '../plans/workingPlans.js';

/** What the plan module measures with: the metric registry and where observations come from. */
export interface PlanMeasurement {
  registry: MetricRegistry;
  observations: ObservationSource;
}

/** The plan the dashboard shows when none is named: the working plan (plans/workingPlans.ts). */
export async function resolvePlanId(db: Queryable, planId: number | undefined): Promise<number> {
  if (planId !== undefined) return planId;
  const chosen = await defaultPlanId(db);
  if (chosen === null) throw notFound();
  return chosen;
}

export function specOf(row: IndicatorRow, targets: readonly TargetRow[] | undefined, planStart: string): IndicatorSpec {
  return {
    kind: row.kind,
    comparator: row.comparator,
    unit: row.unit,
    baseline: row.baseline_year === null ? null : { year: row.baseline_year, value: row.baseline_value },
    yearOnYear: row.year_on_year === 1,
    targets: (targets ?? []).map((t) => ({ year: t.year, value: t.value })),
    planStart,
  };
}

/**
 * A growth indicator whose plan states only the baseline year is measured against the baseline its lead unit
 * reported (accepted), which the reporting source returns beside the observations. The plan's own value wins.
 */
export function withReportedBaseline(spec: IndicatorSpec, observed: IndicatorObservations | undefined): IndicatorSpec {
  const reported = observed && 'baselineValue' in observed ? (observed as ReportedObservations).baselineValue : null;
  if (!spec.baseline || spec.baseline.value !== null || reported === null) return spec;
  return { ...spec, baseline: { year: spec.baseline.year, value: reported } };
}

export function observedOf(row: IndicatorRow, planStart: string): ObservedIndicator {
  return {
    id: Number(row.id),
    code: row.code,
    kind: row.kind,
    unit: row.unit,
    source: row.source,
    metric: row.metric,
    yearOnYear: row.year_on_year === 1,
    townBreakdown: row.town_breakdown === 1,
    planStart,
  };
}

/** One indicator evaluated on the observations of the city or of one town; every dashboard view goes through here. */
export function evaluateRow(spec: IndicatorSpec, row: IndicatorRow, observed: IndicatorObservations | undefined, asOf: number, memo?: EvaluationMemo) {
  return evaluateIndicator(
    {
      indicator: spec,
      observations: observed?.observations ?? [],
      missingReports: observed?.missingReports ?? 0,
      asOf,
      name: { zh: row.name, en: row.name_en },
    },
    memo,
  );
}

/** What both dashboards show of an indicator's evaluation. */
export function evaluationFields(e: ReturnType<typeof evaluateRow>, observed: IndicatorObservations | undefined) {
  return {
    actual: e.actual,
    expected: e.expected,
    target: e.target?.value ?? null,
    targetYear: e.target?.year ?? null,
    progress: e.progress,
    status: e.status,
    reason: e.reason,
    forecast: e.forecast,
    missingReports: observed?.missingReports ?? 0,
  };
}

/** What one indicator is evaluated on: its observations (and the memo kept with them, if any), its platform figure. */
export interface IndicatorInputs {
  observed: IndicatorObservations | undefined;
  memo?: EvaluationMemo | undefined;
  computed: number | null;
}

/**
 * The dashboard of a plan tree as of an instant, from each indicator's inputs: the one assembly both the
 * recomputing path (buildDashboard) and the maintained one (maintained.ts) go through, so they answer alike.
 */
export function assembleDashboard(
  tree: PlanTree,
  q: { planId: number; asOf: number; townId: number | null },
  inputsOf: (row: IndicatorRow, spec: (observed: IndicatorObservations | undefined) => IndicatorSpec) => IndicatorInputs,
): Omit<DashboardView, 'dataAsOf' | 'dataVersion'> {
  const planStart = tree.plan.issued_on;
  const actions = new Map(tree.actions.map((a) => [Number(a.id), a]));
  const tasks = new Map(tree.tasks.map((t) => [Number(t.id), t]));
  const indicators: DashboardIndicator[] = tree.indicators.map((row) => {
    const id = Number(row.id);
    const units = tree.unitsByIndicator.get(id) ?? [];
    const lead = units.find((u) => u.role === 'lead') ?? null;
    const specFor = (observed: IndicatorObservations | undefined) => withReportedBaseline(specOf(row, tree.targetsByIndicator.get(id), planStart), observed);
    const { observed, memo, computed } = inputsOf(row, specFor);
    const e = evaluateRow(specFor(observed), row, observed, q.asOf, memo);
    const action = actions.get(Number(row.action_id))!;
    return {
      id,
      code: row.code,
      name: row.name,
      nameEn: row.name_en,
      unit: row.unit,
      kind: row.kind,
      comparator: row.comparator,
      source: row.source,
      actionId: Number(row.action_id),
      actionCode: action.code,
      taskNumber: row.task_id === null ? row.related_task : (tasks.get(Number(row.task_id))?.number ?? null),
      leadUnit: lead?.unit_name ?? null,
      leadUnitId: lead?.organization_id == null ? null : Number(lead.organization_id),
      units: units.map((u) => u.unit_name),
      ...evaluationFields(e, observed),
      computed: computed === null ? null : Math.round(computed * 10000) / 10000,
    };
  });

  const byAction = rollUp(indicators, (i) => i.actionId);
  const unitIds = new Map<string, number | null>();
  for (const units of tree.unitsByIndicator.values())
    for (const u of units) unitIds.set(u.unit_name, u.organization_id === null ? null : Number(u.organization_id));
  const byUnit = rollUp(indicators, (i) => i.units);
  // Section-level indicators count for their related task.
  const byTask = rollUp(indicators, (i) => (i.taskNumber === null ? null : `${i.actionId}:${i.taskNumber}`));
  return {
    planId: q.planId,
    asOf: new Date(q.asOf).toISOString(),
    townId: q.townId,
    cards: tree.actions.map((a) => {
      const id = Number(a.id);
      const milestones = tree.milestones.filter((m) => Number(m.action_id) === id);
      return {
        actionId: id,
        code: a.code,
        title: a.title,
        ...(byAction.get(id) ?? summarise([])),
        milestones: { done: milestones.filter((m) => m.status === 'done').length, total: milestones.length },
      };
    }),
    tasks: tree.tasks.flatMap((task) => {
      const r = byTask.get(`${Number(task.action_id)}:${task.number}`);
      return r ? [{ actionId: Number(task.action_id), taskNumber: task.number, ...r }] : [];
    }),
    units: [...byUnit].map(([name, r]) => ({ organizationId: unitIds.get(name) ?? null, name, ...r })),
    indicators,
  };
}

/**
 * Every indicator of a plan evaluated as of a date, with cards per action and roll-ups per responsible unit,
 * recomputed from every accepted report: the reference the maintained dashboard (maintained.ts) is checked
 * against and benchmarked with. A fixed number of queries: the plan tree (nine), one observation batch, and the
 * metrics of computed and lower-bound indicators.
 */
export async function buildDashboard(
  deps: AppDeps,
  ctx: RequestContext,
  measure: PlanMeasurement,
  q: DashboardQuery,
  db: Queryable = deps.database.db,
): Promise<DashboardView> {
  authorize(ctx.actor, indicatorPolicy, 'read');
  const planId = await resolvePlanId(db, q.planId);
  const tree = await readPlanTree(db, planId);
  if (!tree) throw notFound();
  const asOf = asOfInstant(q.asOf);
  const planStart = tree.plan.issued_on;
  const observations = await measure.observations.observe(
    db,
    tree.indicators.map((r) => observedOf(r, planStart)),
    { asOf: new Date(asOf).toISOString(), ...(q.townId ? { townId: q.townId } : {}) },
  );
  const computed = new Map(
    await Promise.all(
      tree.indicators.map(async (row) => {
        const id = Number(row.id);
        const spec = withReportedBaseline(specOf(row, tree.targetsByIndicator.get(id), planStart), observations.get(id));
        return [id, await lowerBoundFigure(db, measure.registry, { spec, lowerBoundMetric: row.lower_bound_metric }, asOf, q.townId)] as const;
      }),
    ),
  );
  const view = assembleDashboard(tree, { planId, asOf, townId: q.townId ?? null }, (row) => ({
    observed: observations.get(Number(row.id)),
    computed: computed.get(Number(row.id)) ?? null,
  }));
  // Recomputed from the reports themselves: complete as of the moment it was computed.
  return { ...view, dataAsOf: new Date(Math.min(asOf, Date.now())).toISOString(), dataVersion: null };
}

/**
 * The town-breakdown indicators of a plan evaluated on each town's own observations, for every town in one
 * answer: what GET /api/plan-dashboard?townId= says for each town, without one call per town. A fixed number of
 * queries: the plan tree (nine), the towns, one observation batch for all towns (four for reported indicators).
 * Only the indicators the plan breaks down by town are evaluated: a town owes reports on no others, so on its own
 * observations every other indicator would only ever read "not started".
 */
export async function buildTownsDashboard(
  deps: AppDeps,
  ctx: RequestContext,
  measure: PlanMeasurement,
  planId: number,
  q: TownsDashboardQuery,
  db: Queryable = deps.database.db,
): Promise<TownsDashboardView> {
  authorize(ctx.actor, indicatorPolicy, 'read');
  const tree = await readPlanTree(db, planId);
  if (!tree) throw notFound();
  const asOf = asOfInstant(q.asOf);
  const planStart = tree.plan.issued_on;
  const rows = tree.indicators.filter((r) => r.town_breakdown === 1);
  // The towns in the order GET /api/towns lists them, which is the order of the heat table's columns.
  const towns = await db.selectFrom('organizations').select(['id', 'name']).where('kind', '=', 'town').orderBy('code').execute();
  const observed = await observeTowns(
    measure.observations,
    db,
    rows.map((r) => observedOf(r, planStart)),
    { asOf: new Date(asOf).toISOString(), townIds: towns.map((t) => Number(t.id)) },
  );
  return {
    planId,
    asOf: new Date(asOf).toISOString(),
    indicators: rows.map((r) => ({ id: Number(r.id), code: r.code })),
    towns: towns.map((town) => {
      const townId = Number(town.id);
      const mine = observed.get(townId);
      const indicators: TownIndicator[] = rows.map((row) => {
        const id = Number(row.id);
        const o = mine?.get(id);
        const e = evaluateRow(withReportedBaseline(specOf(row, tree.targetsByIndicator.get(id), planStart), o), row, o, asOf);
        return {
          id,
          code: row.code,
          ...evaluationFields(e, o),
        };
      });
      return { townId, name: town.name, ...summarise(indicators), indicators };
    }),
  };
}

/** Series for an indicator's chart: actual and expected at each month end, the dated targets, and the forecast. */
export async function indicatorTrend(
  deps: AppDeps,
  ctx: RequestContext,
  measure: PlanMeasurement,
  id: number,
  asOfDate: string | undefined,
  db: Queryable = deps.database.db,
): Promise<TrendView> {
  const loaded = await loadIndicator(db, id);
  if (!loaded) throw notFound();
  authorize(ctx.actor, indicatorPolicy, 'read', { id, planId: Number(loaded.row.plan_id) }, id);
  const planStart = loaded.plan.issued_on;
  const asOf = asOfInstant(asOfDate);
  const observed = (await measure.observations.observe(db, [observedOf(loaded.row, planStart)], { asOf: new Date(asOf).toISOString() })).get(id);
  const spec = withReportedBaseline(specOf(loaded.row, loaded.targets, planStart), observed);
  const observations = observed?.observations ?? [];
  const e = evaluateIndicator({
    indicator: spec,
    observations,
    missingReports: observed?.missingReports ?? 0,
    asOf,
    name: { zh: loaded.row.name, en: loaded.row.name_en },
  });
  const start = startOfDay(planStart);
  const lastDue = Math.max(...loaded.targets.map((t) => yearEnd(t.year)), asOf);
  const firstObservation = [...observations].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd))[0]?.value ?? null;
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 10000);
  // Each point is "as of the end of" the day before the month boundary, so it is labelled with that day.
  const label = (ms: number) => shanghaiDate(ms - 1);
  const points = [start, ...monthStartsBetween(start + 1, lastDue)].map((t) => ({
    date: label(t),
    actual: t <= asOf ? actualAt(spec, observations, t) : null,
    expected: round(expectedAt(spec, t, firstObservation)),
  }));
  return {
    indicatorId: id,
    unit: loaded.row.unit,
    asOf: new Date(asOf).toISOString(),
    points,
    targets: loaded.targets.map((t) => ({ year: t.year, date: `${t.year}-12-31`, value: t.value })),
    forecast: e.forecast === null || !e.target ? null : { date: `${e.target.year}-12-31`, value: e.forecast },
    status: e.status,
  };
}
