import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../../../core/context.js';
import { ROLES } from '../../../../shared/roles.js';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { staffPolicy } from '../policies/staff.js';

const STAFF_PASSWORD = 'Staff#Till2024';

describe('merchant staff accounts: an enterprise disables and enables its own staff', () => {
  let t: TestApp;
  let enterprise: TestClient;
  let staffId: number;

  beforeAll(async () => {
    t = await createTestApp();
    enterprise = await t.login('demo_enterprise');
    const res = await enterprise.post('/api/tradein/staff', { username: 'till_staff_1', displayName: '收银员一号', password: STAFF_PASSWORD });
    expect(res.statusCode).toBe(201);
    staffId = res.json().id;
  });
  afterAll(() => t.close());

  it('only the enterprise administrator of the same enterprise may switch staff accounts (policy matrix)', () => {
    const actor = (role: (typeof ROLES)[number], organizationId: number): Actor => ({
      kind: 'user',
      userId: 1,
      username: role,
      role,
      organizationId,
      organizationKind: 'enterprise',
      townId: null,
      sessionId: 's',
    });
    const allowed = ROLES.filter((r) => staffPolicy.can(actor(r, 7), 'setStatus', { organization_id: 7 }));
    expect(allowed).toEqual(['enterprise']);
    expect(staffPolicy.can(actor('enterprise', 7), 'setStatus', { organization_id: 8 })).toBe(false);
    expect(staffPolicy.can(ANONYMOUS, 'setStatus', { organization_id: 7 })).toBe(false);
  });

  it('disables its own staff: the staff session ends at once, the list shows it, an audit record is written', async () => {
    const staff = await t.login('till_staff_1', STAFF_PASSWORD);
    expect((await staff.get('/api/auth/me')).statusCode).toBe(200);

    const res = await enterprise.post(`/api/tradein/staff/${staffId}/disable`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: staffId, username: 'till_staff_1', displayName: '收银员一号', status: 'disabled' });
    expect((await enterprise.get('/api/tradein/staff')).json().find((s: { id: number }) => s.id === staffId).status).toBe('disabled');

    // The session that was signed in before is dead, and the account can no longer sign in.
    expect((await staff.get('/api/auth/me')).statusCode).toBe(401);
    const login = await t.anonymous.post('/api/auth/login', { username: 'till_staff_1', password: STAFF_PASSWORD });
    expect(login.statusCode).not.toBe(200);

    // Disabling twice is a state conflict, not a silent success.
    expect((await enterprise.post(`/api/tradein/staff/${staffId}/disable`)).statusCode).toBe(409);

    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity', 'entity_id', 'actor_username'])
      .where('entity', '=', 'user')
      .where('entity_id', '=', String(staffId))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'disable']);
    expect(audit[1]!.actor_username).toBe('demo_enterprise');
  });

  it('enables it again: the staff member can sign in', async () => {
    const res = await enterprise.post(`/api/tradein/staff/${staffId}/enable`);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('active');
    const login = await t.anonymous.post('/api/auth/login', { username: 'till_staff_1', password: STAFF_PASSWORD });
    expect(login.statusCode).toBe(200);
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity', '=', 'user')
      .where('entity_id', '=', String(staffId))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'disable', 'enable']);
  });

  it('another enterprise gets 404 for our staff, and for accounts that are not merchant staff', async () => {
    // An enterprise administrator of the demo merchant's enterprise, created by the platform administrator.
    const admin = await t.login('demo_admin');
    const merchantOrg = (
      await t.deps.database.db.selectFrom('users').select('organization_id').where('username', '=', 'demo_merchant').executeTakeFirstOrThrow()
    ).organization_id;
    const created = await admin.post('/api/users', {
      username: 'other_ent_admin',
      displayName: '另一家企业管理员',
      role: 'enterprise',
      organizationId: Number(merchantOrg),
      password: STAFF_PASSWORD,
      mustChangePassword: false,
    });
    expect(created.statusCode).toBe(201);
    const other = await t.login('other_ent_admin', STAFF_PASSWORD);
    expect((await other.post(`/api/tradein/staff/${staffId}/disable`)).statusCode).toBe(404);
    expect((await other.post(`/api/tradein/staff/${staffId}/enable`)).statusCode).toBe(404);

    // Within its own enterprise, the administrator account itself is not merchant staff: 404 too.
    const enterpriseUser = await t.deps.database.db.selectFrom('users').select('id').where('username', '=', 'demo_enterprise').executeTakeFirstOrThrow();
    expect((await enterprise.post(`/api/tradein/staff/${Number(enterpriseUser.id)}/disable`)).statusCode).toBe(404);
    expect((await enterprise.post('/api/tradein/staff/999999/disable')).statusCode).toBe(404);

    // Another enterprise's staff (the demo merchant) is not ours either, and stays active.
    const demoMerchant = await t.deps.database.db.selectFrom('users').select('id').where('username', '=', 'demo_merchant').executeTakeFirstOrThrow();
    expect((await enterprise.post(`/api/tradein/staff/${Number(demoMerchant.id)}/disable`)).statusCode).toBe(404);
    const after = await t.deps.database.db.selectFrom('users').select('status').where('id', '=', demoMerchant.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('active');
  });

  it('residents and merchant staff are refused with 403', async () => {
    const resident = await t.login('13800000001');
    const merchant = await t.login('demo_merchant');
    for (const c of [resident, merchant]) {
      expect((await c.post(`/api/tradein/staff/${staffId}/disable`)).statusCode).toBe(403);
      expect((await c.post(`/api/tradein/staff/${staffId}/enable`)).statusCode).toBe(403);
    }
    expect((await t.anonymous.post(`/api/tradein/staff/${staffId}/disable`)).statusCode).toBe(401);
    const staff = await t.deps.database.db.selectFrom('users').select('status').where('id', '=', staffId).executeTakeFirstOrThrow();
    expect(staff.status).toBe('active');
  });
});
