import type { Queryable } from '../../../db/database.js';
import type { ReportedObservations } from '../reporting/observations.js';
import { evaluationMemo, type EvaluationMemo, type Observation } from '../status/evaluate.js';

/**
 * One indicator's maintained observations in one scope (the city or one town), read once per data version and
 * evaluated at whatever instant a request asks: every observation and every overdue deadline, sorted so that
 * "ended by asOf" is a prefix — compared as the reporting source's SQL compares them, as ISO text.
 */
export interface ScopeIndicator {
  /** Sorted by periodEnd (as text). */
  observations: Observation[];
  /** Deadlines of the reports that count as missing once passed, sorted. */
  deadlines: string[];
  baselineValue: number | null;
  /** One memo per number of observations ended by asOf: each prefix is its own set of observations. */
  memos: Map<number, EvaluationMemo>;
}

export type Scope = Map<number, ScopeIndicator>;

/** How many of `n` texts, sorted, are ≤ `at` (`textAt(i)` is the i-th). */
function countUpTo(n: number, textAt: (i: number) => string, at: string): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (textAt(mid) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The indicator's observations as of `asOfIso`, as reportedObservationSource would read them then: periods ended
 * by asOf, reports due by asOf and missing, the reported baseline; with the memo that belongs to that set.
 */
export function observedAt(s: ScopeIndicator | undefined, asOfIso: string): { observed: ReportedObservations; memo: EvaluationMemo } | undefined {
  if (!s) return undefined;
  const ends = s.observations;
  const known = countUpTo(ends.length, (i) => ends[i]!.periodEnd, asOfIso);
  let memo = s.memos.get(known);
  if (!memo) s.memos.set(known, (memo = evaluationMemo()));
  return {
    observed: {
      observations: known === ends.length ? ends : ends.slice(0, known),
      missingReports: countUpTo(s.deadlines.length, (i) => s.deadlines[i]!, asOfIso),
      baselineValue: s.baselineValue,
    },
    memo,
  };
}

const emptyScope = (ids: readonly number[]): Scope =>
  new Map(ids.map((id) => [id, { observations: [], deadlines: [], baselineValue: null, memos: new Map() }]));

const byEnd = (a: Observation, b: Observation) => (a.periodEnd < b.periodEnd ? -1 : a.periodEnd > b.periodEnd ? 1 : 0);

async function baselines(db: Queryable, ids: readonly number[]) {
  return db
    .selectFrom('plan_reported_baselines')
    .select(['indicator_id', 'value'])
    .where('indicator_id', 'in', [...ids])
    .execute();
}

/**
 * Many scopes' maintained observations in three queries: `null` is the city (the lead unit's accepted values,
 * the lead and co-operating units' missing reports), a town id that town's own (its accepted values, its `town`
 * reports missing) — the same selections as reporting/observations.ts makes.
 */
export async function loadScopes(db: Queryable, ids: readonly number[], townIds: readonly (number | null)[]): Promise<Map<number | null, Scope>> {
  const out = new Map<number | null, Scope>(townIds.map((t) => [t, emptyScope(ids)]));
  if (!ids.length || !townIds.length) return out;
  const towns = townIds.filter((t): t is number => t !== null);
  const city = townIds.includes(null);
  const observationsQuery = db
    .selectFrom('plan_dashboard_observations')
    .select(['organization_id', 'lead', 'indicator_id', 'period_id', 'starts_at', 'ends_at', 'value'])
    .where('indicator_id', 'in', [...ids])
    .where((eb) => {
      const scopes = [];
      if (city) scopes.push(eb('lead', '=', 1));
      if (towns.length) scopes.push(eb('organization_id', 'in', towns));
      return eb.or(scopes);
    })
    // The reporting source reads values in the order of its covering index (period, then value).
    .orderBy('indicator_id')
    .orderBy('period_id')
    .orderBy('value');
  const overdueQuery = db
    .selectFrom('plan_dashboard_overdue')
    .select(['organization_id', 'role', 'indicator_id', 'deadline_at'])
    .where('indicator_id', 'in', [...ids])
    .where((eb) => {
      const scopes = [];
      if (city) scopes.push(eb('role', 'in', ['lead', 'co']));
      if (towns.length) scopes.push(eb.and([eb('role', '=', 'town'), eb('organization_id', 'in', towns)]));
      return eb.or(scopes);
    });
  const [observations, overdue, reported] = await Promise.all([observationsQuery.execute(), overdueQuery.execute(), baselines(db, ids)]);
  const scopesOf = (organizationId: number, cityRow: boolean) => {
    const keys: (number | null)[] = [];
    if (cityRow && city) keys.push(null);
    if (out.has(organizationId)) keys.push(organizationId);
    return keys;
  };
  for (const o of observations) {
    const observation = { periodStart: o.starts_at, periodEnd: o.ends_at, value: Number(o.value) };
    for (const key of scopesOf(Number(o.organization_id), Number(o.lead) === 1)) out.get(key)!.get(Number(o.indicator_id))?.observations.push(observation);
  }
  for (const r of overdue) {
    const cityRow = r.role === 'lead' || r.role === 'co';
    const keys: (number | null)[] = [];
    if (cityRow && city) keys.push(null);
    if (r.role === 'town' && out.has(Number(r.organization_id))) keys.push(Number(r.organization_id));
    for (const key of keys) out.get(key)!.get(Number(r.indicator_id))?.deadlines.push(r.deadline_at);
  }
  for (const scope of out.values()) {
    for (const s of scope.values()) {
      s.observations.sort(byEnd);
      s.deadlines.sort();
    }
    // The reported baseline is the lead unit's, the same for the city and every town.
    for (const b of reported) {
      const s = scope.get(Number(b.indicator_id));
      if (s) s.baselineValue = Number(b.value);
    }
  }
  return out;
}
