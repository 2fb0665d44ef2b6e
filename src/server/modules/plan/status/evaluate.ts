/**
 * Status and forecast of one indicator — pure functions, no database.
 *
 * Definitions (all times Asia/Shanghai, see time.ts):
 * - The plan runs from its issue date (晋政文〔2024〕98号: 2024-06-05). A target dated year Y is due at the end of
 *   Y-12-31.
 * - Observations are values per period [periodStart, periodEnd). What a value means depends on the kind:
 *   cumulative / annual → the flow in the period (stations built in March); level / share → the level at the end
 *   of the period; growth → the measured quantity itself (investment in the period in 亿元, or the rate for a
 *   百分点 indicator), never a pre-computed growth rate — the rate is computed here against the baseline.
 * - Actual value as of a date:
 *   cumulative: sum of period values since plan start; annual: sum within the calendar year (restarts each
 *   year); level/share: the latest value; growth in %: (value so far this year ÷ the baseline pro-rated to the same
 *   part of the year − 1) × 100 — pro-rated because comparing January with a whole baseline year would read −90%;
 *   year-on-year growth compares with the same part of the previous year; growth in 百分点: latest level − baseline.
 * - Expected value by now: a straight line from the start value at plan start to each dated target, then flat.
 *   Start value: 0 for cumulative and fixed-baseline growth; for level/share the baseline value, or the first
 *   observation (a rate of 0 is not a meaningful start). Annual indicators restart each year: the year's target
 *   pro-rated over the part of the year the plan covers; in a year without its own target the next dated target
 *   applies (the level the plan asks for). Year-on-year growth: the year's rate, not pro-rated.
 * - Progress % = actual ÷ the next target × 100.
 * - Status thresholds (ratio = actual ÷ expected):
 *   not_started  before the plan starts, or no observation yet and no report overdue;
 *   overdue      a report that was due is missing (missingReports > 0) — reporting comes first;
 *   on_track     ratio ≥ 1 (for ">" targets at their due date: strictly above);
 *   at_risk      0.85 ≤ ratio < 1;
 *   behind       ratio < 0.85, or a due date has passed with the target not met.
 *   When expected ≤ 0 (growth paths can start at 0), on_track iff actual ≥ expected.
 * - Forecast: least-squares line through the actual value at each observation so far (anchored at the start
 *   value where the path has one), evaluated at the next target's due date.
 */
import { INDICATOR_STATUSES, type IndicatorStatus } from '../../../../shared/enums/plan.js';
import { DAY_MS, endOfDay, oneYearEarlier, shanghaiYear, startOfDay, yearEnd, yearStart } from './time.js';

export const STATUSES = INDICATOR_STATUSES;
export type { IndicatorStatus };

/** actual ÷ expected at or above this is at risk rather than behind. */
export const AT_RISK_RATIO = 0.85;

export interface IndicatorSpec {
  kind: 'cumulative' | 'annual' | 'level' | 'growth' | 'share';
  comparator: '≥' | '>' | '≈';
  unit: string;
  baseline: { year: number; value: number | null } | null;
  yearOnYear: boolean;
  targets: readonly { year: number; value: number }[];
  /** The day the plan was issued, `YYYY-MM-DD`. */
  planStart: string;
}

export interface Observation {
  /** ISO instant, inclusive. */
  periodStart: string;
  /** ISO instant, exclusive. */
  periodEnd: string;
  value: number;
}

export interface EvaluationInput {
  indicator: IndicatorSpec;
  observations: readonly Observation[];
  /** Instant (ms) the evaluation is as of. */
  asOf: number;
  /** Reports that were due by asOf and are missing (from the reporting work). */
  missingReports?: number;
  name: { zh: string; en: string };
}

export interface TargetPoint {
  year: number;
  value: number;
  /** ms, end of 31 December of the year. */
  due: number;
}

export interface Evaluation {
  actual: number | null;
  expected: number | null;
  target: TargetPoint | null;
  progress: number | null;
  status: IndicatorStatus;
  reason: { zh: string; en: string };
  forecast: number | null;
}

interface Obs {
  start: number;
  end: number;
  value: number;
}

function normalise(observations: readonly Observation[]): Obs[] {
  return observations
    .map((o) => ({ start: Date.parse(o.periodStart), end: Date.parse(o.periodEnd), value: o.value }))
    .filter((o) => Number.isFinite(o.start) && Number.isFinite(o.end) && Number.isFinite(o.value))
    .sort((a, b) => a.end - b.end || a.start - b.start);
}

const isPoints = (spec: IndicatorSpec) => spec.kind === 'growth' && spec.unit === '百分点';

const sum = (xs: readonly Obs[]) => xs.reduce((s, o) => s + o.value, 0);

/** The actual value from the observations that ended by `at`; null when there is nothing to go on. */
function actualFrom(spec: IndicatorSpec, obs: readonly Obs[], at: number): number | null {
  const planStart = startOfDay(spec.planStart);
  const known = obs.filter((o) => o.end <= at);
  if (known.length === 0) return null;
  const latest = known[known.length - 1]!;
  switch (spec.kind) {
    case 'cumulative':
      return sum(known.filter((o) => o.end > planStart));
    case 'annual': {
      const y = shanghaiYear(at - 1);
      return sum(known.filter((o) => o.start >= yearStart(y)));
    }
    case 'level':
    case 'share':
      return latest.value;
    case 'growth': {
      if (isPoints(spec)) {
        if (spec.yearOnYear) {
          const y = shanghaiYear(latest.end - 1);
          const previous = known.filter((o) => o.end <= yearStart(y));
          const ref = previous[previous.length - 1];
          return ref ? latest.value - ref.value : null;
        }
        return spec.baseline?.value === null || spec.baseline?.value === undefined ? null : latest.value - spec.baseline.value;
      }
      const y = shanghaiYear(latest.end - 1);
      const from = yearStart(y);
      const upTo = latest.end;
      const current = sum(known.filter((o) => o.start >= from && o.end <= upTo));
      let reference: number | null;
      if (spec.yearOnYear) {
        const previous = known.filter((o) => o.start >= yearStart(y - 1) && o.end <= oneYearEarlier(upTo));
        reference = previous.length ? sum(previous) : null;
      } else {
        const base = spec.baseline?.value;
        const fraction = Math.min(1, (upTo - from) / (yearEnd(y) - from));
        reference = base === null || base === undefined ? null : base * fraction;
      }
      if (reference === null || reference === 0) return null;
      return (current / reference - 1) * 100;
    }
  }
}

function targetsOf(spec: IndicatorSpec): TargetPoint[] {
  return [...spec.targets].sort((a, b) => a.year - b.year).map((t) => ({ ...t, due: yearEnd(t.year) }));
}

/** The target that applies at `at`: the first one not yet due (for annual: this year's, or the next dated one); after the last, the last. */
export function nextTarget(spec: IndicatorSpec, at: number): TargetPoint | null {
  const targets = targetsOf(spec);
  if (spec.kind === 'annual' || spec.yearOnYear) {
    const y = shanghaiYear(at - 1);
    return targets.find((t) => t.year >= y) ?? targets[targets.length - 1] ?? null;
  }
  return targets.find((t) => t.due >= at) ?? targets[targets.length - 1] ?? null;
}

/** Where the straight line from the start value to the dated targets says the indicator should be at `at`. */
export function expectedAt(spec: IndicatorSpec, at: number, firstObservation: number | null = null): number | null {
  const planStart = startOfDay(spec.planStart);
  const targets = targetsOf(spec);
  if (targets.length === 0) return null;
  if (spec.kind === 'annual' || spec.yearOnYear) {
    const t = nextTarget(spec, at)!;
    if (spec.yearOnYear) return at <= planStart ? 0 : t.value;
    const y = shanghaiYear(at - 1);
    const from = Math.max(yearStart(y), planStart);
    const to = yearEnd(y);
    if (at <= from) return 0;
    return t.value * Math.min(1, (at - from) / (to - from));
  }
  const startValue = spec.kind === 'level' || spec.kind === 'share' ? (spec.baseline?.value ?? firstObservation ?? 0) : 0;
  let prev = { due: planStart, value: startValue };
  if (at <= planStart) return startValue;
  for (const t of targets) {
    if (at <= t.due) {
      if (t.due <= prev.due) return t.value;
      return prev.value + ((t.value - prev.value) * (at - prev.due)) / (t.due - prev.due);
    }
    prev = t;
  }
  return prev.value;
}

/** Least-squares line through the points, evaluated at `at` (one point: flat). */
export function linearTrend(points: readonly { t: number; v: number }[], at: number): number | null {
  if (points.length === 0) return null;
  if (points.length === 1) return points[0]!.v;
  const n = points.length;
  const mt = points.reduce((s, p) => s + p.t, 0) / n;
  const mv = points.reduce((s, p) => s + p.v, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - mt) * (p.v - mv);
    den += (p.t - mt) ** 2;
  }
  if (den === 0) return mv;
  return mv + (num / den) * (at - mt);
}

/** The value the indicator will reach at the next target's due date if the trend so far continues. */
export function forecastAt(spec: IndicatorSpec, observations: readonly Observation[], asOf: number, due: number): number | null {
  const obs = normalise(observations).filter((o) => o.end <= asOf);
  if (obs.length === 0) return null;
  const planStart = startOfDay(spec.planStart);
  // Time in days keeps the regression well conditioned.
  const days = (ms: number) => (ms - planStart) / DAY_MS;
  if (spec.kind === 'annual') {
    const y = shanghaiYear(due - 1);
    const from = Math.max(yearStart(y), planStart);
    const inYear = obs.filter((o) => o.start >= yearStart(y));
    if (inYear.length === 0) return null;
    const points = [
      { t: days(from), v: 0 },
      ...[...new Set(inYear.map((o) => o.end))].map((end) => ({ t: days(end), v: sum(inYear.filter((o) => o.end <= end)) })),
    ];
    return linearTrend(points, days(due));
  }
  if (spec.yearOnYear) return actualFrom(spec, obs, asOf);
  const points: { t: number; v: number }[] = [];
  if (spec.kind === 'cumulative' || (spec.kind === 'growth' && !isPoints(spec))) points.push({ t: 0, v: 0 });
  else if ((spec.kind === 'level' || spec.kind === 'share') && spec.baseline?.value != null) points.push({ t: 0, v: spec.baseline.value });
  for (const end of [...new Set(obs.map((o) => o.end))]) {
    const v = actualFrom(spec, obs, end);
    if (v !== null) points.push({ t: days(end), v });
  }
  // Only the anchor: no observation gave an actual value (a growth without its baseline value).
  if (points.length === 0 || points.every((p) => p.t === 0)) return null;
  return linearTrend(points, days(due));
}

function met(comparator: IndicatorSpec['comparator'], actual: number, target: number): boolean {
  return comparator === '>' ? actual > target : actual >= target;
}

export function statusOf(args: {
  actual: number | null;
  expected: number | null;
  target: TargetPoint | null;
  comparator: IndicatorSpec['comparator'];
  asOf: number;
  planStart: number;
  missingReports: number;
}): IndicatorStatus {
  const { actual, expected, target, comparator, asOf, planStart, missingReports } = args;
  if (asOf <= planStart) return 'not_started';
  if (missingReports > 0) return 'overdue';
  if (actual === null || expected === null) return 'not_started';
  if (target && asOf >= target.due) return met(comparator, actual, target.value) ? 'on_track' : 'behind';
  if (expected <= 0) return actual >= expected ? 'on_track' : 'behind';
  const ratio = actual / expected;
  if (ratio >= 1) return 'on_track';
  if (ratio >= AT_RISK_RATIO) return 'at_risk';
  return 'behind';
}

/** Numbers as officials write them: at most two decimals, no trailing zeros. */
export function formatNumber(v: number): string {
  return String(Math.round(v * 100) / 100);
}

const UNIT_EN: Record<string, string> = {
  个: '',
  台: ' units',
  座: '',
  部: '',
  场: ' events',
  项: ' items',
  万个: '×10k',
  万辆: '×10k vehicles',
  万平方米: '×10k m²',
  亿元: '×100M yuan',
  '%': '%',
  百分点: ' pp',
};

const withUnitZh = (v: number, unit: string) => `${formatNumber(v)}${unit === '百分点' ? '个百分点' : unit}`;
const withUnitEn = (v: number, unit: string) => `${formatNumber(v)}${UNIT_EN[unit] ?? ` ${unit}`}`;

export function reasonFor(
  status: IndicatorStatus,
  e: { actual: number | null; expected: number | null; target: TargetPoint | null; missingReports: number; asOf: number; planStart: number },
  unit: string,
  name: { zh: string; en: string },
): { zh: string; en: string } {
  if (e.asOf <= e.planStart) return { zh: `方案尚未开始实施`, en: 'The plan has not started yet' };
  if (status === 'overdue')
    return {
      zh: `${name.zh}有${e.missingReports}期报告逾期未报`,
      en: `${e.missingReports} overdue report${e.missingReports === 1 ? '' : 's'} for ${name.en}`,
    };
  if (e.actual === null || e.expected === null) return { zh: `${name.zh}尚无数据`, en: `No data yet for ${name.en}` };
  if (e.target && e.asOf >= e.target.due)
    return {
      zh: `${name.zh}${withUnitZh(e.actual, unit)}，${e.target.year}年目标为${withUnitZh(e.target.value, unit)}`,
      en: `${name.en}: ${withUnitEn(e.actual, unit)}; the ${e.target.year} target was ${withUnitEn(e.target.value, unit)}`,
    };
  return {
    zh: `${name.zh}${withUnitZh(e.actual, unit)}，按进度应为${withUnitZh(e.expected, unit)}`,
    en: `${name.en}: ${withUnitEn(e.actual, unit)}; ${withUnitEn(e.expected, unit)} expected by now`,
  };
}

const round = (v: number | null, digits = 4) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);

/**
 * What evaluating one indicator on one fixed set of observations can keep between evaluations at different
 * moments: the observations parsed and sorted, and the actual value and forecast, which change only when another
 * observation becomes known or another target applies (the dashboard's maintained answers, dashboard/snapshot.ts).
 * Only ever reused with the same spec and the same observations it was first used with.
 */
export interface EvaluationMemo {
  normalised?: Obs[];
  actual: Map<string, number | null>;
  forecast: Map<string, number | null>;
}

export const evaluationMemo = (): EvaluationMemo => ({ actual: new Map(), forecast: new Map() });

function remembered(cache: Map<string, number | null> | undefined, key: string, compute: () => number | null): number | null {
  if (!cache) return compute();
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = compute();
  cache.set(key, value);
  return value;
}

/** Evaluates one indicator as of a date: actual, expected, next target, progress, status with its reason, forecast. */
export function evaluateIndicator(input: EvaluationInput, memo?: EvaluationMemo): Evaluation {
  const { indicator: spec, asOf } = input;
  const missingReports = input.missingReports ?? 0;
  const obs = memo ? (memo.normalised ??= normalise(input.observations)) : normalise(input.observations);
  const planStart = startOfDay(spec.planStart);
  const known = obs.filter((o) => o.end <= asOf);
  // Annual sums restart each calendar year; every other actual depends only on the observations known.
  const actualKey = `${known.length}:${spec.kind === 'annual' ? shanghaiYear(asOf - 1) : ''}`;
  const actual = remembered(memo?.actual, actualKey, () => actualFrom(spec, obs, asOf));
  const expected = expectedAt(spec, asOf, known[0]?.value ?? null);
  const target = nextTarget(spec, asOf);
  const progress = actual === null || !target || target.value === 0 ? null : (actual / target.value) * 100;
  const status = statusOf({ actual, expected, target, comparator: spec.comparator, asOf, planStart, missingReports });
  const forecast = target ? remembered(memo?.forecast, `${known.length}:${target.due}`, () => forecastAt(spec, input.observations, asOf, target.due)) : null;
  const reason = reasonFor(status, { actual, expected, target, missingReports, asOf, planStart }, spec.unit, input.name);
  return { actual: round(actual), expected: round(expected), target, progress: round(progress, 1), status, reason, forecast: round(forecast) };
}

/** The actual value at a moment, for charts (the same rule evaluateIndicator uses). */
export function actualAt(spec: IndicatorSpec, observations: readonly Observation[], at: number): number | null {
  return round(actualFrom(spec, normalise(observations), at));
}

/** Parses an `asOf` query (`YYYY-MM-DD`, the whole day included) or defaults to now. */
export function asOfInstant(asOf: string | undefined, now = Date.now()): number {
  return asOf ? endOfDay(asOf) : now;
}
