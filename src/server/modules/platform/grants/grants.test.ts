import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { prepareDatabase } from '../../../runtime.js';

type Grant = { organizationId: number; organizationName: string; domain: string; capability: string; grantedBy: number | null };
const summary = (list: Grant[]) => list.map((g) => `${g.domain}:${g.organizationName}:${g.capability}`).sort();

describe('grants: which department manages a domain and which confirms its payments', () => {
  let t: TestApp;
  let office: TestClient;
  let commerce: TestClient;
  let finance: TestClient;
  let auditor: TestClient;
  let admin: TestClient;
  let town: TestClient;
  let resident: TestClient;
  let merchant: TestClient;
  const orgs: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp();
    [office, commerce, finance, auditor, admin, town, resident, merchant] = await Promise.all([
      t.login('demo_office'),
      t.login('demo_department'),
      t.login('demo_finance'),
      t.login('demo_auditor'),
      t.login('demo_admin'),
      t.login('demo_town'),
      t.login('13800000001'),
      t.login('demo_merchant'),
    ]);
    for (const name of ['市商务局', '市财政局', '市交通运输局', '青阳街道'])
      orgs[name] = Number((await t.deps.database.db.selectFrom('organizations').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id);
  });
  afterAll(() => t.close());

  it('seeds the defaults of the declared domains once: 市商务局 manages, 市财政局 confirms payments', async () => {
    expect(summary((await office.get('/api/grants')).json())).toEqual([
      'cartradein:市商务局:manage',
      'cartradein:市财政局:confirm_payment',
      'recycling:市商务局:manage',
      'renewal:市工信局:manage',
      'renewal:市财政局:confirm_payment',
      'renewal_rd:市科技局:manage',
      'renewal_standards:市市场监管局:manage',
      'tradein:市商务局:manage',
      'tradein:市财政局:confirm_payment',
    ]);
    expect(summary((await commerce.get('/api/grants?domain=cartradein')).json())).toEqual([
      'cartradein:市商务局:manage',
      'cartradein:市财政局:confirm_payment',
    ]);
    const markers = await t.deps.database.db
      .selectFrom('job_runs')
      .select('run_key')
      .where('name', '=', 'seed')
      .where('run_key', 'like', '%-grants')
      .orderBy('run_key')
      .execute();
    expect(markers.map((m) => m.run_key)).toEqual([
      'cartradein-grants',
      'recycling-grants',
      'renewal-grants',
      'renewal_rd-grants',
      'renewal_standards-grants',
      'tradein-grants',
    ]);
  });

  it('lists the declared domains and what the signed-in organisation holds in each', async () => {
    expect((await auditor.get('/api/grants/domains')).json()).toEqual([
      { domain: 'tradein', capabilities: ['manage', 'confirm_payment'] },
      { domain: 'cartradein', capabilities: ['manage', 'confirm_payment'] },
      { domain: 'recycling', capabilities: ['manage'] },
      { domain: 'renewal', capabilities: ['manage', 'confirm_payment'] },
      { domain: 'renewal_standards', capabilities: ['manage'] },
      { domain: 'renewal_rd', capabilities: ['manage'] },
      { domain: 'ledgers', capabilities: ['manage'] },
    ]);
    expect((await commerce.get('/api/grants/mine')).json()).toEqual([
      { domain: 'tradein', manage: true, confirmPayment: false },
      { domain: 'cartradein', manage: true, confirmPayment: false },
      { domain: 'recycling', manage: true, confirmPayment: false },
      { domain: 'renewal', manage: false, confirmPayment: false },
      { domain: 'renewal_standards', manage: false, confirmPayment: false },
      { domain: 'renewal_rd', manage: false, confirmPayment: false },
      { domain: 'ledgers', manage: false, confirmPayment: false },
    ]);
    expect((await finance.get('/api/grants/mine')).json()).toEqual([
      { domain: 'tradein', manage: false, confirmPayment: true },
      { domain: 'cartradein', manage: false, confirmPayment: true },
      { domain: 'recycling', manage: false, confirmPayment: false },
      { domain: 'renewal', manage: false, confirmPayment: true },
      { domain: 'renewal_standards', manage: false, confirmPayment: false },
      { domain: 'renewal_rd', manage: false, confirmPayment: false },
      { domain: 'ledgers', manage: false, confirmPayment: false },
    ]);
    // Only departments hold grants; the office manages by its role, not by a grant.
    for (const c of [office, town, admin])
      expect((await c.get('/api/grants/mine')).json()).toEqual([
        { domain: 'tradein', manage: false, confirmPayment: false },
        { domain: 'cartradein', manage: false, confirmPayment: false },
        { domain: 'recycling', manage: false, confirmPayment: false },
        { domain: 'renewal', manage: false, confirmPayment: false },
        { domain: 'renewal_standards', manage: false, confirmPayment: false },
        { domain: 'renewal_rd', manage: false, confirmPayment: false },
        { domain: 'ledgers', manage: false, confirmPayment: false },
      ]);
  });

  it('lets the office, departments and auditors read the grants, and only the office change them', async () => {
    for (const c of [office, commerce, finance, auditor]) {
      expect((await c.get('/api/grants?domain=tradein')).statusCode).toBe(200);
      expect((await c.get('/api/grants/domains')).statusCode).toBe(200);
    }
    for (const c of [admin, town, resident, merchant]) {
      expect((await c.get('/api/grants')).statusCode).toBe(403);
      expect((await c.get('/api/grants/domains')).statusCode).toBe(403);
    }
    for (const c of [resident, merchant]) expect((await c.get('/api/grants/mine')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/grants/mine')).statusCode).toBe(401);
    const body = { organizationId: orgs['市交通运输局'], domain: 'tradein', capability: 'manage' };
    for (const c of [commerce, finance, auditor, admin, town]) {
      expect((await c.post('/api/grants', body)).statusCode).toBe(403);
      expect((await c.post('/api/grants/revoke', body)).statusCode).toBe(403);
    }
    const denied = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['actor_username', 'action'])
      .where('entity', '=', 'organization_grant')
      .where('outcome', '=', 'denied')
      .where('actor_username', '=', 'demo_department')
      .execute();
    expect(denied.map((d) => d.action).sort()).toEqual(['grant', 'revoke']);
    expect(summary((await office.get('/api/grants?domain=tradein')).json())).not.toContain('tradein:市交通运输局:manage');
  });

  it('refuses an undeclared domain or capability, and an organisation that is no department, naming the field', async () => {
    const field = async (c: TestClient, url: string, body?: unknown) => {
      const res = body === undefined ? await c.get(url) : await c.post(url, body);
      expect(res.statusCode).toBe(400);
      return res.json().error.details.map((d: { field: string }) => d.field);
    };
    const dept = orgs['市交通运输局'];
    expect(await field(office, '/api/grants', { organizationId: dept, domain: 'no_such_domain', capability: 'manage' })).toEqual(['domain']);
    expect(await field(office, '/api/grants/revoke', { organizationId: dept, domain: 'no_such_domain', capability: 'manage' })).toEqual(['domain']);
    expect(await field(office, '/api/grants?domain=no_such_domain')).toEqual(['domain']);
    expect(await field(office, '/api/grants', { organizationId: dept, domain: 'tradein', capability: 'approve' })).toEqual(['capability']);
    expect(await field(office, '/api/grants', { organizationId: orgs['青阳街道'], domain: 'tradein', capability: 'manage' })).toEqual(['organizationId']);
    expect(await field(office, '/api/grants', { organizationId: 999_999, domain: 'tradein', capability: 'manage' })).toEqual(['organizationId']);
    expect(await field(office, '/api/grants', { organizationId: dept, domain: 'tradein' })).toEqual(['capability']);
    const bad = await office.post('/api/grants', { organizationId: dept, domain: 'no_such_domain', capability: 'manage' });
    expect(bad.json().error.details[0].message).toContain('tradein');
  });

  it('grants and revokes per domain, audited with who and what', async () => {
    const dept = orgs['市交通运输局']!;
    const body = { organizationId: dept, domain: 'cartradein', capability: 'manage' };
    const granted = await office.post('/api/grants', body);
    expect(granted.statusCode).toBe(200);
    const officeUser = await t.deps.database.db.selectFrom('users').select('id').where('username', '=', 'demo_office').executeTakeFirstOrThrow();
    expect(granted.json().find((g: Grant) => g.organizationId === dept)).toMatchObject({
      domain: 'cartradein',
      capability: 'manage',
      grantedBy: Number(officeUser.id),
    });
    // The response is the domain's list; trade-in is untouched.
    expect(granted.json().every((g: Grant) => g.domain === 'cartradein')).toBe(true);
    expect(summary((await office.get('/api/grants?domain=tradein')).json())).toEqual(['tradein:市商务局:manage', 'tradein:市财政局:confirm_payment']);
    // Granting again changes nothing.
    expect(summary((await office.post('/api/grants', body)).json())).toEqual(summary(granted.json()));
    const revoked = await office.post('/api/grants/revoke', body);
    expect(revoked.statusCode).toBe(200);
    expect(summary(revoked.json())).toEqual(['cartradein:市商务局:manage', 'cartradein:市财政局:confirm_payment']);

    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['actor_username', 'action', 'entity_id', 'before_json', 'after_json'])
      .where('entity', '=', 'organization_grant')
      .where('outcome', '=', 'ok')
      .where('actor_username', '=', 'demo_office')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.entity_id, JSON.parse(a.before_json!).held, JSON.parse(a.after_json!)])).toEqual([
      ['grant', String(dept), false, { domain: 'cartradein', capability: 'manage', held: true }],
      ['grant', String(dept), true, { domain: 'cartradein', capability: 'manage', held: true }],
      ['revoke', String(dept), true, { domain: 'cartradein', capability: 'manage', held: false }],
    ]);
    const seeded = await t.deps.database.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('entity', '=', 'organization_grant')
      .where('action', '=', 'seed')
      .execute();
    expect(seeded).toHaveLength(9);
  });

  it('a default the office withdrew is not granted again at the next start', async () => {
    const body = { organizationId: orgs['市财政局'], capability: 'confirm_payment' };
    await office.post('/api/grants/revoke', { ...body, domain: 'tradein' });
    await office.post('/api/grants/revoke', { ...body, domain: 'cartradein' });
    // What every start does: migrations, then each module's reference seed.
    await prepareDatabase(t.deps, { demo: false });
    expect(summary((await office.get('/api/grants')).json())).toEqual([
      'cartradein:市商务局:manage',
      'recycling:市商务局:manage',
      'renewal:市工信局:manage',
      'renewal:市财政局:confirm_payment',
      'renewal_rd:市科技局:manage',
      'renewal_standards:市市场监管局:manage',
      'tradein:市商务局:manage',
    ]);
  });
});
