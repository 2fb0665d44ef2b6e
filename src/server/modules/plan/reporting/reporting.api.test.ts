import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock, shanghaiInstant, shanghaiMonth, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';
import { reportedObservationSource } from './observations.js';
import { openPeriod, planIdOf, reportId, uploadEvidence } from './testSupport.js';

/**
 * The file runs on a clock it sets inside the plan (2024–2027): the first half hour of 1 July 2025 in Shanghai,
 * still 30 June in UTC — "this month" is July only if the server counts in Shanghai time.
 */
const NOW = shanghaiInstant('2025-07-01', '00:30');
const THIS_MONTH = '2025-07';

describe('plan reporting: the whole cycle', () => {
  useFakeClock(NOW);
  let t: TestApp;
  let planId: number;
  let january: { id: number; deadlineDate: string; counts: { total: number } };
  beforeAll(async () => {
    t = await createTestApp();
    planId = await planIdOf(t);
    january = await openPeriod(await t.login('demo_office'), planId, '2025-01');
  });
  afterAll(() => t.close());

  it('opening a period creates the reports it is owed and tells each unit once', async () => {
    expect(january.deadlineDate).toBe('2025-02-05');
    expect(january.counts.total).toBeGreaterThan(30);
    const office = await t.login('demo_office');
    expect((await office.post('/api/plan-periods', { planId, period: '2025-01' })).statusCode).toBe(409);
    expect((await office.post('/api/plan-periods', { planId, period: '2019-01' })).json().error.details[0].field).toBe('period');
    expect((await office.post('/api/plan-periods', { planId, period: '2025-13' })).statusCode).toBe(400);
    const dept = await t.login('demo_department');
    const notes = (await dept.get('/api/notifications')).json();
    expect(notes.items.filter((n: { kind: string }) => n.kind === 'plan_period_opened')).toHaveLength(1);
    expect(notes.items[0].message).toContain('2025-01');
    // Only the office opens periods.
    expect((await dept.post('/api/plan-periods', { planId, period: '2025-02' })).statusCode).toBe(403);
  });

  it('submit with evidence → returned with a reason → corrected and resubmitted → accepted; the indicator observes it', async () => {
    const dept = await t.login('demo_department');
    const office = await t.login('demo_office');
    const id = await reportId(t, january.id, 'A2-S-01', '市商务局'); // 汽车以旧换新数量, 万辆, 市商务局 leads
    const due = (await dept.get('/api/plan-workspace/due')).json() as { id: number; role: string; daysLeft: number; overdue: boolean }[];
    const mine = due.find((r) => r.id === id)!;
    expect(mine).toMatchObject({ role: 'lead', overdue: true });
    expect(mine.daysLeft).toBeLessThan(0);

    const observe = async () =>
      (
        await reportedObservationSource.observe(
          t.deps.database.db,
          [
            {
              id: (await dept.get(`/api/plan-reports/${id}`)).json().indicator.id,
              code: 'A2-S-01',
              kind: 'cumulative',
              unit: '万辆',
              source: 'reported',
              metric: null,
              yearOnYear: false,
              townBreakdown: false,
              planStart: '2024-06-05',
            },
          ],
          { asOf: new Date().toISOString() },
        )
      )
        .values()
        .next().value!;
    const before = await observe();
    expect(before.observations).toEqual([]);
    expect(before.missingReports).toBe(3); // 市商务局, 市公安局, 市城管局 all owe January

    // Checked against the indicator, and complete before it can go in.
    expect((await dept.put(`/api/plan-reports/${id}`, { value: -1 })).json().error.details[0]).toMatchObject({ field: 'value', reason: 'report.nonNegative' });
    const incomplete = await dept.post(`/api/plan-reports/${id}/submit`, {});
    expect(incomplete.statusCode).toBe(400);
    expect(
      incomplete
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['narrative', 'value']);

    const evidence = await uploadEvidence(dept);
    const submitted = await dept.post(`/api/plan-reports/${id}/submit`, { value: 0.35, narrative: '1月汽车以旧换新3500辆', attachmentIds: [evidence] });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', value: 0.35, late: true, submissionCount: 1, evidence: [{ id: evidence }] });
    // Submitted is not editable until the office decides.
    expect((await dept.put(`/api/plan-reports/${id}`, { value: 1 })).statusCode).toBe(409);

    // The office reads the evidence; another unit cannot even see the report.
    expect((await office.get(`/api/plan-reports/${id}/evidence/${evidence}`)).statusCode).toBe(200);
    expect((await (await t.login('demo_town')).get(`/api/plan-reports/${id}`)).statusCode).toBe(403);
    expect((await (await t.login('demo_finance')).put(`/api/plan-reports/${id}`, { value: 1 })).statusCode).toBe(403);

    expect((await dept.post(`/api/plan-reports/${id}/return`, { reason: '请补充' })).statusCode).toBe(403);
    expect((await office.post(`/api/plan-reports/${id}/return`, { reason: '' })).statusCode).toBe(400);
    const returned = await office.post(`/api/plan-reports/${id}/return`, { reason: '请补充新能源车辆明细' });
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '请补充新能源车辆明细' });
    const notes = (await dept.get('/api/notifications')).json().items as { kind: string; message: string }[];
    expect(notes.find((n) => n.kind === 'plan_report_returned')!.message).toContain('请补充新能源车辆明细');
    expect(((await dept.get('/api/plan-workspace/returned')).json() as { id: number }[]).map((r) => r.id)).toContain(id);

    const corrected = await dept.put(`/api/plan-reports/${id}`, { value: 0.4, narrative: '1月汽车以旧换新4000辆（含新能源1500辆）' });
    expect(corrected.json()).toMatchObject({ status: 'corrected', value: 0.4 });
    const resubmitted = await dept.post(`/api/plan-reports/${id}/submit`);
    expect(resubmitted.json()).toMatchObject({ status: 'submitted', submissionCount: 2, late: true });

    expect((await dept.post(`/api/plan-reports/${id}/accept`)).statusCode).toBe(403);
    const accepted = await office.post(`/api/plan-reports/${id}/accept`);
    expect(accepted.json()).toMatchObject({ status: 'accepted' });
    expect(accepted.json().events.map((e: { action: string }) => e.action)).toEqual(['save', 'submit', 'return', 'save', 'submit', 'accept']);
    expect((await office.post(`/api/plan-reports/${id}/accept`)).statusCode).toBe(409);
    expect(((await dept.get('/api/notifications')).json().items as { kind: string }[]).filter((n) => n.kind === 'plan_report_accepted')).toHaveLength(1);

    const after = await observe();
    expect(after.observations).toEqual([{ periodStart: '2024-12-31T16:00:00.000Z', periodEnd: '2025-01-31T16:00:00.000Z', value: 0.4 }]);
    expect(after.missingReports).toBe(2);
    const dashboard = (await office.get(`/api/plan-dashboard?planId=${planId}`)).json();
    const indicator = dashboard.indicators.find((i: { code: string }) => i.code === 'A2-S-01');
    expect(indicator).toMatchObject({ actual: 0.4, missingReports: 2, status: 'overdue' });
    const history = (await dept.get('/api/plan-workspace/history')).json();
    expect(history.items.map((r: { id: number }) => r.id)).toContain(id);
  });

  it('values are checked by kind: a share lies in 0–100, a count is whole', async () => {
    const dept = await t.login('demo_department');
    const share = await reportId(t, january.id, 'A2-S-03', '市商务局'); // 新增汽车中新能源汽车占比 %
    expect((await dept.put(`/api/plan-reports/${share}`, { value: 150 })).json().error.details[0].reason).toBe('report.percentRange');
    expect((await dept.put(`/api/plan-reports/${share}`, { value: 48.5 })).statusCode).toBe(200);
    const town = await t.login('demo_town');
    const elevators = await reportId(t, january.id, 'A1-T4-01', '青阳街道'); // 既有住宅新加装电梯数 台, town breakdown
    expect((await town.put(`/api/plan-reports/${elevators}`, { value: 1.5 })).json().error.details[0].reason).toBe('report.wholeNumber');
    expect((await town.put(`/api/plan-reports/${elevators}`, { value: 2 })).json()).toMatchObject({ status: 'draft', role: 'town' });
  });

  it('a growth indicator needs its baseline once; the accepted baseline is exposed with the observations', async () => {
    const dept = await t.login('demo_department');
    const office = await t.login('demo_office');
    const id = await reportId(t, january.id, 'A2-S-04', '市商务局'); // 限上家电企业年销售量较2023年增长20%
    const report = (await dept.get(`/api/plan-reports/${id}`)).json();
    expect(report).toMatchObject({ needsBaseline: true, baselineYear: 2023 });
    const missing = await dept.post(`/api/plan-reports/${id}/submit`, { value: 12000, narrative: '1月销售1.2万台' });
    expect(missing.json().error.details[0]).toMatchObject({ field: 'baselineValue', reason: 'report.baselineRequired' });
    expect((await dept.put(`/api/plan-reports/${id}`, { baselineValue: 0 })).json().error.details[0].reason).toBe('report.positive');
    expect((await dept.post(`/api/plan-reports/${id}/submit`, { value: 12000, narrative: '1月销售1.2万台', baselineValue: 150000 })).json().status).toBe(
      'submitted',
    );
    await office.post(`/api/plan-reports/${id}/accept`);
    const observed = await reportedObservationSource.observe(
      t.deps.database.db,
      [
        {
          id: report.indicator.id,
          code: 'A2-S-04',
          kind: 'growth',
          unit: '%',
          source: 'reported',
          metric: null,
          yearOnYear: false,
          townBreakdown: false,
          planStart: '2024-06-05',
        },
      ],
      { asOf: new Date().toISOString() },
    );
    expect(observed.get(report.indicator.id)).toMatchObject({ baselineValue: 150000, observations: [{ value: 12000 }] });
    // The workspace measures the growth against the reported baseline (the plan states only the year).
    const ws = (await dept.get('/api/plan-workspace')).json();
    expect(ws.indicators.find((i: { code: string }) => i.code === 'A2-S-04').actual).toBeCloseTo((12000 / (150000 * (31 / 365)) - 1) * 100, 0);
    // So do the office's dashboard and the indicator's trend (the briefing builds on the dashboard).
    const wsActual = ws.indicators.find((i: { code: string }) => i.code === 'A2-S-04').actual;
    const board = (await office.get(`/api/plan-dashboard?planId=${planId}`)).json();
    const row = board.indicators.find((i: { code: string }) => i.code === 'A2-S-04');
    expect(row.actual).not.toBeNull();
    expect(row.actual).toBeCloseTo(wsActual, 6);
    // A co-operating unit never reports the baseline.
    const co = await reportId(t, january.id, 'A2-S-04', '市工信局');
    const coView = await t.deps.database.db.selectFrom('plan_reports').select('role').where('id', '=', co).executeTakeFirstOrThrow();
    expect(coView.role).toBe('co');
  });

  it('late marking: after the deadline late, before it on time; a unit and a town see only their own', async () => {
    let office = await t.login('demo_office');
    let dept = await t.login('demo_department');
    expect(shanghaiMonth()).toBe(THIS_MONTH);
    const now = await openPeriod(office, planId, THIS_MONTH);
    expect(now.deadlineDate).toBe('2025-08-05');
    // The month after this one has not begun: it cannot be reported on yet.
    expect((await office.post('/api/plan-periods', { planId, period: '2025-08' })).json().error.details[0].field).toBe('period');
    const id = await reportId(t, now.id, 'A2-S-01', '市商务局');
    const onTime = await dept.post(`/api/plan-reports/${id}/submit`, { value: 0.2, narrative: '本月进展' });
    expect(onTime.json()).toMatchObject({ late: false, status: 'submitted' });
    const lateInJanuary = (await office.get(`/api/plan-reports?late=true&periodId=${january.id}`)).json().items as { late: boolean }[];
    expect(lateInJanuary.length).toBeGreaterThan(0);
    expect(lateInJanuary.every((r) => r.late)).toBe(true);
    expect((await office.get(`/api/plan-reports?late=true&periodId=${now.id}`)).json().total).toBe(0);

    // The deadline is the end of the 5th, Shanghai time: a minute before midnight is on time, a minute after is late.
    fakeClock(shanghaiInstant('2025-08-05', '23:59'));
    dept = await t.login('demo_department');
    const lastMinute = await dept.post(`/api/plan-reports/${await reportId(t, now.id, 'A2-S-02', '市商务局')}/submit`, {
      value: 12,
      narrative: '截止日最后一分钟报送',
    });
    expect(lastMinute.json()).toMatchObject({ late: false, status: 'submitted' });
    fakeClock(shanghaiInstant('2025-08-06', '00:01'));
    [office, dept] = [await t.login('demo_office'), await t.login('demo_department')];
    const lateId = await reportId(t, now.id, 'A2-S-03', '市商务局');
    const afterMidnight = await dept.post(`/api/plan-reports/${lateId}/submit`, { value: 48.5, narrative: '截止日次日报送' });
    expect(afterMidnight.json()).toMatchObject({ late: true, status: 'submitted' });
    expect(((await office.get(`/api/plan-reports?late=true&periodId=${now.id}`)).json().items as { id: number }[]).map((r) => r.id)).toEqual([lateId]);

    const town = await t.login('demo_town');
    const townList = (await town.get('/api/plan-reports?pageSize=200')).json();
    expect(townList.total).toBeGreaterThan(0);
    expect(townList.items.length).toBeGreaterThan(0);
    expect(townList.items.every((r: { organization: { name: string }; role: string }) => r.organization.name === '青阳街道' && r.role === 'town')).toBe(true);
    const deptList = (await dept.get('/api/plan-reports?pageSize=200')).json();
    expect(deptList.items.length).toBeGreaterThan(0);
    expect(deptList.items.every((r: { organization: { name: string } }) => r.organization.name === '市商务局')).toBe(true);
    const all = (await (await t.login('demo_auditor')).get('/api/plan-reports?pageSize=1')).json();
    expect(all.total).toBe(january.counts.total + now.counts.total);
    expect((await (await t.login('demo_enterprise')).get('/api/plan-reports')).statusCode).toBe(403);
    expect((await (await t.login('demo_admin')).get('/api/plan-periods')).statusCode).toBe(403);
  });

  it('the workspace lists my tasks and indicators with status; exports are scoped spreadsheets', async () => {
    const dept = await t.login('demo_department');
    const ws = (await dept.get('/api/plan-workspace')).json();
    expect(ws.organization.name).toBe('市商务局');
    expect(ws.indicators.map((i: { code: string }) => i.code)).toContain('A2-S-01');
    expect(ws.tasks.length).toBeGreaterThan(0);
    const town = (await (await t.login('demo_town')).get('/api/plan-workspace')).json();
    expect(town.indicators.length).toBeGreaterThan(0);
    expect(town.indicators.every((i: { role: string }) => i.role === 'town')).toBe(true);
    expect((await (await t.login('demo_office')).get('/api/plan-workspace')).statusCode).toBe(403);

    const xlsx = await (await t.login('demo_office')).get(`/api/plan-reports/export.xlsx?periodId=${january.id}&status=accepted`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(3); // header + the two accepted January reports (A2-S-01, A2-S-04)
    expect(sheet.getRow(2).getCell(9).text).toBe('已通过');
  });
});
