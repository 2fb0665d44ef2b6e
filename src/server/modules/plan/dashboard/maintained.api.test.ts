import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shanghaiDate, shanghaiInstant } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import type { RequestContext } from '../../../core/context.js';
import { metricRegistry } from '../metrics/index.js';
import { combinedObservationSource } from '../observations/source.js';
import { reportedObservationSource } from '../reporting/index.js';
import { openPeriod, planIdOf } from '../reporting/testSupport.js';
import { buildMaintainedDashboard, dashboardCache, dataVersion } from './maintained.js';
import { rebuildDashboard } from './rebuild.js';
import { dashboardSchema, type DashboardQuery, type DashboardView } from './schema.js';
import { buildDashboard } from './service.js';

/**
 * The maintained dashboard answers exactly what the dashboard recomputed from every report answers, over a
 * randomised set of reports (statuses, values, decisions through the API), for the city and single towns, at
 * several dates and now — and goes on doing so after further changes, through the triggers alone.
 */
const NOW = shanghaiInstant('2026-07-01', '00:30').getTime();
const SEED = Number(process.env.HX_DASHBOARD_SEED ?? Date.now() % 1_000_000);

/** mulberry32: a small seeded generator, so a failure names the seed that reproduces it. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES = ['pending', 'draft', 'submitted', 'returned', 'corrected', 'accepted'] as const;
const strip = ({ dataAsOf: _a, dataVersion: _v, ...rest }: DashboardView) => rest;

describe(`maintained dashboard = recomputed dashboard (seed ${SEED})`, () => {
  const rand = random(SEED);
  const pickOf = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  let t: TestApp;
  let office: TestClient;
  let planId: number;
  let ctx: RequestContext;
  let scopes: (number | undefined)[];
  let dates: string[];
  const measure = { registry: metricRegistry, observations: combinedObservationSource(metricRegistry, reportedObservationSource) };
  const warm = dashboardCache(5 * 60_000);

  /** Random statuses and values written straight to the reports: the triggers must follow whatever path writes. */
  async function scramble(share: number) {
    const db = t.deps.database.db;
    const reports = await db.selectFrom('plan_reports').select(['id']).where('plan_id', '=', planId).execute();
    for (const r of reports) {
      if (rand() > share) continue;
      const status = pickOf(STATUSES);
      const value = rand() < 0.15 ? null : Math.round(rand() * 2000) / 10;
      await db.updateTable('plan_reports').set({ status, value }).where('id', '=', r.id).execute();
    }
  }

  async function expectSame(label: string, q: DashboardQuery) {
    const reference = await buildDashboard(t.deps, ctx, measure, q);
    const fresh = await buildMaintainedDashboard(t.deps, ctx, measure, dashboardCache(0), q);
    const kept = await buildMaintainedDashboard(t.deps, ctx, measure, warm, q);
    expect(strip(fresh), label).toEqual(strip(reference));
    expect(strip(kept), label).toEqual(strip(reference));
    return reference;
  }

  async function expectAllSame(stage: string) {
    let compared = 0;
    for (const townId of scopes)
      for (const asOf of [undefined, ...dates]) {
        await expectSame(`${stage} town=${townId ?? 'city'} asOf=${asOf ?? 'now'}`, { planId, ...(asOf ? { asOf } : {}), ...(townId ? { townId } : {}) });
        compared += 1;
      }
    return compared;
  }

  beforeAll(async () => {
    // Only Date is frozen: both paths evaluate "now" at the same instant.
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    t = await createTestApp();
    office = await t.login('demo_office');
    ctx = {
      actor: { kind: 'user', userId: null, username: 'office', role: 'office', organizationId: null, organizationKind: null, townId: null, sessionId: null },
      requestId: null,
      ip: null,
      locale: 'zh-CN',
    };
    planId = await planIdOf(t);
    await openPeriod(office, planId, '2026-05');
    await openPeriod(office, planId, '2026-06');
    const towns = (await t.anonymous.get('/api/towns')).json() as { id: number }[];
    scopes = [undefined, pickOf(towns).id, pickOf(towns).id];
    const periods = await t.deps.database.db.selectFrom('plan_reporting_periods').select(['ends_at', 'deadline_at']).where('plan_id', '=', planId).execute();
    // Period ends and deadlines (the days observations and missing reports change on), the plan's start, random days.
    dates = [
      shanghaiDate(Date.parse(pickOf(periods).ends_at)),
      shanghaiDate(Date.parse(pickOf(periods).deadline_at) - 1),
      shanghaiDate(Date.parse(pickOf(periods).deadline_at)),
      '2024-06-04',
      '2024-06-05',
      shanghaiDate(NOW - Math.floor(rand() * 700) * 86_400_000),
      '2027-12-31',
    ];
  });
  afterAll(async () => {
    await t.close();
    vi.useRealTimers();
  });

  it('answers alike over the demo reports and randomised statuses and values', async () => {
    expect(await expectAllSame('demo')).toBe(24);
    await scramble(0.4);
    await expectAllSame('scrambled');
  });

  it('follows decisions made through the API: accepted, returned, corrected and accepted again', async () => {
    const town = await t.login('demo_town');
    const due = (await town.get('/api/plan-workspace/due')).json() as { id: number }[];
    expect(due.length).toBeGreaterThan(2);
    const before = (await dataVersion(t.deps.database.db)).version;
    for (const [i, r] of due.slice(0, 6).entries()) {
      expect((await town.post(`/api/plan-reports/${r.id}/submit`, { value: 10 + i, narrative: '按月报送' })).statusCode).toBe(200);
      if (i % 2 === 0) {
        expect((await office.post(`/api/plan-reports/${r.id}/accept`)).statusCode).toBe(200);
        continue;
      }
      expect((await office.post(`/api/plan-reports/${r.id}/return`, { reason: '数据口径不一致，请核实' })).statusCode).toBe(200);
      await expectSame(`returned ${r.id}`, { planId });
      expect((await town.post(`/api/plan-reports/${r.id}/submit`, { value: 20 + i, narrative: '已更正' })).statusCode).toBe(200);
      expect((await office.post(`/api/plan-reports/${r.id}/accept`)).statusCode).toBe(200);
    }
    expect((await dataVersion(t.deps.database.db)).version).toBeGreaterThan(before);
    await expectAllSame('decided');
  });

  it('follows the plan tree: a target edited in SQL changes the answer at once', async () => {
    const db = t.deps.database.db;
    const target = await db.selectFrom('indicator_targets').select(['indicator_id', 'year', 'value']).orderBy('indicator_id').executeTakeFirstOrThrow();
    await db
      .updateTable('indicator_targets')
      .set({ value: Number(target.value) * 3 + 1 })
      .where('indicator_id', '=', target.indicator_id)
      .where('year', '=', target.year)
      .execute();
    await expectAllSame('target edited');
  });

  it('serves the same answer over HTTP, valid against the schema, with when its data is from', async () => {
    const asOf = dates[0]!;
    const res = await office.get(`/api/plan-dashboard?planId=${planId}&asOf=${asOf}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = dashboardSchema.parse(res.json());
    expect(strip(body)).toEqual(strip(await buildDashboard(t.deps, ctx, measure, { planId, asOf })));
    expect(body.dataVersion).toBe((await dataVersion(t.deps.database.db)).version);
    // Reports are maintained as they are decided: the data is complete to the asOf instant, or to now if sooner.
    expect(body.dataAsOf).toBe(new Date(Math.min(Date.parse(body.asOf), NOW)).toISOString());
  });

  it('is rebuilt from the reports when the maintained rows were lost', async () => {
    const db = t.deps.database.db;
    // Where an observation is (the randomised statuses may leave none for the city, only for a town), and after
    // every period has ended, so that losing it must show.
    const one = await db
      .selectFrom('plan_dashboard_observations as d')
      .innerJoin('organizations as o', 'o.id', 'd.organization_id')
      .select(['d.organization_id', 'd.lead'])
      .where((eb) => eb.or([eb('d.lead', '=', 1), eb('o.kind', '=', 'town')]))
      .executeTakeFirstOrThrow();
    const atEnd = { planId, asOf: '2027-12-31', ...(Number(one.lead) === 1 ? {} : { townId: Number(one.organization_id) }) };
    await sql`delete from plan_dashboard_observations`.execute(db);
    await sql`update plan_dashboard_state set version = version + 1`.execute(db);
    const broken = await buildMaintainedDashboard(t.deps, ctx, measure, dashboardCache(0), atEnd);
    const reference = await buildDashboard(t.deps, ctx, measure, atEnd);
    expect(strip(broken)).not.toEqual(strip(reference));
    const rebuilt = await rebuildDashboard(t.deps);
    expect(rebuilt.observations).toBeGreaterThan(0);
    await expectAllSame('rebuilt');
  });
});
