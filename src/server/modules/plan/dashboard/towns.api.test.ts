import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate, shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, DEMO_RESIDENT, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { openPeriod, planIdOf } from '../reporting/testSupport.js';
import { summarise } from '../status/rollup.js';
import type { DashboardView, TownsDashboardView } from './schema.js';

/** The fields of a per-town dashboard row the all-towns answer carries. */
const FIELDS = ['id', 'code', 'actual', 'expected', 'target', 'targetYear', 'progress', 'status', 'reason', 'forecast', 'missingReports'] as const;
const pick = (row: Record<string, unknown>) => Object.fromEntries(FIELDS.map((k) => [k, row[k]]));

/** "Now" for this file: inside the plan (2024–2027), half past midnight in Shanghai (the evening before in UTC). */
const NOW = shanghaiInstant('2026-07-01', '00:30');

describe('GET /api/plans/{id}/dashboard/towns', () => {
  useFakeClock(NOW);
  let t: TestApp;
  let office: TestClient;
  let planId: number;
  let towns: { id: number; name: string }[];

  beforeAll(async () => {
    t = await createTestApp();
    office = await t.login('demo_office');
    planId = await planIdOf(t);
    towns = (await t.anonymous.get('/api/towns')).json();
    // Two past periods: every town owes its breakdown reports (missing once the deadline has passed) …
    const january = await openPeriod(office, planId, '2025-01');
    const february = await openPeriod(office, planId, '2025-02');
    // … 青阳街道 reports January through the API and the office accepts …
    const town = await t.login('demo_town');
    const due = (await town.get('/api/plan-workspace/due')).json() as { id: number; period: string; indicator: { unit: string; kind: string } }[];
    const januaryDue = due.filter((r) => r.period === '2025-01');
    expect(januaryDue.length).toBeGreaterThan(3);
    for (const [i, r] of januaryDue.entries()) {
      const submitted = await town.post(`/api/plan-reports/${r.id}/submit`, { value: i + 1, narrative: '按月报送' });
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect((await office.post(`/api/plan-reports/${r.id}/accept`)).statusCode).toBe(200);
    }
    // … and two more towns have accepted figures for both months (written directly: the API path is tested above).
    const others = towns.filter((x) => x.name !== '青阳街道').slice(0, 2);
    for (const [n, other] of others.entries())
      await t.deps.database.db
        .updateTable('plan_reports')
        .set({ status: 'accepted', value: 5 * (n + 1), accepted_at: new Date().toISOString() })
        .where('organization_id', '=', other.id)
        .where('role', '=', 'town')
        .where('period_id', 'in', [january.id, february.id])
        .execute();
  });
  afterAll(() => t.close());

  // Dated evaluations, today's included: with no date both dashboards evaluate "now", two instants a few
  // milliseconds apart, and expected values move with time.
  for (const asOf of [shanghaiDate(NOW), '2025-03-20', '2025-02-01'])
    it(`every town’s figures equal its per-town dashboard (asOf ${asOf})`, async () => {
      const suffix = `?asOf=${asOf}`;
      const res = await office.get(`/api/plans/${planId}/dashboard/towns${suffix}`);
      expect(res.statusCode, res.body).toBe(200);
      const all = res.json() as TownsDashboardView;
      expect(all.planId).toBe(planId);
      expect(all.towns.map((x) => x.townId)).toEqual(towns.map((x) => x.id));
      expect(all.indicators.length).toBeGreaterThan(5);
      const breakdownIds = new Set(all.indicators.map((i) => i.id));
      let withFigures = 0;
      for (const town of all.towns) {
        const one = (await office.get(`/api/plan-dashboard?planId=${planId}&townId=${town.townId}&asOf=${asOf}`)).json() as DashboardView;
        expect(all.asOf).toBe(one.asOf);
        const expected = one.indicators.filter((i) => breakdownIds.has(i.id));
        expect(town.indicators.map((i) => i.id)).toEqual(all.indicators.map((i) => i.id));
        expect(town.indicators).toEqual(expected.map(pick));
        expect({ counts: town.counts, total: town.total, meanProgress: town.meanProgress }).toEqual(summarise(expected));
        // Computed indicators give every town a figure, 0 where it has no records: count the towns with one that is not.
        if (town.indicators.some((i) => i.actual !== null && i.actual !== 0)) withFigures++;
      }
      // The comparison is not vacuous: the three towns with reports have figures, and the overdue ones are told apart.
      if (asOf !== '2025-02-01') expect(withFigures).toBe(3);
      expect(new Set(all.towns.flatMap((x) => x.indicators.map((i) => i.status))).size).toBeGreaterThan(1);
    });

  it('every reader of the dashboard may read it, as of now by default; an unknown plan is 404', async () => {
    const now = (await office.get(`/api/plans/${planId}/dashboard/towns`)).json() as TownsDashboardView;
    expect(Math.abs(Date.parse(now.asOf) - Date.now())).toBeLessThan(60_000);
    expect(Date.parse(now.asOf)).toBeGreaterThanOrEqual(NOW.getTime());
    expect(now.towns).toHaveLength(towns.length);
    for (const reader of ['demo_department', 'demo_town', 'demo_auditor'])
      expect((await (await t.login(reader)).get(`/api/plans/${planId}/dashboard/towns`)).statusCode, reader).toBe(200);
    const unknown = await office.get('/api/plans/999999/dashboard/towns');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    expect((await office.get(`/api/plans/${planId}/dashboard/towns?asOf=2025-13-40`)).statusCode).toBe(400);
  });

  it('businesses, residents and the administrator are refused', async () => {
    for (const who of ['demo_enterprise', 'demo_merchant', 'demo_recycler', 'demo_admin', DEMO_RESIDENT.mobile]) {
      const res = await (await t.login(who)).get(`/api/plans/${planId}/dashboard/towns`);
      expect(res.statusCode, who).toBe(403);
      // The same refusal as the per-town dashboard's.
      expect((await (await t.login(who)).get(`/api/plan-dashboard?planId=${planId}&townId=${towns[0]!.id}`)).statusCode, who).toBe(403);
    }
    expect((await t.anonymous.get(`/api/plans/${planId}/dashboard/towns`)).statusCode).toBe(401);
  });

  // A far-future asOf kept the server's event loop busy for ever (found by the fuzzer, year 3836): it is refused on
  // the field, and the last day allowed still answers.
  it('refuses an asOf outside 2000–2099 on the field and answers at its edge', async () => {
    for (const url of [`/api/plan-dashboard?asOf=3836-02-29`, `/api/plans/${planId}/dashboard/towns?asOf=2100-01-01`]) {
      const res = await office.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ field: 'asOf', reason: 'date.outOfRange' });
    }
    expect((await office.get('/api/plan-dashboard?asOf=2099-12-31')).statusCode).toBe(200);
  });
});
