import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock, shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { openPeriod, planIdOf, reportId, uploadEvidence } from '../reporting/testSupport.js';

/**
 * Supervision orders through the API: every move by the role it belongs to, refusals for the others, field errors,
 * two signs at once, the overdue list; then the three-colour alerts computed on a clock the file sets inside the plan.
 */
const NOW = shanghaiInstant('2025-07-01', '09:00');

async function idOf(t: TestApp, table: 'indicators' | 'organizations', column: 'code' | 'name', value: string): Promise<number> {
  const row = await t.deps.database.db
    .selectFrom(table)
    .select('id')
    .where(column as never, '=', value as never)
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

describe('supervision orders', () => {
  useFakeClock(NOW);
  let t: TestApp;
  let planId: number;
  let indicatorId: number;
  let commerce: number;
  let town: number;
  beforeAll(async () => {
    t = await createTestApp();
    planId = await planIdOf(t);
    indicatorId = await idOf(t, 'indicators', 'code', 'A2-S-01');
    commerce = await idOf(t, 'organizations', 'name', '市商务局');
    town = await idOf(t, 'organizations', 'name', '青阳街道');
  });
  afterAll(() => t.close());

  const raise = (office: TestClient, extra: Record<string, unknown> = {}) =>
    office.post('/api/plan-orders', {
      planId,
      subject: 'indicator',
      subjectId: indicatorId,
      organizationId: commerce,
      matter: '汽车以旧换新进度滞后',
      requirement: '请说明原因并报送加快推进措施',
      deadlineDate: '2025-07-10',
      ...extra,
    });

  it('raise → issue → sign → handle → feedback with evidence → return → feedback → close, each on the timeline and told', async () => {
    const office = await t.login('demo_office');
    const dept = await t.login('demo_department');
    const raised = await raise(office);
    expect(raised.statusCode, raised.body).toBe(201);
    const order = raised.json();
    expect(order).toMatchObject({ status: 'draft', subjectTitle: expect.any(String), organization: { id: commerce }, actions: ['issue'] });
    // A draft is the office's own: the unit neither reads nor lists it.
    expect((await dept.get(`/api/plan-orders/${order.id}`)).statusCode).toBe(403);
    expect(((await dept.get('/api/plan-orders?pageSize=200')).json().items as { id: number }[]).map((o) => o.id)).not.toContain(order.id);
    expect((await dept.post(`/api/plan-orders/${order.id}/issue`)).statusCode).toBe(403);

    expect((await office.post(`/api/plan-orders/${order.id}/issue`)).json()).toMatchObject({ status: 'issued' });
    const issuedNote = ((await dept.get('/api/notifications')).json().items as { kind: string; message: string }[]).find((n) => n.kind === 'plan_order_issued');
    expect(issuedNote!.message).toContain('汽车以旧换新进度滞后');
    expect((await dept.get(`/api/plan-orders/${order.id}`)).json().actions).toEqual(['sign']);

    // Only the unit addressed signs: not another unit, not the office.
    expect((await (await t.login('demo_town')).post(`/api/plan-orders/${order.id}/sign`)).statusCode).toBe(403);
    expect((await office.post(`/api/plan-orders/${order.id}/sign`)).statusCode).toBe(403);
    expect((await dept.post(`/api/plan-orders/${order.id}/feedback`, { feedback: '已完成' })).statusCode).toBe(409);
    expect((await dept.post(`/api/plan-orders/${order.id}/sign`)).json()).toMatchObject({ status: 'signed', signedAt: expect.any(String) });
    expect(((await office.get('/api/notifications')).json().items as { kind: string }[]).some((n) => n.kind === 'plan_order_signed')).toBe(true);
    expect((await dept.post(`/api/plan-orders/${order.id}/handle`, { note: '已部署专人跟进' })).json().status).toBe('handling');

    const evidence = await uploadEvidence(dept, '推进措施.png');
    const fed = await dept.post(`/api/plan-orders/${order.id}/feedback`, { feedback: '已召开推进会，制定分月计划', attachmentIds: [evidence] });
    expect(fed.json()).toMatchObject({ status: 'fed_back', feedback: '已召开推进会，制定分月计划', evidence: [{ id: evidence }] });
    expect((await office.get(`/api/plan-orders/${order.id}/evidence/${evidence}`)).statusCode).toBe(200);
    expect((await (await t.login('demo_town')).get(`/api/plan-orders/${order.id}`)).statusCode).toBe(403);

    expect((await dept.post(`/api/plan-orders/${order.id}/return`, { reason: '请补充' })).statusCode).toBe(403);
    expect((await office.post(`/api/plan-orders/${order.id}/return`, { reason: '' })).json().error.details[0].field).toBe('reason');
    const returned = await office.post(`/api/plan-orders/${order.id}/return`, { reason: '请补充分月计划的责任分工' });
    expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '请补充分月计划的责任分工', returnCount: 1 });
    const back = ((await dept.get('/api/notifications')).json().items as { kind: string; message: string }[]).find((n) => n.kind === 'plan_order_returned');
    expect(back!.message).toContain('请补充分月计划的责任分工');

    expect((await dept.post(`/api/plan-orders/${order.id}/feedback`, { feedback: '已补充责任分工表', attachmentIds: [evidence] })).json().status).toBe(
      'fed_back',
    );
    expect(((await office.get('/api/notifications')).json().items as { kind: string }[]).filter((n) => n.kind === 'plan_order_fed_back')).toHaveLength(2);
    const closed = await office.post(`/api/plan-orders/${order.id}/close`, { note: '措施具体，予以办结' });
    expect(closed.json()).toMatchObject({ status: 'closed', reviewNote: '措施具体，予以办结', actions: [] });
    expect(closed.json().events.map((e: { action: string }) => e.action)).toEqual([
      'raise',
      'issue',
      'sign',
      'handle',
      'feedback',
      'return',
      'feedback',
      'close',
    ]);
    expect((await office.post(`/api/plan-orders/${order.id}/close`)).statusCode).toBe(409);

    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'plan_supervision_order')
      .where('entity_id', '=', String(order.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['raise', 'issue', 'sign', 'handle', 'feedback', 'return', 'close']));
  });

  it('field errors in the caller’s language; only the office raises', async () => {
    const office = await t.login('demo_office');
    const fields = async (body: Record<string, unknown>) => {
      const res = await raise(office, body);
      expect(res.statusCode).toBe(400);
      return (res.json().error.details as { field: string; reason: string }[]).map((d) => `${d.field}:${d.reason}`);
    };
    expect(await fields({ subjectId: 999999 })).toEqual(['subjectId:order.subjectUnknown']);
    const theOffice = await t.deps.database.db.selectFrom('organizations').select('id').where('kind', '=', 'office').executeTakeFirstOrThrow();
    expect(await fields({ organizationId: Number(theOffice.id) })).toEqual(['organizationId:order.notAUnit']);
    expect(await fields({ deadlineDate: '2025-06-30' })).toEqual(['deadlineDate:order.deadlinePast']);
    expect(await fields({ deadlineDate: '2025-02-30' })).toEqual(['deadlineDate:order.deadlineInvalid']);
    expect((await raise(office, { matter: 'x' })).json().error.details[0].field).toBe('matter');
    const en = await office.post(
      '/api/plan-orders',
      { planId, subject: 'task', subjectId: 999999, organizationId: commerce, matter: '事项', requirement: '要求', deadlineDate: '2025-07-10' },
      { 'accept-language': 'en' },
    );
    expect(en.json().error.details[0].message).toBe('The plan has no such indicator, task or milestone');
    expect((await raise(await t.login('demo_department'))).statusCode).toBe(403);
    expect((await raise(await t.login('demo_auditor'))).statusCode).toBe(403);

    // Evidence must be the unit's own upload.
    const order = (await raise(office, { issue: true })).json();
    expect(order.status).toBe('issued');
    const dept = await t.login('demo_department');
    await dept.post(`/api/plan-orders/${order.id}/sign`);
    const othersFile = await uploadEvidence(await t.login('demo_town'));
    const refused = await dept.post(`/api/plan-orders/${order.id}/feedback`, { feedback: '已办理', attachmentIds: [othersFile] });
    expect(refused.json().error.details[0]).toMatchObject({ field: 'attachmentIds.0', reason: 'order.evidenceNotOwn' });
    expect((await dept.get(`/api/plan-orders/${order.id}`)).json().status).toBe('signed');
  });

  it('two members signing at once: one succeeds, the other gets 409', async () => {
    const office = await t.login('demo_office');
    const order = (await raise(office, { issue: true })).json();
    const [a, b] = [await t.login('demo_department'), await t.login('demo_department')];
    const codes = (await Promise.all([a.post(`/api/plan-orders/${order.id}/sign`), b.post(`/api/plan-orders/${order.id}/sign`)])).map((r) => r.statusCode);
    expect(codes.sort()).toEqual([200, 409]);
    const events = (await office.get(`/api/plan-orders/${order.id}`)).json().events as { action: string }[];
    expect(events.filter((e) => e.action === 'sign')).toHaveLength(1);
  });

  it('overdue orders are listed; units see their own; the list is searched, sorted and exported', async () => {
    fakeClock(NOW);
    const office = await t.login('demo_office');
    const due = (await raise(office, { issue: true, deadlineDate: '2025-07-01', matter: '限期报送基数材料', organizationId: town })).json();
    fakeClock(shanghaiInstant('2025-07-03', '09:00'));
    const [office2, townUser, dept, auditor] = [
      await t.login('demo_office'),
      await t.login('demo_town'),
      await t.login('demo_department'),
      await t.login('demo_auditor'),
    ];
    const overdue = (await office2.get(`/api/plan-orders?overdue=true&planId=${planId}&pageSize=200`)).json();
    expect(overdue.items.map((o: { id: number }) => o.id)).toContain(due.id);
    expect(overdue.items.every((o: { overdue: boolean }) => o.overdue)).toBe(true);
    expect(((await office2.get('/api/plan-orders?overdue=false&pageSize=200')).json().items as { id: number }[]).map((o) => o.id)).not.toContain(due.id);
    const townList = (await townUser.get('/api/plan-orders?pageSize=200')).json();
    expect(townList.items.map((o: { id: number }) => o.id)).toContain(due.id);
    expect(townList.items.every((o: { organization: { id: number } }) => o.organization.id === town)).toBe(true);
    expect(((await dept.get('/api/plan-orders?pageSize=200')).json().items as { id: number }[]).map((o) => o.id)).not.toContain(due.id);
    const all = (await auditor.get('/api/plan-orders?pageSize=1')).json();
    expect(all.total).toBeGreaterThanOrEqual(4);
    expect(all.items).toHaveLength(1);
    const found = (await office2.get(`/api/plan-orders?q=${encodeURIComponent('基数材料')}`)).json();
    expect(found.items.map((o: { id: number }) => o.id)).toEqual([due.id]);
    const sorted = (await office2.get('/api/plan-orders?sort=deadline&order=asc&pageSize=200')).json().items as { deadlineDate: string }[];
    expect(sorted.map((o) => o.deadlineDate)).toEqual([...sorted.map((o) => o.deadlineDate)].sort());
    expect((await (await t.login('demo_enterprise')).get('/api/plan-orders')).statusCode).toBe(403);

    const xlsx = await office2.get('/api/plan-orders/export.xlsx?overdue=true');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(overdue.total + 1);
    fakeClock(NOW);
  });
});

describe('three-colour alerts on a fake clock', () => {
  useFakeClock(NOW);
  let t: TestApp;
  let planId: number;
  beforeAll(async () => {
    t = await createTestApp();
    planId = await planIdOf(t);
  });
  afterAll(() => t.close());

  type Alert = { subject: string; subjectId: number; colour: string; title: string; reason: string; message: string; organizationId: number | null };
  const alertOf = (items: Alert[], subject: string, id: number) => items.find((a) => a.subject === subject && a.subjectId === id);

  it('a low value accepted turns the indicator yellow; a missed report deadline turns it red; units are told once', async () => {
    const office = await t.login('demo_office');
    const dept = await t.login('demo_department');
    const june = await openPeriod(office, planId, '2025-06');
    const id = await reportId(t, june.id, 'A2-S-01', '市商务局');
    expect((await dept.post(`/api/plan-reports/${id}/submit`, { value: 0.01, narrative: '6月完成100辆' })).statusCode).toBe(200);
    expect((await office.post(`/api/plan-reports/${id}/accept`)).statusCode).toBe(200);
    const indicator = (await dept.get(`/api/plan-reports/${id}`)).json().indicator.id as number;

    expect((await dept.post('/api/plan-alerts/refresh', {})).statusCode).toBe(403);
    const run = await office.post('/api/plan-alerts/refresh', { planId });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()[0]).toMatchObject({ day: '2025-07-01' });
    const alerts = (await office.get(`/api/plan-alerts?planId=${planId}`)).json();
    expect(alerts.day).toBe('2025-07-01');
    const yellow = alertOf(alerts.items, 'indicator', indicator)!;
    expect(yellow).toMatchObject({ colour: 'yellow', reason: 'plan.alert.reason.behindSchedule' });
    expect(yellow.message).toContain('序时进度');
    // Red first, then yellow, then blue.
    const rank = { red: 0, yellow: 1, blue: 2 } as Record<string, number>;
    const ranks = (alerts.items as Alert[]).map((a) => rank[a.colour]!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const notes = async () =>
      ((await (await t.login('demo_department')).get('/api/notifications')).json().items as { kind: string }[]).filter((n) => n.kind.startsWith('plan_alert_'));
    const yellowNotes = (await notes()).filter((n) => n.kind === 'plan_alert_yellow').length;
    expect(yellowNotes).toBeGreaterThan(0);
    // A rerun the same day (or the scheduled job) replaces the day's alerts and tells nobody twice.
    await office.post('/api/plan-alerts/refresh', { planId });
    const { planAlertsJob } = await import('./job.js');
    expect(planAlertsJob.runKey(shanghaiInstant('2025-07-01', '06:59'))).toBeNull();
    await planAlertsJob.run(t.deps, new Date(), t.app.log);
    expect((await notes()).filter((n) => n.kind === 'plan_alert_yellow').length).toBe(yellowNotes);
    const stored = await t.deps.database.db
      .selectFrom('plan_alerts')
      .select('id')
      .where('day', '=', '2025-07-01')
      .where('subject_id', '=', indicator)
      .where('subject', '=', 'indicator')
      .execute();
    expect(stored).toHaveLength(1);
    // The workspace's list: the unit's own alerts only.
    const mine = (await dept.get(`/api/plan-alerts?mine=true`)).json().items as Alert[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.organizationId === (mine[0]!.organizationId ?? -1))).toBe(true);

    // Two days before the deadline (5 July) the other indicators' reports still to hand in are blue.
    fakeClock(shanghaiInstant('2025-07-03', '09:00'));
    await (await t.login('demo_office')).post('/api/plan-alerts/refresh', { planId });
    const { listCurrentAlerts } = await import('./alerts.js');
    const third = await listCurrentAlerts(t.deps.database.db, planId, '2025-07-03');
    expect(third.some((a) => a.colour === 'blue' && a.reason === 'plan.alert.reason.reportDueSoon')).toBe(true);
    expect(third.find((a) => a.subject === 'indicator' && a.subjectId === indicator)!.colour).toBe('yellow');
    // A day not computed yet reads the last computed one.
    expect((await listCurrentAlerts(t.deps.database.db, planId, '2025-07-04')).length).toBe(third.length);

    // After the deadline, the co-operating units' reports are missing: red, and told again (a new colour).
    fakeClock(shanghaiInstant('2025-07-06', '09:00'));
    await (await t.login('demo_office')).post('/api/plan-alerts/refresh', { planId });
    const sixth = await listCurrentAlerts(t.deps.database.db, planId, '2025-07-06');
    expect(sixth.find((a) => a.subject === 'indicator' && a.subjectId === indicator)).toMatchObject({
      colour: 'red',
      reason: 'plan.alert.reason.reportsMissing',
    });
    expect((await notes()).some((n) => n.kind === 'plan_alert_red')).toBe(true);
    fakeClock(NOW);
  });

  it('orders: blue near the deadline, yellow when unsigned with time going, red when overdue; the list filters by colour', async () => {
    fakeClock(NOW);
    const office = await t.login('demo_office');
    const commerce = await idOf(t, 'organizations', 'name', '市商务局');
    const indicator = await idOf(t, 'indicators', 'code', 'A2-S-02');
    const body = (deadlineDate: string) => ({
      planId,
      subject: 'indicator',
      subjectId: indicator,
      organizationId: commerce,
      matter: `限期办理 ${deadlineDate}`,
      requirement: '请按期反馈',
      deadlineDate,
      issue: true,
    });
    const far = (await office.post('/api/plan-orders', body('2025-07-30'))).json();
    const near = (await office.post('/api/plan-orders', body('2025-07-02'))).json();
    fakeClock(shanghaiInstant('2025-07-12', '09:00'));
    const o2 = await t.login('demo_office');
    await o2.post('/api/plan-alerts/refresh', { planId });
    const items = (await o2.get(`/api/plan-alerts?planId=${planId}&subject=order`)).json().items as Alert[];
    expect(alertOf(items, 'order', near.id)).toMatchObject({ colour: 'red', reason: 'plan.alert.reason.orderOverdue' });
    // Issued on 1 July, due 30 July, still unsigned on the 12th: 38% of the time gone, none of the work.
    expect(alertOf(items, 'order', far.id)).toMatchObject({ colour: 'yellow', reason: 'plan.alert.reason.orderBehind' });
    const red = (await o2.get('/api/plan-orders?colour=red&pageSize=200')).json().items as { id: number; colour: string }[];
    expect(red.map((o) => o.id)).toContain(near.id);
    expect(red.every((o) => o.colour === 'red')).toBe(true);
    fakeClock(shanghaiInstant('2025-07-28', '09:00'));
    const dept = await t.login('demo_department');
    await dept.post(`/api/plan-orders/${far.id}/sign`);
    await dept.post(`/api/plan-orders/${far.id}/handle`);
    // Handled (half the work) with 93% of the time gone is still yellow; blue only once it is on schedule.
    const { orderColour } = await import('./alerts.js');
    const row = { status: 'handling' as const, deadline_date: '2025-07-30', deadline_at: '2025-07-30T16:00:00.000Z', issued_at: '2025-07-01T01:00:00.000Z' };
    expect(orderColour(row, Date.parse('2025-07-28T01:00:00Z'), { blueDays: 3, yellowTolerancePoints: 5 })?.colour).toBe('yellow');
    expect(orderColour(row, Date.parse('2025-07-28T01:00:00Z'), { blueDays: 3, yellowTolerancePoints: 50 })?.colour).toBe('blue');
    expect(orderColour({ ...row, status: 'fed_back' }, Date.parse('2025-08-28T01:00:00Z'), { blueDays: 3, yellowTolerancePoints: 5 })).toBeNull();
    fakeClock(NOW);
  });
});
