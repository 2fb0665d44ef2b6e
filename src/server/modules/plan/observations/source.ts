import type { Queryable } from '../../../db/database.js';
import type { MetricRegistry } from '../metrics/registry.js';
import { actualAt, type IndicatorSpec, type Observation } from '../status/evaluate.js';
import { monthStartsBetween, oneYearEarlier, shanghaiYear, startOfDay, yearStart } from '../status/time.js';
import type { IndicatorKind, IndicatorSource } from '../tables.js';

/** What a source needs to know about an indicator to produce its observations. */
export interface ObservedIndicator {
  id: number;
  code: string;
  kind: IndicatorKind;
  unit: string;
  source: IndicatorSource;
  metric: string | null;
  yearOnYear: boolean;
  townBreakdown: boolean;
  /** The plan's issue date `YYYY-MM-DD` (Asia/Shanghai): observations before it do not count toward cumulative totals. */
  planStart: string;
}

export interface IndicatorObservations {
  /** Values per period, in any order; see status/evaluate.ts for what a value means for each kind. */
  observations: Observation[];
  /** Reports that were due by `asOf` and have not been accepted (makes the indicator overdue). */
  missingReports: number;
}

export interface ObservationQuery {
  /** ISO instant: only periods ending by then. */
  asOf: string;
  /** One town's observations (town breakdown); absent for the whole city. */
  townId?: number | null;
}

/**
 * Where the plan gets the values it measures indicators by. The reporting work implements it from accepted
 * reports; the metric source below covers computed indicators. One call for many indicators, so a dashboard is a
 * handful of queries, not one per indicator. Indicators the source knows nothing about may be left out of the map.
 */
export interface ObservationSource {
  observe(db: Queryable, indicators: readonly ObservedIndicator[], query: ObservationQuery): Promise<Map<number, IndicatorObservations>>;
  /**
   * Many towns' own observations at once (the all-towns dashboard), by town id then indicator id; the same values
   * `observe` gives for each town alone. A source without it is asked town by town (see `observeTowns`).
   */
  observeTowns?(
    db: Queryable,
    indicators: readonly ObservedIndicator[],
    query: TownsObservationQuery,
  ): Promise<Map<number, Map<number, IndicatorObservations>>>;
}

export interface TownsObservationQuery {
  /** ISO instant: only periods ending by then. */
  asOf: string;
  townIds: readonly number[];
}

/** Every town's observations from a source: in one batch when it can, else one `observe` per town. */
export async function observeTowns(
  source: ObservationSource,
  db: Queryable,
  indicators: readonly ObservedIndicator[],
  query: TownsObservationQuery,
): Promise<Map<number, Map<number, IndicatorObservations>>> {
  if (source.observeTowns) return source.observeTowns(db, indicators, query);
  const perTown = await Promise.all(query.townIds.map((townId) => source.observe(db, indicators, { asOf: query.asOf, townId })));
  return new Map(query.townIds.map((townId, i) => [townId, perTown[i]!]));
}

/** Reported indicators until the reporting work plugs in: nothing observed, nothing overdue. */
export const noReportedObservations: ObservationSource = {
  async observe() {
    return new Map();
  },
};

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Computed indicators read their metric month by month from the plan's start (a year earlier for year-on-year
 * growth, which compares with the previous year), the last month cut at `asOf`. An unregistered metric (its
 * module is not installed yet) observes nothing.
 */
export function metricObservationSource(registry: MetricRegistry): ObservationSource {
  return {
    async observe(db, indicators, query) {
      const out = new Map<number, IndicatorObservations>();
      const asOf = Date.parse(query.asOf);
      for (const indicator of indicators) {
        const metric = indicator.metric ? registry.get(indicator.metric) : undefined;
        if (indicator.source !== 'computed' || !metric) continue;
        const planStart = startOfDay(indicator.planStart);
        const from = indicator.yearOnYear ? yearStart(shanghaiYear(planStart) - 1) : planStart;
        if (asOf <= from) {
          out.set(indicator.id, { observations: [], missingReports: 0 });
          continue;
        }
        const bounds = [from, ...monthStartsBetween(from + 1, asOf)];
        if (bounds[bounds.length - 1]! < asOf) bounds.push(asOf);
        const periods = bounds.slice(0, -1).map((start, i) => ({ start, end: bounds[i + 1]! }));
        const values = await Promise.all(
          periods.map((p) => metric.compute(db, { from: iso(p.start), to: iso(p.end), ...(query.townId ? { townId: query.townId } : {}) })),
        );
        // A window the metric has no data for yet (null) is no observation, as a report not yet made is none.
        const observations = periods.flatMap((p, i) => {
          const value = values[i];
          return value === null || value === undefined ? [] : [{ periodStart: iso(p.start), periodEnd: iso(p.end), value }];
        });
        out.set(indicator.id, { observations, missingReports: 0 });
      }
      return out;
    },
  };
}

/** Whether the indicator is measured by an installed metric (else by its units' reports). */
export function isMetricComputed(registry: MetricRegistry, i: { source: IndicatorSource; metric: string | null }): boolean {
  return i.source === 'computed' && i.metric !== null && registry.has(i.metric);
}

/**
 * Computed indicators from their metrics, every other indicator from the reports source. An indicator bound to
 * a metric whose module is not installed yet (the recycling module's stations, say) is reported by its units
 * until the module arrives, rather than standing still at "not started".
 */
export function combinedObservationSource(registry: MetricRegistry, reported: ObservationSource): ObservationSource {
  const metrics = metricObservationSource(registry);
  const isComputed = (i: ObservedIndicator) => isMetricComputed(registry, i);
  return {
    async observe(db, indicators, query) {
      const [computed, fromReports] = await Promise.all([
        metrics.observe(db, indicators.filter(isComputed), query),
        reported.observe(
          db,
          indicators.filter((i) => !isComputed(i)),
          query,
        ),
      ]);
      return new Map([...fromReports, ...computed]);
    },
    async observeTowns(db, indicators, query) {
      const computedOnes = indicators.filter(isComputed);
      // A metric answers for one town at a time (MetricParams.townId), so computed indicators cost a metric call
      // per town; reported ones — every town-breakdown indicator of 晋政文〔2024〕98号 today — are one batch.
      const [computed, fromReports] = await Promise.all([
        computedOnes.length ? observeTowns(metrics, db, computedOnes, query) : Promise.resolve(new Map<number, Map<number, IndicatorObservations>>()),
        observeTowns(
          reported,
          db,
          indicators.filter((i) => !isComputed(i)),
          query,
        ),
      ]);
      return new Map(query.townIds.map((townId) => [townId, new Map([...(fromReports.get(townId) ?? []), ...(computed.get(townId) ?? [])])]));
    },
  };
}

/**
 * The figure a lower-bound metric gives beside a reported value, measured as the indicator is: what the indicator
 * would read were it computed from the metric. Counts over the same window the actual value covers (since plan
 * start for cumulative ones, the current calendar year otherwise); a level as of now; a growth as the plan computes
 * it — this year so far against the baseline pro-rated to the same part of the year, or against the same part of
 * the previous year, or in 百分点 the level less the baseline (or last year's level). One or two metric calls, not
 * the month-by-month series a computed indicator reads. Null when the metric is not registered or has no data.
 */
export async function lowerBoundFigure(
  db: Queryable,
  registry: MetricRegistry,
  indicator: { spec: IndicatorSpec; lowerBoundMetric: string | null },
  asOf: number,
  townId?: number | null,
): Promise<number | null> {
  const metric = indicator.lowerBoundMetric ? registry.get(indicator.lowerBoundMetric) : undefined;
  if (!metric) return null;
  const { spec } = indicator;
  const planStart = startOfDay(spec.planStart);
  const town = townId ? { townId } : {};
  const compute = (from: number, to: number) => metric.compute(db, { from: iso(from), to: iso(to), ...town });
  if (spec.kind !== 'growth') {
    const from = spec.kind === 'cumulative' ? planStart : Math.max(planStart, yearStart(shanghaiYear(asOf - 1)));
    if (asOf <= from) return null;
    return compute(from, asOf);
  }
  const year = shanghaiYear(asOf - 1);
  const windows: [number, number][] = [[yearStart(year), asOf]];
  if (spec.yearOnYear) windows.push(spec.unit === '百分点' ? [yearStart(year - 1), yearStart(year)] : [yearStart(year - 1), oneYearEarlier(asOf)]);
  const values = await Promise.all(windows.map(([from, to]) => compute(from, to)));
  if (values[0] === null) return null;
  const observations: Observation[] = windows.flatMap(([from, to], i) =>
    values[i] === null ? [] : [{ periodStart: iso(from), periodEnd: iso(to), value: values[i]! }],
  );
  return actualAt(spec, observations, asOf);
}
