import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { DEMO_MONTHS, seedPlanDemoAt } from './seedDemo.js';

/**
 * The plan's lived-in demo on a clock inside the plan's years: mid-June 2026, after the May reports' deadline, so
 * the window runs 2025-01 … 2026-06 and every state of a report's workflow is found somewhere in it.
 */
const NOW = shanghaiInstant('2026-06-15', '10:00');
const THIS_MONTH = '2026-06';

describe('plan demo: 18 months of reports', () => {
  useFakeClock(NOW);
  let t: TestApp;
  let planId: number;
  let first: { months: number; reports: number };
  let elapsed = 0;
  const counts = async () => {
    const db = t.deps.database.db;
    const n = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) => Number((await q.executeTakeFirstOrThrow()).n);
    return {
      periods: await n(db.selectFrom('plan_reporting_periods').select((eb) => eb.fn.countAll<number>().as('n'))),
      reports: await n(db.selectFrom('plan_reports').select((eb) => eb.fn.countAll<number>().as('n'))),
      timeline: await n(db.selectFrom('record_timeline').select((eb) => eb.fn.countAll<number>().as('n'))),
      audit: await n(db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'))),
      notifications: await n(db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n'))),
      baselines: await n(db.selectFrom('plan_reported_baselines').select((eb) => eb.fn.countAll<number>().as('n'))),
    };
  };

  beforeAll(async () => {
    t = await createTestApp();
    planId = Number((await t.deps.database.db.selectFrom('plans').select('id').where('code', '=', 'JJ-2024-98').executeTakeFirstOrThrow()).id);
    const started = performance.now();
    first = await seedPlanDemoAt(t.deps, Date.now());
    elapsed = performance.now() - started;
  }, 120_000);
  afterAll(() => t.close());

  it('opens the 18 months that end with the current one, every report owed in each', async () => {
    const periods = await t.deps.database.db
      .selectFrom('plan_reporting_periods')
      .select(['period', 'status'])
      .where('plan_id', '=', planId)
      .orderBy('period')
      .execute();
    expect(periods.map((p) => p.period)).toEqual(Array.from({ length: DEMO_MONTHS }, (_, i) => addMonths(THIS_MONTH, i + 1 - DEMO_MONTHS)));
    expect(first.months).toBe(DEMO_MONTHS);
    // Old months are settled and closed; the last ones still take reports.
    expect(periods[0]!.status).toBe('closed');
    expect(periods.at(-1)!.status).toBe('open');
    expect(first.reports).toBe(
      Number(
        (
          await t.deps.database.db
            .selectFrom('plan_reports')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
    console.info(`plan demo seed: ${first.reports} reports over ${first.months} months in ${Math.round(elapsed)} ms`);
  });

  it('finds reports accepted, late, sent back and corrected, waiting, and not yet handed in', async () => {
    const db = t.deps.database.db;
    const rows = await db
      .selectFrom('plan_reports as r')
      .innerJoin('plan_reporting_periods as p', 'p.id', 'r.period_id')
      .select(['p.period', 'r.status', 'r.late', 'r.returned_at', 'r.submission_count', 'r.narrative'])
      .execute();
    const of = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).length;
    expect(of((r) => r.status === 'accepted')).toBeGreaterThan(rows.length * 0.7);
    expect(of((r) => r.late === 1 && r.status === 'accepted')).toBeGreaterThan(20);
    // Sent back, corrected and accepted: handed in twice.
    expect(of((r) => r.returned_at !== null && r.status === 'accepted' && r.submission_count === 2)).toBeGreaterThan(20);
    expect(of((r) => r.status === 'returned' || r.status === 'corrected')).toBeGreaterThan(0);
    expect(of((r) => r.status === 'submitted')).toBeGreaterThan(0);
    expect(of((r) => r.period === THIS_MONTH && r.status === 'pending')).toBeGreaterThan(0);
    // Every report a unit has written says it is demo data.
    expect(rows.filter((r) => r.narrative !== null).every((r) => r.narrative!.includes('演示'))).toBe(true);
    // Months long past hold nothing still open.
    expect(of((r) => r.period < addMonths(THIS_MONTH, -4) && r.status !== 'accepted')).toBe(0);
  });

  it('gives the reported indicators charts with a line: at least 12 monthly points', async () => {
    const office = await t.login('demo_office');
    const dashboard = (await office.get('/api/plan-dashboard')).json() as {
      indicators: { id: number; code: string; source: string; status: string; actual: number | null }[];
    };
    const yoy = new Set(
      (await t.deps.database.db.selectFrom('indicators').select('id').where('plan_id', '=', planId).where('year_on_year', '=', 1).execute()).map((r) =>
        Number(r.id),
      ),
    );
    const reported = dashboard.indicators.filter((i) => i.source === 'reported');
    expect(reported.length).toBeGreaterThan(20);
    for (const i of reported) {
      const trend = (await office.get(`/api/indicators/${i.id}/trend`)).json() as { points: { actual: number | null }[] };
      const points = trend.points.filter((p) => p.actual !== null).length;
      // A year-on-year growth has nothing to compare with before the window's second year begins.
      expect(points, i.code).toBeGreaterThanOrEqual(yoy.has(i.id) ? 1 : 12);
      expect(i.actual, i.code).not.toBeNull();
    }
    // Not a wall of one colour: the plan's line is met on some indicators and missed on others.
    const statuses = new Set(reported.map((i) => i.status));
    expect(statuses.has('on_track')).toBe(true);
    expect(statuses.size).toBeGreaterThan(1);
  });

  it('adds nothing when run again', async () => {
    const before = await counts();
    expect(await seedPlanDemoAt(t.deps, Date.now())).toEqual({ months: 0, reports: 0 });
    expect(await counts()).toEqual(before);
  });
});
