import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { seedNoticesDemo } from './seed.js';

/**
 * Notices through the API: draft → published → withdrawn; to every unit, to chosen units, to the public; read
 * confirmations (签阅) and the list of those who have not confirmed, on screen and in Excel; who may do what.
 */
interface Detail {
  id: number;
  status: string;
  actions: string[];
  confirmedAt: string | null;
  confirmedBy: string | null;
  awaitsMyConfirmation: boolean;
  confirmations: { addressed: number; confirmed: number } | null;
  timeline: { action: string }[];
}

describe('notices', () => {
  let t: TestApp;
  let office: TestClient;
  let dept: TestClient;
  let finance: TestClient;
  let town: TestClient;
  let commerceId: number;
  let qingyangId: number;
  beforeAll(async () => {
    t = await createTestApp();
    [office, dept, finance, town] = await Promise.all([t.login('demo_office'), t.login('demo_department'), t.login('demo_finance'), t.login('demo_town')]);
    const org = async (name: string) =>
      Number((await t.deps.database.db.selectFrom('organizations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id);
    commerceId = await org('市商务局');
    qingyangId = await org('青阳街道');
  });
  afterAll(() => t.close());

  const draft = async (body: Record<string, unknown>) => {
    const res = await office.post('/api/notices', {
      title: '关于报送季度进展的通知',
      kind: 'notice',
      body: '请各单位按时报送季度工作进展及佐证材料。',
      audience: 'all',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Detail;
  };
  const listIds = async (c: TestClient, query = '') => ((await c.get(`/api/notices?pageSize=200${query}`)).json().items as { id: number }[]).map((i) => i.id);

  it('a draft is the office’s alone; published to chosen units it notifies them, they confirm, the office sees who has not', async () => {
    const n = await draft({ audience: 'units', organizationIds: [commerceId, qingyangId], title: '关于电梯更新项目摸底的通知' });
    expect(n).toMatchObject({ status: 'draft', actions: ['edit', 'publish'] });
    expect(await listIds(dept)).not.toContain(n.id);
    expect((await dept.get(`/api/notices/${n.id}`)).statusCode).toBe(404);
    const edited = await office.put(`/api/notices/${n.id}`, {
      title: '关于电梯更新项目摸底的通知（修订）',
      kind: 'notice',
      body: '请各单位摸清老旧电梯底数并于月底前报送。',
      audience: 'units',
      organizationIds: [commerceId, qingyangId],
    });
    expect(edited.statusCode, edited.body).toBe(200);

    const published = (await office.post(`/api/notices/${n.id}/publish`)).json() as Detail;
    expect(published).toMatchObject({ status: 'published', actions: ['withdraw'], confirmations: { addressed: 2, confirmed: 0 } });
    expect(
      (await office.put(`/api/notices/${n.id}`, { title: '发布后再改', kind: 'notice', body: '发布后不可再修改内容。', audience: 'all' })).statusCode,
    ).toBe(409);
    const deptNotes = (await dept.get('/api/notifications')).json().items as { kind: string; link: string }[];
    expect(deptNotes.map((x) => `${x.kind} ${x.link}`)).toContain(`notice_published /notices/${n.id}`);
    // 市财政局 is not addressed: it neither sees nor confirms it.
    expect(await listIds(finance)).not.toContain(n.id);
    expect((await finance.post(`/api/notices/${n.id}/confirm`)).statusCode).toBe(404);

    expect(await listIds(dept, '&confirmed=false')).toContain(n.id);
    const seen = (await dept.get(`/api/notices/${n.id}`)).json() as Detail;
    expect(seen).toMatchObject({ awaitsMyConfirmation: true, actions: ['confirm'], confirmations: null, timeline: [] });
    const confirmed = (await dept.post(`/api/notices/${n.id}/confirm`)).json() as Detail;
    expect(confirmed).toMatchObject({ awaitsMyConfirmation: false, confirmedBy: '市商务局（演示）', actions: [] });
    expect(confirmed.confirmedAt).not.toBeNull();
    // A second confirmation changes nothing.
    expect((await dept.post(`/api/notices/${n.id}/confirm`)).json().confirmedAt).toBe(confirmed.confirmedAt);
    expect(await listIds(dept, '&confirmed=true')).toContain(n.id);

    const readers = (await office.get(`/api/notices/${n.id}/readers`)).json() as { items: { organization: { name: string }; confirmedBy: string | null }[] };
    expect(readers.items.map((r) => `${r.organization.name}:${r.confirmedBy ?? '-'}`)).toEqual(['青阳街道:-', '市商务局:市商务局（演示）']);
    const pending = (await office.get(`/api/notices/${n.id}/readers?confirmed=false`)).json() as { items: { organization: { name: string } }[]; total: number };
    expect(pending.items.map((r) => r.organization.name)).toEqual(['青阳街道']);

    const xlsx = await office.get(`/api/notices/${n.id}/unconfirmed.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('单位');
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe('青阳街道');
    expect((await dept.get(`/api/notices/${n.id}/unconfirmed.xlsx`)).statusCode).toBe(403);
    expect((await office.get(`/api/notices/${n.id}`)).json().confirmations).toEqual({ addressed: 2, confirmed: 1 });

    const withdrawn = (await office.post(`/api/notices/${n.id}/withdraw`, { reason: '内容已更新，另行发布' })).json() as Detail;
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.timeline.map((e) => e.action)).toEqual(['create', 'edit', 'publish', 'withdraw']);
    expect(await listIds(dept)).not.toContain(n.id);
    expect((await office.post(`/api/notices/${n.id}/publish`)).statusCode).toBe(409);
  });

  it('to every unit: every department and town is asked to confirm; enterprises and residents do not see it', async () => {
    const n = await draft({ title: '关于全面开展设备更新摸底的通知' });
    const published = (await office.post(`/api/notices/${n.id}/publish`)).json() as Detail;
    expect(published.confirmations!.addressed).toBe(48);
    expect(await listIds(town)).toContain(n.id);
    expect((await town.post(`/api/notices/${n.id}/confirm`)).json().confirmedBy).toBe('青阳街道（演示）');
    const enterprise = await t.login('demo_enterprise');
    expect(await listIds(enterprise)).not.toContain(n.id);
    expect((await enterprise.get(`/api/notices/${n.id}`)).statusCode).toBe(404);
  });

  it('the public list shows only published public notices, without signing in; no confirmations are asked for them', async () => {
    const pub = await draft({
      title: '家电以旧换新补贴政策解读',
      kind: 'policy',
      audience: 'public',
      body: '一级能效按售价20%补贴，二级能效按15%补贴，每件不超过2000元。',
    });
    const unitsOnly = await draft({ title: '内部通知不公开', audience: 'all' });
    const draftPublic = await draft({ title: '未发布的公开通知', audience: 'public' });
    await office.post(`/api/notices/${pub.id}/publish`);
    await office.post(`/api/notices/${unitsOnly.id}/publish`);
    const res = await t.anonymous.get('/api/public/notices');
    expect(res.statusCode).toBe(200);
    const ids = (res.json().items as { id: number }[]).map((i) => i.id);
    expect(ids).toContain(pub.id);
    expect(ids).not.toContain(unitsOnly.id);
    expect(ids).not.toContain(draftPublic.id);
    expect((await t.anonymous.get(`/api/public/notices?q=${encodeURIComponent('补贴政策')}`)).json().total).toBe(1);
    const resident = await t.login('13800000001');
    expect(await listIds(resident)).toContain(pub.id);
    const asDept = (await dept.get(`/api/notices/${pub.id}`)).json() as Detail;
    expect(asDept).toMatchObject({ awaitsMyConfirmation: false, actions: [] });
    expect((await dept.post(`/api/notices/${pub.id}/confirm`)).statusCode).toBe(403);
    await office.post(`/api/notices/${pub.id}/withdraw`, { reason: '政策调整' });
    expect(((await t.anonymous.get('/api/public/notices')).json().items as { id: number }[]).map((i) => i.id)).not.toContain(pub.id);
  });

  it('only the office writes; field errors name the fields, recipients must be active units', async () => {
    expect((await dept.post('/api/notices', { title: '部门发通知', kind: 'notice', body: '部门不能发布通知公告的内容', audience: 'all' })).statusCode).toBe(
      403,
    );
    const auditor = await t.login('demo_auditor');
    const n = await draft({});
    expect((await auditor.post(`/api/notices/${n.id}/publish`)).statusCode).toBe(403);
    expect((await auditor.get(`/api/notices/${n.id}`)).statusCode).toBe(200);
    expect((await t.anonymous.get('/api/notices')).statusCode).toBe(401);
    const bad = await office.post('/api/notices', { title: '短', kind: 'memo', body: '短', audience: 'all' });
    expect((bad.json().error.details as { field: string }[]).map((d) => d.field).sort()).toEqual(['body', 'kind', 'title']);
    const none = await office.post('/api/notices', { title: '没有选择接收单位', kind: 'notice', body: '没有选择接收单位的通知内容', audience: 'units' });
    expect(none.json().error.details[0]).toMatchObject({ field: 'organizationIds', reason: 'notice.recipientsRequired' });
    const officeOrg = Number((await t.deps.database.db.selectFrom('organizations').select('id').where('code', '=', 'office').executeTakeFirstOrThrow()).id);
    const wrong = await office.post(
      '/api/notices',
      { title: '接收单位不是部门', kind: 'notice', body: '接收单位须为部门或镇街的通知', audience: 'units', organizationIds: [commerceId, officeOrg] },
      { 'accept-language': 'en' },
    );
    expect(wrong.json().error.details[0]).toMatchObject({ field: 'organizationIds.1', message: 'Only active departments and towns can be addressed' });
  });

  it('lists are searchable and sortable', async () => {
    const a = await draft({ title: '排序测试A通知' });
    const b = await draft({ title: '排序测试B通知' });
    const found = (await office.get(`/api/notices?q=${encodeURIComponent('排序测试')}&sort=title&order=asc`)).json() as { items: { id: number }[] };
    expect(found.items.map((i) => i.id)).toEqual([a.id, b.id]);
    expect((await office.get('/api/notices?sort=body')).statusCode).toBe(400);
  });
});

describe('notices: demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('seeds a notice to every unit, a public policy explanation and a draft, labelled 演示, once', async () => {
    await seedNoticesDemo(t.deps);
    await seedNoticesDemo(t.deps);
    const office = await t.login('demo_office');
    const list = (await office.get('/api/notices?sort=createdAt&order=asc')).json() as {
      items: { title: string; status: string; audience: string; demo: boolean }[];
    };
    expect(list.items.map((n) => `${n.audience}:${n.status}`)).toEqual(['all:published', 'public:published', 'all:draft']);
    expect(list.items.every((n) => n.demo && n.title.startsWith('（演示）'))).toBe(true);
    expect((await t.anonymous.get('/api/public/notices')).json().total).toBe(1);
  });
});
