import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import type { Queryable } from '../../../db/database.js';
import { observedOf, specOf, withReportedBaseline } from '../dashboard/service.js';
import { metricRegistry } from '../metrics/index.js';
import { combinedObservationSource, type ObservationSource } from '../observations/source.js';
import { indicatorPolicy } from '../policies/indicator.js';
import type { IndicatorRow, PlanRow, TargetRow } from '../plans/planTree.js';
import { reportedObservationSource } from '../reporting/observations.js';
import { asOfInstant, evaluateIndicator } from '../status/evaluate.js';
import { MAX_CASCADE_DEPTH } from './parentLinks.js';
import { provenanceOf } from './referencePlans.js';
import type { CascadeLevelView, CascadeListView, CascadePlanView, CascadeView } from './schema.js';
import { shareOf } from './share.js';
import { defaultPlanId } from '../plans/workingPlans.js';

/** The platform's own observations: the same source the dashboard measures the working plan with. */
const observationSource: ObservationSource = combinedObservationSource(metricRegistry, reportedObservationSource);

/** The working plan when none is named (as the dashboard). */
async function resolvePlanId(db: Queryable, planId: number | undefined): Promise<number> {
  const id = planId ?? (await defaultPlanId(db));
  if (id === null) throw notFound();
  return id;
}

/** A division code's tier (GB/T 2260): 100000 the whole country, xx0000 a province, xxxx00 a city, else a county. */
export function levelOf(regionCode: string): CascadePlanView['level'] {
  if (regionCode === '100000' || regionCode === '000000') return 'national';
  if (regionCode.endsWith('0000')) return 'province';
  if (regionCode.endsWith('00')) return 'city';
  return 'county';
}

function planView(p: PlanRow): CascadePlanView {
  const provenance = provenanceOf(p.code);
  return {
    id: Number(p.id),
    code: p.code,
    docNumber: p.doc_number,
    title: p.title,
    issuer: p.issuer,
    region: { code: p.region_code, name: p.region_name },
    level: levelOf(p.region_code),
    reference: provenance !== null,
    provenance,
  };
}

/** Jinjiang's indicators (or a named plan's) that cascade from a parent plan: the cascade page's picker. */
export async function cascadeIndicators(deps: AppDeps, ctx: RequestContext, q: { planId?: number | undefined }): Promise<CascadeListView> {
  authorize(ctx.actor, indicatorPolicy, 'read');
  const db = deps.database.db;
  const planId = await resolvePlanId(db, q.planId);
  const plan = await db.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!plan) throw notFound();
  const rows = await db
    .selectFrom('indicators')
    .select(['id', 'code', 'name', 'name_en', 'unit', 'parent_plan_code', 'parent_indicator_code', 'parent_indicator_id'])
    .where('plan_id', '=', planId)
    .where('retired_at', 'is', null)
    .where('parent_plan_code', 'is not', null)
    .execute();
  rows.sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
  return {
    plan: planView(plan),
    indicators: rows.map((r) => ({
      id: Number(r.id),
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      unit: r.unit,
      parent: { plan: r.parent_plan_code!, indicator: r.parent_indicator_code ?? '', resolved: r.parent_indicator_id !== null },
    })),
  };
}

/** The indicator and its resolved parents, nearest first; where the links stop, what the last one names. */
async function chainOf(db: Queryable, self: IndicatorRow) {
  const rows: IndicatorRow[] = [self];
  const seen = new Set([Number(self.id)]);
  let current = self;
  while (rows.length < MAX_CASCADE_DEPTH) {
    const parentId = current.parent_indicator_id === null ? null : Number(current.parent_indicator_id);
    if (parentId === null || seen.has(parentId)) break;
    const parent = await db.selectFrom('indicators').selectAll().where('id', '=', parentId).where('retired_at', 'is', null).executeTakeFirst();
    if (!parent) break;
    rows.push(parent);
    seen.add(parentId);
    current = parent;
  }
  const dangling =
    current.parent_indicator_id === null && current.parent_plan_code !== null
      ? { planCode: current.parent_plan_code, indicatorCode: current.parent_indicator_code }
      : null;
  return { rows, dangling };
}

/**
 * One indicator's cascade, national → province → city → county: each level's plan, indicator, final target and
 * actual, and the share it contributes to the level above. Plans the child names but the platform does not hold
 * (泉政〔2024〕2号 today) are shown as missing levels, never filled in. Only the working plan is observed; the
 * reference plans' levels say "no data" for what they are.
 */
export async function indicatorCascade(deps: AppDeps, ctx: RequestContext, id: number, q: { asOf?: string | undefined }): Promise<CascadeView> {
  const db = deps.database.db;
  const self = await db.selectFrom('indicators').selectAll().where('id', '=', id).where('retired_at', 'is', null).executeTakeFirst();
  if (!self) throw notFound();
  authorize(ctx.actor, indicatorPolicy, 'read', { id, planId: Number(self.plan_id) }, id);
  const asOf = asOfInstant(q.asOf);

  const { rows, dangling } = await chainOf(db, self);
  const ids = rows.map((r) => Number(r.id));
  const [plans, targets] = await Promise.all([
    db
      .selectFrom('plans')
      .selectAll()
      .where(
        'id',
        'in',
        rows.map((r) => Number(r.plan_id)),
      )
      .execute(),
    db.selectFrom('indicator_targets').selectAll().where('indicator_id', 'in', ids).orderBy('year').execute(),
  ]);
  const planOf = (r: IndicatorRow) => plans.find((p) => Number(p.id) === Number(r.plan_id))!;
  const targetsOf = (r: IndicatorRow): TargetRow[] => targets.filter((t) => Number(t.indicator_id) === Number(r.id));

  const observed = rows.filter((r) => provenanceOf(planOf(r).code) === null);
  const observations = await observationSource.observe(
    db,
    observed.map((r) => observedOf(r, planOf(r).issued_on)),
    { asOf: new Date(asOf).toISOString() },
  );

  const actualOf = (r: IndicatorRow) => {
    const plan = planOf(r);
    if (provenanceOf(plan.code) !== null) return { actual: null, noDataReason: 'reference_plan' as const };
    const o = observations.get(Number(r.id));
    if (!o || o.observations.length === 0) return { actual: null, noDataReason: 'no_observations' as const };
    const spec = withReportedBaseline(specOf(r, targetsOf(r), plan.issued_on), o);
    const e = evaluateIndicator({ indicator: spec, observations: o.observations, missingReports: o.missingReports, asOf, name: { zh: r.name, en: r.name_en } });
    if (e.actual === null) return { actual: null, noDataReason: 'no_observations' as const };
    return { actual: { value: e.actual, asOf: new Date(asOf).toISOString(), status: e.status }, noDataReason: null };
  };

  const sideOf = (r: IndicatorRow, actual: number | null) => ({
    kind: r.kind,
    unit: r.unit,
    targets: targetsOf(r).map((t) => ({ year: t.year, value: t.value })),
    actual,
  });

  // rows run child → parent; the view runs top-down.
  const indicatorLevels: Extract<CascadeLevelView, { kind: 'indicator' }>[] = rows.map((r, i) => {
    const { actual, noDataReason } = actualOf(r);
    const parent = rows[i + 1];
    const ts = targetsOf(r).map((t) => ({ year: t.year, value: t.value }));
    return {
      kind: 'indicator',
      plan: planView(planOf(r)),
      indicator: {
        id: Number(r.id),
        code: r.code,
        name: r.name,
        nameEn: r.name_en,
        text: r.clause_text,
        unit: r.unit,
        kind: r.kind,
        comparator: r.comparator,
        baseline: r.baseline_year === null ? null : { year: r.baseline_year, value: r.baseline_value },
        targets: ts,
      },
      target: ts[ts.length - 1] ?? null,
      actual,
      noDataReason,
      share: parent ? shareOf(sideOf(r, actual?.value ?? null), sideOf(parent, null)) : null,
    };
  });
  indicatorLevels.reverse();

  const levels: CascadeLevelView[] = [...indicatorLevels];
  if (dangling) {
    const plan = await db.selectFrom('plans').select('doc_number').where('code', '=', dangling.planCode).executeTakeFirst();
    levels.unshift({
      kind: 'missing',
      docNumber: plan?.doc_number ?? null,
      planCode: dangling.planCode,
      indicatorCode: dangling.indicatorCode,
      reason: plan ? 'unresolved' : 'not_loaded',
    });
  }
  await insertNamedButMissing(db, levels, planOf(self));
  return { indicatorId: id, asOf: new Date(asOf).toISOString(), levels };
}

/**
 * The parent plans the indicator's own plan names (its preamble's 国发…、闽政…、泉政…) that the chain does not pass
 * through, each placed where the plan's list puts it: a missing city level sits between province and county.
 */
async function insertNamedButMissing(db: Queryable, levels: CascadeLevelView[], ownPlan: PlanRow): Promise<void> {
  const named = JSON.parse(ownPlan.parent_plans_json) as string[];
  const docOf = (l: CascadeLevelView) => (l.kind === 'indicator' ? l.plan.docNumber : l.docNumber);
  const present = new Set(levels.map(docOf).filter((d): d is string => d !== null));
  const missing = named.filter((d) => !present.has(d));
  if (!missing.length) return;
  const loaded = new Set((await db.selectFrom('plans').select('doc_number').where('doc_number', 'in', missing).execute()).map((p) => p.doc_number));
  for (const doc of missing) {
    const position = named.indexOf(doc);
    // Before the first level the list puts after this plan; the indicator's own level is always after its parents.
    let at = levels.findIndex((l, i) => i === levels.length - 1 || (docOf(l) !== null && named.indexOf(docOf(l)!) > position));
    if (at < 0) at = levels.length - 1;
    levels.splice(at, 0, { kind: 'missing', docNumber: doc, planCode: null, indicatorCode: null, reason: loaded.has(doc) ? 'not_linked' : 'not_loaded' });
  }
}
