import type { Queryable } from '../../../db/database.js';
import type { IndicatorObservations, ObservationSource } from '../observations/source.js';
import type { ReportStatus } from './tables.js';

/** Observations from accepted reports, with the baseline value reported for the indicator if there is one. */
export interface ReportedObservations extends IndicatorObservations {
  /**
   * The baseline-year value the lead unit reported (accepted), for growth indicators whose plan states only the
   * year. The plan's own `indicators.baseline_value`, when set, takes precedence.
   */
  baselineValue: number | null;
}

/**
 * Reports that count as missing for status: due (deadline passed) and not handed in or sent back and not yet
 * resubmitted. A report the unit submitted on time and the office has not decided on is not the unit's delay.
 */
export const MISSING_STATUSES: readonly ReportStatus[] = ['pending', 'draft', 'returned', 'corrected'];

/**
 * The reported indicators' observations, in four set-based queries whatever the number of indicators: the
 * ended periods, accepted values (the lead unit's for the city, the town's own for a town), missing reports counted per
 * indicator, and reported baselines. Each value covers its period [starts_at, ends_at).
 */
export const reportedObservationSource: ObservationSource & {
  observe(...args: Parameters<ObservationSource['observe']>): Promise<Map<number, ReportedObservations>>;
  observeTowns(...args: Parameters<NonNullable<ObservationSource['observeTowns']>>): Promise<Map<number, Map<number, ReportedObservations>>>;
} = {
  async observe(db: Queryable, indicators, query) {
    const out = new Map<number, ReportedObservations>();
    // The combined source sends here every indicator no installed metric computes.
    const ids = indicators.map((i) => i.id);
    if (!ids.length) return out;
    const townId = query.townId ?? null;
    for (const id of ids) out.set(id, { observations: [], missingReports: 0, baselineValue: null });

    // Periods are few (months × plans): read the ended ones once and join in memory, so the reports query is a
    // pure covering-index scan (indicator_id, role, status, period_id, value) with no per-row lookups.
    const accepted =
      townId === null
        ? db
            .selectFrom('plan_reports')
            .select(['indicator_id', 'period_id', 'value'])
            .where('indicator_id', 'in', ids)
            .where('role', '=', 'lead')
            .where('status', '=', 'accepted')
        : // A town only ever owes `town` reports (units are departments), so its organisation id selects them;
          // this uses the (organization_id, status, indicator_id, period_id, value) index.
          db
            .selectFrom('plan_reports')
            .select(['indicator_id', 'period_id', 'value'])
            .where('organization_id', '=', townId)
            .where('status', '=', 'accepted')
            .where('indicator_id', 'in', ids);

    let missing = db
      .selectFrom('plan_reports as r')
      .innerJoin('plan_reporting_periods as p', 'p.id', 'r.period_id')
      .select((eb) => ['r.indicator_id', eb.fn.countAll<number>().as('n')])
      .where('r.indicator_id', 'in', ids)
      .where('r.status', 'in', [...MISSING_STATUSES])
      .where('p.deadline_at', '<=', query.asOf)
      .groupBy('r.indicator_id');
    // The city's indicator is late when a responsible department is; a town's breakdown when that town is.
    missing = townId === null ? missing.where('r.role', 'in', ['lead', 'co']) : missing.where('r.role', '=', 'town').where('r.organization_id', '=', townId);

    const [periods, values, counts, baselines] = await Promise.all([
      db.selectFrom('plan_reporting_periods').select(['id', 'starts_at', 'ends_at']).where('ends_at', '<=', query.asOf).execute(),
      accepted.execute(),
      missing.execute(),
      db.selectFrom('plan_reported_baselines').select(['indicator_id', 'value']).where('indicator_id', 'in', ids).execute(),
    ]);
    const ended = new Map(periods.map((p) => [Number(p.id), p]));
    for (const v of values) {
      const p = ended.get(Number(v.period_id));
      if (p && v.value !== null) out.get(Number(v.indicator_id))?.observations.push({ periodStart: p.starts_at, periodEnd: p.ends_at, value: Number(v.value) });
    }
    for (const c of counts) {
      const o = out.get(Number(c.indicator_id));
      if (o) o.missingReports = Number(c.n);
    }
    for (const b of baselines) {
      const o = out.get(Number(b.indicator_id));
      if (o) o.baselineValue = Number(b.value);
    }
    return out;
  },

  /**
   * Every named town's own observations in the same four queries as one town's: the accepted values and the
   * missing counts are read for all the towns at once and split by organisation in memory.
   */
  async observeTowns(db: Queryable, indicators, query) {
    const out = new Map<number, Map<number, ReportedObservations>>();
    const ids = indicators.map((i) => i.id);
    const townIds = [...query.townIds];
    for (const townId of townIds) out.set(townId, new Map(ids.map((id) => [id, { observations: [], missingReports: 0, baselineValue: null }])));
    if (!ids.length || !townIds.length) return out;

    const [periods, values, counts, baselines] = await Promise.all([
      db.selectFrom('plan_reporting_periods').select(['id', 'starts_at', 'ends_at']).where('ends_at', '<=', query.asOf).execute(),
      // As for one town: a town's organisation id selects its own (`town`) reports.
      db
        .selectFrom('plan_reports')
        .select(['organization_id', 'indicator_id', 'period_id', 'value'])
        .where('organization_id', 'in', townIds)
        .where('status', '=', 'accepted')
        .where('indicator_id', 'in', ids)
        .execute(),
      db
        .selectFrom('plan_reports as r')
        .innerJoin('plan_reporting_periods as p', 'p.id', 'r.period_id')
        .select((eb) => ['r.organization_id', 'r.indicator_id', eb.fn.countAll<number>().as('n')])
        .where('r.indicator_id', 'in', ids)
        .where('r.status', 'in', [...MISSING_STATUSES])
        .where('p.deadline_at', '<=', query.asOf)
        .where('r.role', '=', 'town')
        .where('r.organization_id', 'in', townIds)
        .groupBy(['r.organization_id', 'r.indicator_id'])
        .execute(),
      db.selectFrom('plan_reported_baselines').select(['indicator_id', 'value']).where('indicator_id', 'in', ids).execute(),
    ]);
    const ended = new Map(periods.map((p) => [Number(p.id), p]));
    for (const v of values) {
      const p = ended.get(Number(v.period_id));
      if (p && v.value !== null)
        out
          .get(Number(v.organization_id))
          ?.get(Number(v.indicator_id))
          ?.observations.push({ periodStart: p.starts_at, periodEnd: p.ends_at, value: Number(v.value) });
    }
    for (const c of counts) {
      const o = out.get(Number(c.organization_id))?.get(Number(c.indicator_id));
      if (o) o.missingReports = Number(c.n);
    }
    // The reported baseline is the lead unit's, the same for every town (as `observe` gives it for one town).
    for (const b of baselines)
      for (const town of out.values()) {
        const o = town.get(Number(b.indicator_id));
        if (o) o.baselineValue = Number(b.value);
      }
    return out;
  },
};
