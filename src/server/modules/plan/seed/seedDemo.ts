import type { Seeder } from '../../../core/module.js';
import type { AppDeps } from '../../../core/deps.js';
import { addMonths, shanghaiMonth } from '../../../core/time.js';
import type { Queryable } from '../../../db/database.js';
import { monthlyPeriod } from '../reporting/periods/dates.js';
import { dueReportsOf } from '../reporting/periods/service.js';
import { acceptThroughService } from './demo/accept.js';
import { citySeries, townSeries, type CitySeries, type DemoIndicator } from './demo/values.js';
import { writeMonth, type DemoPeriod } from './demo/writeMonth.js';

/** The plan the demo reports on, and how many months of reports a newcomer finds. */
export const DEMO_PLAN_CODE = 'JJ-2024-98';
export const DEMO_MONTHS = 18;
const DEADLINE_DAY = 5;

/** The last `DEMO_MONTHS` months up to the current one (Asia/Shanghai), inside the plan's years. */
export function demoWindow(plan: { issued_on: string; end_year: number }, now: number): DemoPeriod[] {
  const last = [shanghaiMonth(now), `${plan.end_year}-12`].sort()[0]!;
  const first = [addMonths(last, 1 - DEMO_MONTHS), plan.issued_on.slice(0, 7)].sort()[1]!;
  const out: DemoPeriod[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) {
    const d = monthlyPeriod(m, DEADLINE_DAY);
    out.push({ period: m, startsAt: Date.parse(d.startsAt), endsAt: Date.parse(d.endsAt), deadlineDate: d.deadlineDate, deadlineAt: Date.parse(d.deadlineAt) });
  }
  return out;
}

async function reportedIndicators(db: Queryable, planId: number, planStart: string, ids: readonly number[]): Promise<Map<number, DemoIndicator>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('indicators').selectAll().where('plan_id', '=', planId).where('id', 'in', ids).execute();
  const targets = await db.selectFrom('indicator_targets').select(['indicator_id', 'year', 'value']).where('indicator_id', 'in', ids).orderBy('year').execute();
  return new Map(
    rows.map((r) => {
      const id = Number(r.id);
      return [
        id,
        {
          id,
          code: r.code,
          name: r.name,
          kind: r.kind,
          unit: r.unit,
          townBreakdown: r.town_breakdown === 1,
          spec: {
            kind: r.kind,
            comparator: r.comparator,
            unit: r.unit,
            baseline: r.baseline_year === null ? null : { year: r.baseline_year, value: r.baseline_value === null ? null : Number(r.baseline_value) },
            yearOnYear: r.year_on_year === 1,
            targets: targets.filter((t) => Number(t.indicator_id) === id).map((t) => ({ year: t.year, value: Number(t.value) })),
            planStart,
          },
        },
      ];
    }),
  );
}

/**
 * The plan's lived-in demo: 18 monthly periods ending with the current month, every report the plan is owed in
 * each, in the state its made-up story has reached by the seed's clock — old months accepted (some handed in late,
 * some sent back and corrected), last month still moving, this month still to do. Figures follow each indicator's
 * path toward its targets with noise; every report says it is 演示 (demo) data. Deterministic; months that already
 * have a period are left alone, so a second run adds nothing and a run in a new month adds that month.
 */
export async function seedPlanDemoAt(deps: AppDeps, now: number): Promise<{ months: number; reports: number }> {
  const db = deps.database.db;
  const plan = await db.selectFrom('plans').select(['id', 'issued_on', 'end_year']).where('code', '=', DEMO_PLAN_CODE).executeTakeFirst();
  if (!plan) return { months: 0, reports: 0 };
  const planId = Number(plan.id);
  const months = demoWindow(plan, now);
  const existing = new Set((await db.selectFrom('plan_reporting_periods').select('period').where('plan_id', '=', planId).execute()).map((r) => r.period));
  const missing = months.filter((m) => !existing.has(m.period));
  if (!missing.length) return { months: 0, reports: 0 };

  const due = await dueReportsOf(db, planId);
  const indicators = await reportedIndicators(db, planId, plan.issued_on, [...new Set(due.map((d) => d.indicatorId))]);
  const towns = [...new Set(due.filter((d) => d.role === 'town').map((d) => d.organizationId))].sort((a, b) => a - b);
  // Over the whole window, so that a month's figures do not depend on which months already exist.
  const series = new Map<number, { city: CitySeries; towns: Map<number, number[]> }>();
  for (const ind of indicators.values()) {
    const city = citySeries(ind, months);
    series.set(ind.id, { city, towns: ind.townBreakdown ? townSeries(ind, city.values, towns) : new Map() });
  }

  let reports = 0;
  for (const month of missing) {
    const k = months.indexOf(month);
    const accepted = await writeMonth(deps, {
      planId,
      month,
      due,
      indicators,
      cityValue: (id) => series.get(id)!.city.values[k]!,
      townValue: (id, townId) => series.get(id)!.towns.get(townId)?.[k] ?? 0,
      baseline: (id) => (k === 0 ? series.get(id)!.city.baseline : null),
      catchUp: (id) => k === 0 && series.get(id)!.city.catchUp,
      now,
    });
    await acceptThroughService(deps, accepted);
    reports += due.length;
  }
  return { months: missing.length, reports };
}

export const seedPlanDemo: Seeder = (deps) => seedPlanDemoAt(deps, Date.now());
