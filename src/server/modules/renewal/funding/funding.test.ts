import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { shanghaiInstant, useFakeClock } from '../../../../../test/helpers/clock.js';
import { addAccount, addEnterprise, addProject, orgId, TEST_PASSWORD } from './testSetup.js';

const EN = { 'accept-language': 'en' };
const fields = (res: { json(): { error: { details: { field: string }[] } } }) => res.json().error.details.map((d) => d.field);

describe('funding applications: applying, granting, rejecting, who may', () => {
  // Inside the plan's years, whatever the real date.
  useFakeClock(shanghaiInstant('2025-07-01', '10:00'));
  let t: TestApp;
  let ent: TestClient;
  let other: TestClient;
  let miit: TestClient;
  let finance: TestClient;
  let commerce: TestClient;
  let office: TestClient;
  let auditor: TestClient;
  let project: number;
  let draftProject: number;
  let miitId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.deps.database.db;
    const town = Number((await db.selectFrom('organizations').select('id').where('kind', '=', 'town').orderBy('id').executeTakeFirstOrThrow()).id);
    const entOrg = await addEnterprise(t, 'fund_ent', town);
    await addEnterprise(t, 'fund_other', town);
    miitId = await orgId(t, '市工信局');
    await addAccount(t, 'fund_miit', 'department', miitId);
    project = await addProject(t, { organizationId: entOrg, townId: town, name: '织造车间智能化改造' });
    draftProject = await addProject(t, { organizationId: entOrg, townId: town, status: 'submitted' });
    [ent, other, miit, finance, commerce, office, auditor] = await Promise.all([
      t.login('fund_ent', TEST_PASSWORD),
      t.login('fund_other', TEST_PASSWORD),
      t.login('fund_miit', TEST_PASSWORD),
      t.login('demo_finance'),
      t.login('demo_department'),
      t.login('demo_office'),
      t.login('demo_auditor'),
    ]);
  });
  afterAll(() => t.close());

  const apply = (body: Record<string, unknown>, client = ent, headers?: Record<string, string>) =>
    client.post('/api/renewal/funding/applications', { projectId: project, ...body }, headers);

  it('refuses a bad application field by field, in the caller’s language, and writes nothing', async () => {
    const unknown = await apply({ source: 'lottery', requestedFen: 100_000 }, ent, EN);
    expect(unknown.statusCode).toBe(400);
    expect(fields(unknown)).toEqual(['source']);
    expect(unknown.json().error.details[0].message).toMatch(/funding-source list/);
    expect((await apply({ source: 'lottery', requestedFen: 100_000 })).json().error.details[0].message).toMatch(/资金来源字典/);
    expect(fields(await apply({ projectId: draftProject, source: 'central_budget', requestedFen: 100_000 }))).toEqual(['projectId']);
    expect(fields(await apply({ source: 'central_budget' }))).toEqual(['requestedFen']);
    const loan = { principalFen: 10_000_000_00, annualRateBp: 345, subsidyPointsBp: 100, from: '2025-01-01', to: '2026-01-01' };
    expect(fields(await apply({ source: 'central_budget', requestedFen: 100_000, loan }))).toEqual(['loan']);
    expect(fields(await apply({ source: 'tech_retrofit_loan_interest' }))).toEqual(['loan']);
    expect(fields(await apply({ source: 'tech_retrofit_loan_interest', loan: { ...loan, subsidyPointsBp: 400, to: '2024-06-01' } }))).toEqual([
      'loan.to',
      'loan.subsidyPointsBp',
    ]);
    expect(fields(await apply({ source: 'central_budget', requestedFen: 100_000, appliedOn: '2025-07-02' }))).toEqual(['appliedOn']);
    expect((await apply({ source: 'central_budget', requestedFen: -5 })).statusCode).toBe(400);
    // A source the office disabled takes no new applications.
    const db = t.deps.database.db;
    const fund = await db.selectFrom('dictionary_items').select('id').where('code', '=', 'tech_innovation_fund').executeTakeFirstOrThrow();
    await db.updateTable('dictionary_items').set({ enabled: 0 }).where('id', '=', fund.id).execute();
    expect(fields(await apply({ source: 'tech_innovation_fund', requestedFen: 100_000 }))).toEqual(['source']);
    await db.updateTable('dictionary_items').set({ enabled: 1 }).where('id', '=', fund.id).execute();
    expect(await db.selectFrom('renewal_funding_applications').select('id').where('project_id', 'in', [project, draftProject]).execute()).toEqual([]);
  });

  it('the enterprise applies for its own project; one open application per source; others see nothing of it', async () => {
    const res = await apply({ source: 'ultra_long_treasury_bonds', requestedFen: 3_000_000_00, appliedOn: '2025-05-10', note: '第二批超长期国债' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'applied', requestedFen: 3_000_000_00, grantedFen: null, paidFen: 0, appliedOn: '2025-05-10', actions: [] });
    expect(res.json().history).toMatchObject([{ action: 'apply', from: null, to: 'applied', actorRole: 'enterprise' }]);
    expect(fields(await apply({ source: 'ultra_long_treasury_bonds', requestedFen: 1_000_00 }))).toEqual(['source']);
    const id = res.json().id;
    expect((await other.get(`/api/renewal/funding/applications/${id}`)).statusCode).toBe(403);
    expect((await other.get('/api/renewal/funding/applications')).json().total).toBe(0);
    expect((await other.get('/api/renewal/funding/projects')).json().total).toBe(0);
    expect((await apply({ source: 'central_budget', requestedFen: 100_000 }, other)).statusCode).toBe(403);
    const mine = await ent.get('/api/renewal/funding/projects');
    expect(
      mine
        .json()
        .items.map((p: { id: number }) => p.id)
        .sort(),
    ).toEqual([project, draftProject].sort());
    expect(mine.json().items.find((p: { id: number }) => p.id === project)).toMatchObject({ applications: 1, requestedFen: 3_000_000_00, mayApply: true });
    // Supervisors read it; the queue shows it to the manager with what it may do.
    const queue = await miit.get(`/api/renewal/funding/applications?queue=grant&projectId=${project}`);
    expect(queue.json().items).toMatchObject([{ id, actions: ['grant', 'reject'] }]);
    expect((await finance.get(`/api/renewal/funding/applications/${id}`)).json().actions).toEqual([]);
    expect((await auditor.get(`/api/renewal/funding/applications/${id}`)).statusCode).toBe(200);
    // 市商务局 holds no renewal grant: it reads the applications as every department does, and decides none.
    expect((await commerce.get(`/api/renewal/funding/applications/${id}`)).json()).toMatchObject({ id, actions: [] });
  });

  it('only the renewal `manage` department (or the office) grants; never above the request without a reason', async () => {
    const [row] = (await miit.get(`/api/renewal/funding/applications?projectId=${project}&source=ultra_long_treasury_bonds`)).json().items;
    const grant = (client: TestClient, body: Record<string, unknown>, headers?: Record<string, string>) =>
      client.post(`/api/renewal/funding/applications/${row.id}/grant`, body, headers);
    for (const c of [ent, finance, commerce, auditor]) expect((await grant(c, { grantedFen: 100_00 })).statusCode).toBe(403);
    const before = await grant(miit, { grantedFen: 1_000_00, grantedOn: '2025-05-01' }, EN);
    expect(fields(before)).toEqual(['grantedOn']);
    expect(before.json().error.details[0].message).toContain('2025-05-10');
    expect(fields(await grant(miit, { grantedFen: 1_000_00, grantingOrganizationId: project }))).toEqual(['grantingOrganizationId']);
    const over = await grant(miit, { grantedFen: 3_500_000_00 }, EN);
    expect(fields(over)).toEqual(['overRequestReason']);
    expect(over.json().error.details[0].message).toMatch(/give the reason/);
    // The database holds the rule too, whatever writes the row.
    await expect(
      t.deps.database.db
        .updateTable('renewal_funding_applications')
        .set({ status: 'granted', granted_fen: 3_500_000_00, granted_on: '2025-06-01', granting_organization_id: miitId })
        .where('id', '=', row.id)
        .execute(),
    ).rejects.toThrow(/check|constraint/i);
    const ok = await grant(miit, {
      grantedFen: 3_200_000_00,
      grantedOn: '2025-06-01',
      grantDocument: '晋发改投资〔2025〕18号',
      overRequestReason: '按设备购置额 10% 核定，高于企业申报估算',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'granted',
      grantedFen: 3_200_000_00,
      grantingOrganizationId: miitId,
      grantingOrganizationName: '市工信局',
      overRequestReason: '按设备购置额 10% 核定，高于企业申报估算',
    });
    expect((await grant(office, { grantedFen: 100_00 })).statusCode).toBe(409);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'actor_username'])
      .where('entity', '=', 'renewal_funding_application')
      .where('entity_id', '=', String(row.id))
      .orderBy('id')
      .execute();
    expect(audit.filter((a) => a.outcome === 'ok').map((a) => [a.action, a.actor_username])).toEqual([
      ['apply', 'fund_ent'],
      ['grant', 'fund_miit'],
    ]);
    // The departments refused once the grants were known are on the record's trail (the others at the route).
    expect(audit.filter((a) => a.outcome === 'denied' && a.action === 'grant').map((a) => a.actor_username)).toEqual(['demo_finance', 'demo_department']);
  });

  it('a rejection carries its reason; nothing can be granted or paid on it afterwards', async () => {
    const res = await apply({ source: 'provincial_budget', requestedFen: 800_000_00 });
    const id = res.json().id;
    expect(fields(await miit.post(`/api/renewal/funding/applications/${id}/reject`, {}))).toEqual(['reason']);
    const rejected = await office.post(`/api/renewal/funding/applications/${id}/reject`, { reason: '不符合省级预算内投资支持方向' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectionReason: '不符合省级预算内投资支持方向' });
    expect((await miit.post(`/api/renewal/funding/applications/${id}/grant`, { grantedFen: 100_00 })).json().error.code).toBe('INVALID_STATE');
    expect((await finance.post(`/api/renewal/funding/applications/${id}/payments`, { amountFen: 100_00, reference: 'X1' })).json().error.code).toBe(
      'INVALID_STATE',
    );
    // A new application to the same source is open again.
    expect((await apply({ source: 'provincial_budget', requestedFen: 500_000_00 })).statusCode).toBe(201);
  });

  it('a manager records an application on behalf of a project; the payer and other departments do not', async () => {
    const res = await apply({ source: 'city_matching', requestedFen: 200_000_00 }, miit);
    expect(res.statusCode).toBe(201);
    expect((await apply({ source: 'city_matching', requestedFen: 200_000_00 }, finance)).statusCode).toBe(403);
    expect((await apply({ source: 'city_matching', requestedFen: 200_000_00 }, commerce)).statusCode).toBe(403);
  });

  it('lists page, sort and filter', async () => {
    const all = await office.get(`/api/renewal/funding/applications?projectId=${project}&sort=requestedFen&order=asc&pageSize=2`);
    expect(all.json()).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(all.json().items.map((i: { requestedFen: number }) => i.requestedFen)).toEqual([200_000_00, 500_000_00]);
    const page2 = await office.get(`/api/renewal/funding/applications?projectId=${project}&sort=requestedFen&order=asc&pageSize=2&page=2`);
    expect(page2.json().items.map((i: { requestedFen: number }) => i.requestedFen)).toEqual([800_000_00, 3_000_000_00]);
    expect((await office.get(`/api/renewal/funding/applications?projectId=${project}&status=rejected`)).json().total).toBe(1);
    expect((await office.get(`/api/renewal/funding/applications?projectId=${project}&queue=pay`)).json().total).toBe(1);
    expect((await office.get(`/api/renewal/funding/applications?q=${encodeURIComponent('织造车间')}`)).json().total).toBe(4);
    expect(
      (await office.get('/api/renewal/funding/applications?year=2024')).json().items.filter((i: { projectId: number }) => i.projectId === project),
    ).toEqual([]);
    expect((await office.get('/api/renewal/funding/applications?sort=nonsense')).statusCode).toBe(400);
  });
});
