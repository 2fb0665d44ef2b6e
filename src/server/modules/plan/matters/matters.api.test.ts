import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock, shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { uploadEvidence } from '../reporting/testSupport.js';
import { DEMO_WORK_TEAM_USER, seedMattersDemo, seedWorkTeamAccount } from './seed.js';

/**
 * Major matters through the API: raise → answer → close; raise → escalate → the work team responds → close;
 * withdraw; who may do what; field errors; deadlines by urgency and the overdue listing. The clock is set at the
 * first half hour of 10 March 2026 in Shanghai (still 9 March in UTC), so a deadline counted in UTC days is off by one.
 */
const NOW = shanghaiInstant('2026-03-10', '00:30');

interface Detail {
  id: number;
  status: string;
  dueAt: string;
  overdue: boolean;
  answer: string | null;
  answeredBy: { name: string } | null;
  escalatedTo: { name: string } | null;
  actions: string[];
  evidence: { id: number }[];
  timeline: { action: string; toStatus: string; actorName: string | null; note: string | null }[];
}

describe('plan matters', () => {
  useFakeClock(NOW);
  let t: TestApp;
  let dept: TestClient;
  let town: TestClient;
  let office: TestClient;
  let team: TestClient;
  beforeAll(async () => {
    t = await createTestApp();
    await seedWorkTeamAccount(t.deps);
    [dept, town, office, team] = await Promise.all([t.login('demo_department'), t.login('demo_town'), t.login('demo_office'), t.login(DEMO_WORK_TEAM_USER)]);
  });
  afterAll(() => t.close());

  const raise = async (c: TestClient, body: Record<string, unknown>) => {
    const res = await c.post('/api/plan-matters', {
      title: '电梯更新资金缺口',
      description: '三个老旧小区电梯更新资金缺口约120万元',
      urgency: 'normal',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Detail;
  };
  const kinds = async (c: TestClient) =>
    ((await c.get('/api/notifications')).json().items as { kind: string; link: string }[]).map((n) => `${n.kind} ${n.link}`);

  it('raise with evidence → the office answers → the unit sees the answer and closes; each move on the timeline and notified', async () => {
    const file = await uploadEvidence(dept);
    const m = await raise(dept, { urgency: 'urgent', attachmentIds: [file] });
    expect(m).toMatchObject({ status: 'raised', overdue: false, actions: ['withdraw'] });
    expect(m.evidence.map((e) => e.id)).toEqual([file]);
    // 紧急: three days with the day raised counted, to the end of 12 March in Shanghai.
    expect(m.dueAt).toBe(shanghaiInstant('2026-03-13').toISOString());
    expect(await kinds(office)).toContain(`plan_matter_raised /plan/matters/${m.id}`);
    expect((await office.get(`/api/plan-matters/${m.id}`)).json().actions).toEqual(['answer', 'escalate']);
    expect((await office.get(`/api/plan-matters/${m.id}/evidence/${file}`)).statusCode).toBe(200);

    const answered = (await office.post(`/api/plan-matters/${m.id}/answer`, { answer: '由市财政局统筹安排配套资金' })).json() as Detail;
    expect(answered).toMatchObject({ status: 'answered', answer: '由市财政局统筹安排配套资金', answeredBy: { name: '工作专班办公室（市发改局）' } });
    expect(await kinds(dept)).toContain(`plan_matter_answered /plan/matters/${m.id}`);
    const seen = (await dept.get(`/api/plan-matters/${m.id}`)).json() as Detail;
    expect(seen.actions).toEqual(['close']);
    const closed = (await dept.post(`/api/plan-matters/${m.id}/close`, { note: '已收悉' })).json() as Detail;
    expect(closed.status).toBe('closed');
    expect(closed.timeline.map((e) => `${e.action}:${e.toStatus}`)).toEqual(['raise:raised', 'answer:answered', 'close:closed']);
    expect(closed.timeline[1]).toMatchObject({ actorName: '专班办公室（演示）', note: '由市财政局统筹安排配套资金' });
    expect(await kinds(office)).toContain(`plan_matter_closed /plan/matters/${m.id}`);
    // Nothing moves a closed matter.
    expect((await office.post(`/api/plan-matters/${m.id}/answer`, { answer: '再答复一次' })).statusCode).toBe(409);
  });

  it('raise → escalate to the work team → only the work team responds → the unit sees its answer', async () => {
    const m = await raise(town, { urgency: 'critical' });
    // Not referred to the work team yet: it is not theirs to answer.
    expect((await team.post(`/api/plan-matters/${m.id}/respond`, { answer: '尚未提请' })).statusCode).toBe(403);
    const escalated = (await office.post(`/api/plan-matters/${m.id}/escalate`, { note: '涉及市级财政配套，提请专班研究' })).json() as Detail;
    expect(escalated).toMatchObject({ status: 'escalated', escalatedTo: { name: '工作专班（分管发改副市长牵头）' } });
    expect(await kinds(team)).toContain(`plan_matter_escalated /plan/matters/${m.id}`);
    // The office cannot answer in the work team's place, nor the unit.
    expect((await office.post(`/api/plan-matters/${m.id}/respond`, { answer: '代为答复' })).statusCode).toBe(403);
    expect((await office.post(`/api/plan-matters/${m.id}/answer`, { answer: '代为答复' })).statusCode).toBe(409);
    expect((await town.post(`/api/plan-matters/${m.id}/respond`, { answer: '自己答复' })).statusCode).toBe(403);
    expect((await team.get(`/api/plan-matters/${m.id}`)).json().actions).toEqual(['respond']);
    const answered = (await team.post(`/api/plan-matters/${m.id}/respond`, { answer: '同意由市级财政给予补助' })).json() as Detail;
    expect(answered).toMatchObject({ status: 'answered', answeredBy: { name: '工作专班（分管发改副市长牵头）' } });
    const seen = (await town.get(`/api/plan-matters/${m.id}`)).json() as Detail;
    expect(seen.answer).toBe('同意由市级财政给予补助');
    expect(seen.timeline.map((e) => e.action)).toEqual(['raise', 'escalate', 'respond']);
    expect(await kinds(town)).toContain(`plan_matter_answered /plan/matters/${m.id}`);
    expect((await town.post(`/api/plan-matters/${m.id}/close`, {})).json().status).toBe('closed');
  });

  it('a unit withdraws its own unanswered matter; nobody else can', async () => {
    const m = await raise(dept, {});
    expect((await town.post(`/api/plan-matters/${m.id}/withdraw`, { reason: '不是我的' })).statusCode).toBe(403);
    expect((await office.post(`/api/plan-matters/${m.id}/withdraw`, { reason: '办公室撤回' })).statusCode).toBe(403);
    expect((await dept.post(`/api/plan-matters/${m.id}/withdraw`, { reason: 'x' })).json().error.details[0].field).toBe('reason');
    expect((await dept.post(`/api/plan-matters/${m.id}/withdraw`, { reason: '问题已自行解决' })).json().status).toBe('withdrawn');
    expect((await dept.post(`/api/plan-matters/${m.id}/close`, {})).statusCode).toBe(409);
  });

  it('who reads and raises: a unit only its own; the auditor all but moves none; enterprises nothing', async () => {
    const m = await raise(dept, {});
    expect((await town.get(`/api/plan-matters/${m.id}`)).statusCode).toBe(403);
    const townList = (await town.get('/api/plan-matters?pageSize=200')).json() as { items: { organization: { name: string } }[] };
    expect(townList.items.every((i) => i.organization.name === '青阳街道')).toBe(true);
    const auditor = await t.login('demo_auditor');
    expect((await auditor.get(`/api/plan-matters/${m.id}`)).statusCode).toBe(200);
    expect((await auditor.post(`/api/plan-matters/${m.id}/answer`, { answer: '审计答复' })).statusCode).toBe(403);
    expect((await office.post('/api/plan-matters', { title: '办公室报送', description: '办公室自己报送的事项内容', urgency: 'normal' })).statusCode).toBe(403);
    const enterprise = await t.login('demo_enterprise');
    expect((await enterprise.get('/api/plan-matters')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/plan-matters')).statusCode).toBe(401);
  });

  it('field errors name every bad field, in the caller’s language; evidence must be the unit’s own', async () => {
    const res = await dept.post('/api/plan-matters', { title: 'ab', description: '短', urgency: 'whenever' });
    expect(res.statusCode).toBe(400);
    expect((res.json().error.details as { field: string }[]).map((d) => d.field).sort()).toEqual(['description', 'title', 'urgency']);
    const others = await uploadEvidence(town);
    const bad = await dept.post(
      '/api/plan-matters',
      { title: '附件不是本单位', description: '附件是别的单位上传的材料', urgency: 'normal', attachmentIds: [others] },
      { 'accept-language': 'en' },
    );
    expect(bad.json().error.details[0]).toMatchObject({ field: 'attachmentIds.0', reason: 'matter.evidenceNotOwn' });
    expect(bad.json().error.details[0].message).toBe('Only files your organisation uploaded can be attached');
    expect((await office.post('/api/plan-matters/999999/answer', { answer: '不存在' })).statusCode).toBe(404);
  });

  it('lists are searchable, sortable and paged; past the deadline a matter is in the overdue listing until answered', async () => {
    const late = await raise(dept, { title: '特急：回收网点不足', urgency: 'critical' });
    const search = (await office.get(`/api/plan-matters?q=${encodeURIComponent('回收网点')}`)).json() as { items: { id: number }[]; total: number };
    expect(search.items.map((i) => i.id)).toEqual([late.id]);
    const byUrgency = (await office.get('/api/plan-matters?sort=urgency&order=desc&pageSize=1')).json() as { items: { urgency: string }[]; total: number };
    expect(byUrgency.items[0]!.urgency).toBe('critical');
    expect(byUrgency.total).toBeGreaterThan(1);
    expect((await office.get('/api/plan-matters?sort=nonsense')).statusCode).toBe(400);
    expect((await office.get('/api/plan-matters?overdue=true')).json().total).toBe(0);

    // 特急 is due by the end of the day raised: the next Shanghai morning it is overdue, and the office's listing shows it.
    fakeClock(shanghaiInstant('2026-03-11', '08:00'));
    const officeLater = await t.login('demo_office');
    const overdue = (await officeLater.get('/api/plan-matters?overdue=true&pageSize=200')).json() as { items: { id: number; overdue: boolean }[] };
    expect(overdue.items.map((i) => i.id)).toContain(late.id);
    expect(overdue.items.every((i) => i.overdue)).toBe(true);
    await officeLater.post(`/api/plan-matters/${late.id}/answer`, { answer: '已协调供销社增设网点' });
    const after = (await officeLater.get('/api/plan-matters?overdue=true&pageSize=200')).json() as { items: { id: number }[] };
    expect(after.items.map((i) => i.id)).not.toContain(late.id);
  });

  it('the plan’s text is public', async () => {
    const res = await t.anonymous.get('/api/public/plan');
    expect(res.statusCode).toBe(200);
    const plan = res.json() as { docNumber: string; sections: { title: string }[] };
    expect(plan.docNumber).toContain('98');
    expect(plan.sections.length).toBeGreaterThan(3);
  });
});

describe('plan matters: demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('seeds three matters labelled 演示 (answered, escalated, waiting) once, and the work team’s account', async () => {
    await seedMattersDemo(t.deps);
    await seedMattersDemo(t.deps);
    const office = await t.login('demo_office');
    const list = (await office.get('/api/plan-matters?sort=raisedAt&order=asc')).json() as { items: { title: string; status: string; demo: boolean }[] };
    expect(list.items.map((m) => m.status)).toEqual(['answered', 'escalated', 'raised']);
    expect(list.items.every((m) => m.demo && m.title.startsWith('（演示）'))).toBe(true);
    const team = await t.login(DEMO_WORK_TEAM_USER);
    expect(((await team.get('/api/plan-matters?status=escalated')).json() as { total: number }).total).toBe(1);
  });
});
