import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, DEMO_RESIDENT, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import type { ReportView } from '../reporting/reports/schema.js';
import { openPeriod, planIdOf, reportId } from '../reporting/testSupport.js';
import type { UnitRecordView, UnitRecordsView } from './schema.js';

/** "Now" for this file: 1 July 2025 in Shanghai (30 June in UTC). January is long overdue; June's deadline is the 5th. */
const NOW = shanghaiInstant('2025-07-01', '00:30');

/** Every report of a period, page by page, as the dashboard used to read them. */
async function allReports(c: TestClient, periodId: number): Promise<ReportView[]> {
  const out: ReportView[] = [];
  for (let page = 1; ; page++) {
    const res = (await c.get(`/api/plan-reports?periodId=${periodId}&page=${page}&pageSize=200`)).json() as { items: ReportView[]; total: number };
    out.push(...res.items);
    if (out.length >= res.total || res.items.length === 0) return out;
  }
}

/** The roll-up the dashboard page computed in the browser from those reports, before the server did it. */
function rollUpInBrowser(reports: ReportView[]): UnitRecordView[] {
  const units = new Map<number, UnitRecordView>();
  for (const r of reports) {
    const u = units.get(r.organization.id) ?? {
      organizationId: r.organization.id,
      name: r.organization.name,
      kind: r.organization.kind,
      ...{ total: 0, onTime: 0, late: 0, missing: 0, notDue: 0, accepted: 0, returned: 0 },
    };
    const handedIn = r.firstSubmittedAt !== null;
    u.total++;
    if (handedIn && !r.late) u.onTime++;
    if (handedIn && r.late) u.late++;
    if (r.overdue) u.missing++;
    if (!handedIn && !r.overdue) u.notDue++;
    if (r.status === 'accepted') u.accepted++;
    if (r.status === 'returned' || r.status === 'corrected') u.returned++;
    units.set(u.organizationId, u);
  }
  return [...units.values()];
}

describe('GET /api/plans/{id}/dashboard/units', () => {
  useFakeClock(NOW);
  let t: TestApp;
  let office: TestClient;
  let dept: TestClient;
  let planId: number;
  let january: { id: number };
  let june: { id: number };

  beforeAll(async () => {
    t = await createTestApp();
    office = await t.login('demo_office');
    dept = await t.login('demo_department'); // 市商务局
    planId = await planIdOf(t);
    january = await openPeriod(office, planId, '2025-01');
    june = await openPeriod(office, planId, '2025-06');
    const submit = async (periodId: number, code: string, value: number) => {
      const id = await reportId(t, periodId, code, '市商务局');
      const res = await dept.post(`/api/plan-reports/${id}/submit`, { value, narrative: '按月报送' });
      expect(res.statusCode, res.body).toBe(200);
      return id;
    };
    // January, after its deadline: late — one accepted, one returned, one returned and corrected since.
    const accepted = await submit(january.id, 'A2-S-01', 0.35);
    expect((await office.post(`/api/plan-reports/${accepted}/accept`)).statusCode).toBe(200);
    const returned = await submit(january.id, 'A2-S-02', 1);
    expect((await office.post(`/api/plan-reports/${returned}/return`, { reason: '请补充明细' })).statusCode).toBe(200);
    const corrected = await submit(january.id, 'A2-S-03', 1);
    expect((await office.post(`/api/plan-reports/${corrected}/return`, { reason: '请补充明细' })).statusCode).toBe(200);
    expect((await dept.put(`/api/plan-reports/${corrected}`, { value: 2 })).statusCode).toBe(200);
    // June, before its deadline: on time; another left as a draft (not due yet).
    await submit(june.id, 'A2-S-01', 0.4);
    const draft = await reportId(t, june.id, 'A2-S-02', '市商务局');
    expect((await dept.put(`/api/plan-reports/${draft}`, { value: 1 })).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  for (const which of ['january', 'june'] as const)
    it(`is the roll-up of the period’s reports the page used to compute (${which})`, async () => {
      const periodId = (which === 'january' ? january : june).id;
      const res = await office.get(`/api/plans/${planId}/dashboard/units?periodId=${periodId}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as UnitRecordsView;
      expect(body).toMatchObject({ planId, periodId });
      const reports = await allReports(office, periodId);
      expect(body.units).toEqual(rollUpInBrowser(reports));
      expect(body.units.reduce((n, u) => n + u.total, 0)).toBe(reports.length);
    });

  it('counts late, on-time, missing, not-due, accepted and returned reports as the report list marks them', async () => {
    const record = async (periodId: number) =>
      ((await office.get(`/api/plans/${planId}/dashboard/units?periodId=${periodId}`)).json() as UnitRecordsView).units.find((u) => u.name === '市商务局')!;
    const jan = await record(january.id);
    expect(jan).toMatchObject({ onTime: 0, late: 3, accepted: 1, returned: 2, notDue: 0 });
    expect(jan.missing).toBe(jan.total - 3);
    const jun = await record(june.id);
    expect(jun).toMatchObject({ onTime: 1, late: 0, missing: 0, accepted: 0, returned: 0 });
    expect(jun.notDue).toBe(jun.total - 1);
    // Towns owe their breakdowns too, and nothing of theirs is handed in.
    const towns = ((await office.get(`/api/plans/${planId}/dashboard/units?periodId=${january.id}`)).json() as UnitRecordsView).units.filter(
      (u) => u.kind === 'town',
    );
    expect(towns.length).toBeGreaterThan(10);
    for (const u of towns) expect(u.missing).toBe(u.total);
  });

  it('shows the latest period when none is named, and an empty record for a plan without periods', async () => {
    const latest = (await office.get(`/api/plans/${planId}/dashboard/units`)).json() as UnitRecordsView;
    expect(latest.periodId).toBe(june.id);
    const fresh = await createTestApp();
    try {
      const o = await fresh.login('demo_office');
      const empty = await o.get(`/api/plans/${await planIdOf(fresh)}/dashboard/units`);
      expect(empty.statusCode, empty.body).toBe(200);
      expect(empty.json()).toMatchObject({ periodId: null, units: [] });
    } finally {
      await fresh.close();
    }
  });

  it('an unknown plan or period is 404; a malformed period is 400', async () => {
    expect((await office.get('/api/plans/999999/dashboard/units')).statusCode).toBe(404);
    expect((await office.get(`/api/plans/${planId}/dashboard/units?periodId=999999`)).statusCode).toBe(404);
    expect((await office.get(`/api/plans/${planId}/dashboard/units?periodId=abc`)).statusCode).toBe(400);
  });

  it('auditors read every unit; a department or town reads its own record only, as it reads its own reports', async () => {
    const all = ((await office.get(`/api/plans/${planId}/dashboard/units?periodId=${january.id}`)).json() as UnitRecordsView).units;
    const auditor = (await (await t.login('demo_auditor')).get(`/api/plans/${planId}/dashboard/units?periodId=${january.id}`)).json() as UnitRecordsView;
    expect(auditor.units).toEqual(all);
    for (const [who, name] of [
      ['demo_department', '市商务局'],
      ['demo_town', '青阳街道'],
    ] as const) {
      const mine = (await (await t.login(who)).get(`/api/plans/${planId}/dashboard/units?periodId=${january.id}`)).json() as UnitRecordsView;
      expect(
        mine.units.map((u) => u.name),
        who,
      ).toEqual([name]);
      expect(mine.units[0]).toEqual(all.find((u) => u.name === name));
    }
  });

  it('businesses, residents and the administrator are refused; signed-out callers must sign in', async () => {
    for (const who of ['demo_enterprise', 'demo_merchant', 'demo_recycler', 'demo_admin', DEMO_RESIDENT.mobile])
      expect((await (await t.login(who)).get(`/api/plans/${planId}/dashboard/units`)).statusCode, who).toBe(403);
    expect((await t.anonymous.get(`/api/plans/${planId}/dashboard/units`)).statusCode).toBe(401);
  });
});
