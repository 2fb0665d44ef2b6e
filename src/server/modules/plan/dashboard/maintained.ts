import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import type { Queryable } from '../../../db/database.js';
import { indicatorPolicy } from '../policies/indicator.js';
import { readPlanTree, type IndicatorRow, type PlanTree } from '../plans/planTree.js';
import { isMetricComputed, lowerBoundFigure, metricObservationSource, type IndicatorObservations } from '../observations/source.js';
import { asOfInstant } from '../status/evaluate.js';
import type { DashboardQuery, DashboardView } from './schema.js';
import { assembleDashboard, observedOf, resolvePlanId, specOf, withReportedBaseline, type PlanMeasurement } from './service.js';
import { loadScopes, observedAt, type Scope } from './snapshot.js';

/**
 * The dashboard from the maintained observations (migrations.ts keeps them in the writing transaction) instead of
 * every report: per request one query reads the data version; the plan tree and each scope's observations are
 * read once per version and kept in memory, as are the memos of each indicator's evaluation, so a request only
 * evaluates what depends on the instant (expected value, status, reason). Answers are those of buildDashboard.
 *
 * Computed indicators read other modules' metrics, whose changes no version follows: their observations and
 * lower-bound figures are a snapshot taken on demand and kept `snapshotMs` (config.dashboardSnapshotSeconds),
 * and the answer's dataAsOf says when it was taken (数据截至).
 */
/** Scopes (towns) per plan and metric snapshots kept at most: a query may name any town id or date. */
const MAX_ENTRIES = 256;

interface PlanSnapshot {
  version: number;
  tree: PlanTree;
  scopes: Map<number | null, Scope>;
  /** Whole dated answers by town, instant and metric snapshot: a month's briefing day asks the same question. */
  views: Map<string, DashboardView>;
}

interface MetricSnapshot {
  takenAt: number;
  observations: Map<number, IndicatorObservations>;
  lowerBounds: Map<number, number | null>;
}

/** The in-memory side of the maintained dashboard, one per running module (tests make their own). */
export interface DashboardCache {
  snapshotMs: number;
  version: number;
  defaultPlanId: number | null;
  plans: Map<number, PlanSnapshot>;
  metrics: Map<string, MetricSnapshot>;
}

export const dashboardCache = (snapshotMs: number): DashboardCache => ({
  snapshotMs,
  version: -1,
  defaultPlanId: null,
  plans: new Map(),
  metrics: new Map(),
});

/** The maintained data's version (bumped by the triggers of migrations.ts). */
export async function dataVersion(db: Queryable): Promise<{ version: number; changedAt: string }> {
  const row = await db.selectFrom('plan_dashboard_state').select(['version', 'changed_at']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { version: Number(row.version), changedAt: row.changed_at };
}

async function planSnapshot(db: Queryable, cache: DashboardCache, planId: number | undefined, version: number): Promise<PlanSnapshot> {
  // A replica that is behind (within the read routing's limit) reads an older version than the cache holds. Its
  // answer is right for that version, but keeping it would put the cache back a version, and the next request
  // (another replica's or the primary's) would throw it away again: the cache only moves forward, and an older
  // version's snapshot is built for the one request and dropped. A newer version (the replica has replayed what
  // the primary committed) moves it on as any commit does.
  if (version < cache.version) {
    const id = planId ?? (await resolvePlanId(db, undefined));
    const tree = await readPlanTree(db, id);
    if (!tree) throw notFound();
    return { version, tree, scopes: new Map(), views: new Map() };
  }
  if (cache.version !== version) {
    cache.version = version;
    cache.defaultPlanId = null;
    cache.plans.clear();
  }
  const id = planId ?? (cache.defaultPlanId ??= await resolvePlanId(db, undefined));
  let snapshot = cache.plans.get(id);
  if (!snapshot) {
    const tree = await readPlanTree(db, id);
    if (!tree) throw notFound();
    snapshot = { version, tree, scopes: new Map(), views: new Map() };
    // Another request may have moved the cache on meanwhile; this snapshot is still right for its own version.
    if (cache.version === version) cache.plans.set(id, snapshot);
  }
  return snapshot;
}

async function scopeOf(db: Queryable, snapshot: PlanSnapshot, registry: PlanMeasurement['registry'], townId: number | null): Promise<Scope> {
  let scope = snapshot.scopes.get(townId);
  if (!scope) {
    const ids = snapshot.tree.indicators.filter((r) => !isMetricComputed(registry, r)).map((r) => Number(r.id));
    scope = (await loadScopes(db, ids, [townId])).get(townId)!;
    // Any id may be asked for: a bounded number of scopes per version.
    if (snapshot.scopes.size >= MAX_ENTRIES) snapshot.scopes.clear();
    snapshot.scopes.set(townId, scope);
  }
  return scope;
}

/** The metric side of a dashboard, taken now (or reused while fresh): computed indicators and lower-bound figures. */
async function metricSnapshot(
  db: Queryable,
  cache: DashboardCache,
  measure: PlanMeasurement,
  tree: PlanTree,
  q: { planId: number; asOfDate: string | undefined; townId: number | null },
  reportedOf: (row: IndicatorRow) => IndicatorObservations | undefined,
  now: number,
): Promise<MetricSnapshot | null> {
  const { registry } = measure;
  const computedRows = tree.indicators.filter((r) => isMetricComputed(registry, r));
  const lowerBoundRows = tree.indicators.filter((r) => r.lower_bound_metric !== null && registry.has(r.lower_bound_metric));
  if (!computedRows.length && !lowerBoundRows.length) return null;
  const key = `${q.planId}|${q.townId ?? ''}|${q.asOfDate ?? 'now'}`;
  const kept = cache.metrics.get(key);
  if (kept && now - kept.takenAt < cache.snapshotMs) return kept;
  const asOf = asOfInstant(q.asOfDate, now);
  const planStart = tree.plan.issued_on;
  const observations = await metricObservationSource(registry).observe(
    db,
    computedRows.map((r) => observedOf(r, planStart)),
    { asOf: new Date(asOf).toISOString(), ...(q.townId ? { townId: q.townId } : {}) },
  );
  const lowerBounds = new Map(
    await Promise.all(
      lowerBoundRows.map(async (row) => {
        const id = Number(row.id);
        const observed = observations.get(id) ?? reportedOf(row);
        const spec = withReportedBaseline(specOf(row, tree.targetsByIndicator.get(id), planStart), observed);
        return [id, await lowerBoundFigure(db, registry, { spec, lowerBoundMetric: row.lower_bound_metric }, asOf, q.townId)] as const;
      }),
    ),
  );
  const snapshot = { takenAt: now, observations, lowerBounds };
  if (cache.metrics.size >= MAX_ENTRIES) cache.metrics.clear();
  cache.metrics.set(key, snapshot);
  return snapshot;
}

/** Drops every metric snapshot: the next dashboard takes fresh ones (the rebuild command, tests). */
export function forgetMetricSnapshots(cache: DashboardCache): void {
  cache.metrics.clear();
}

/** GET /api/plan-dashboard from the maintained data; the same answer as buildDashboard, plus when its data is from. */
export async function buildMaintainedDashboard(
  deps: AppDeps,
  ctx: RequestContext,
  measure: PlanMeasurement,
  cache: DashboardCache,
  q: DashboardQuery,
  now = Date.now(),
  // The version is read from the handle the data is read from, first: what a snapshot keeps under a version is
  // never older than it, on a replica as on the primary (replay only moves forward).
  db: Queryable = deps.database.db,
): Promise<DashboardView> {
  authorize(ctx.actor, indicatorPolicy, 'read');
  const { version } = await dataVersion(db);
  const snapshot = await planSnapshot(db, cache, q.planId, version);
  const { tree } = snapshot;
  const planId = Number(tree.plan.id);
  const townId = q.townId ?? null;
  // An answer "as of now" is kept as long as a metric snapshot (config.dashboardSnapshotSeconds) and states its
  // instant in asOf; a dated one is a fixed instant, kept until the metric snapshot it read is renewed. A decided
  // report changes the version, which drops both with the plan's snapshot.
  const nowKey = `${townId ?? ''}|now`;
  if (q.asOf === undefined) {
    const kept = snapshot.views.get(nowKey);
    if (kept && now - Date.parse(kept.asOf) < cache.snapshotMs) return kept;
  }
  const asOf = asOfInstant(q.asOf, now);
  const asOfIso = new Date(asOf).toISOString();
  const scope = await scopeOf(db, snapshot, measure.registry, townId);
  const reportedOf = (row: IndicatorRow) => observedAt(scope.get(Number(row.id)), asOfIso)?.observed;
  const metrics = await metricSnapshot(db, cache, measure, tree, { planId, asOfDate: q.asOf, townId }, reportedOf, now);
  const key = q.asOf === undefined ? nowKey : `${townId ?? ''}|${asOf}|${metrics?.takenAt ?? ''}`;
  const keptDated = q.asOf === undefined ? undefined : snapshot.views.get(key);
  if (keptDated) return keptDated;
  const view = assembleDashboard(tree, { planId, asOf, townId }, (row) => {
    const id = Number(row.id);
    const computed = metrics?.lowerBounds.get(id) ?? null;
    if (isMetricComputed(measure.registry, row)) return { observed: metrics?.observations.get(id), computed };
    const at = observedAt(scope.get(id), asOfIso);
    return { observed: at?.observed, memo: at?.memo, computed };
  });
  const answer = { ...view, dataAsOf: new Date(Math.min(asOf, now, metrics?.takenAt ?? now)).toISOString(), dataVersion: version };
  if (snapshot.views.size >= MAX_ENTRIES) snapshot.views.clear();
  snapshot.views.set(key, answer);
  return answer;
}
