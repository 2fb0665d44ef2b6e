import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/helpers/testApp.js';

describe('accounts, sessions and API tokens', () => {
  let t: TestApp;
  let orgIds: Record<string, number>;
  beforeAll(async () => {
    t = await createTestApp();
    const rows = await t.deps.database.db.selectFrom('organizations').select(['id', 'code']).execute();
    orgIds = Object.fromEntries(rows.map((r) => [r.code, Number(r.id)]));
  });
  afterAll(() => t.close());

  it('the admin creates an account that must change its password at first sign-in', async () => {
    const admin = await t.login('demo_admin');
    const res = await admin.post('/api/users', {
      username: 'gxj_clerk',
      displayName: '工信局联络员',
      role: 'department',
      organizationId: orgIds['dept-02'],
      password: 'Clerk#Pass2024',
      mustChangePassword: true,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ role: 'department', mustChangePassword: true, organization: { name: '市工信局' } });
    const clerk = await t.login('gxj_clerk', 'Clerk#Pass2024');
    const blocked = await clerk.get('/api/organizations');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await clerk.post('/api/auth/password', { currentPassword: 'Clerk#Pass2024', newPassword: 'Clerk#Changed2024' })).statusCode).toBe(204);
    expect((await clerk.get('/api/organizations')).statusCode).toBe(200);
  });

  it('refuses a role that does not fit the organisation, and a duplicate username', async () => {
    const admin = await t.login('demo_admin');
    const wrongRole = await admin.post('/api/users', {
      username: 'town_as_office',
      displayName: 'x',
      role: 'office',
      organizationId: orgIds['town-01'],
      password: 'Clerk#Pass2024',
    });
    expect(wrongRole.statusCode).toBe(400);
    expect(wrongRole.json().error.details[0].field).toBe('role');
    const dup = await admin.post('/api/users', {
      username: 'demo_town',
      displayName: 'x',
      role: 'town',
      organizationId: orgIds['town-01'],
      password: 'Clerk#Pass2024',
    });
    expect(dup.statusCode).toBe(409);
  });

  it('non-admins cannot manage accounts', async () => {
    for (const who of ['demo_office', 'demo_town', '13800000001', 'demo_security', 'demo_auditor']) {
      const c = await t.login(who);
      const res = await c.post('/api/users', {
        username: 'sneaky',
        displayName: 'x',
        role: 'admin',
        organizationId: orgIds.office,
        password: 'Clerk#Pass2024',
      });
      expect(res.statusCode).toBe(403);
    }
    // The audit and security administrators read the accounts (the security one to reset second factors).
    for (const who of ['demo_auditor', 'demo_security']) expect((await (await t.login(who)).get('/api/users')).statusCode).toBe(200);
  });

  it('disabling an account ends its sessions; enabling lets it back in', async () => {
    const admin = await t.login('demo_admin');
    const merchant = await t.login('demo_merchant');
    const users = (await admin.get('/api/users?q=demo_merchant')).json();
    const id = users.items[0].id;
    expect((await admin.post(`/api/users/${id}/disable`)).json().status).toBe('disabled');
    expect((await merchant.get('/api/auth/me')).statusCode).toBe(401);
    await expect(t.login('demo_merchant')).rejects.toThrow(/403/);
    expect((await admin.post(`/api/users/${id}/disable`)).statusCode).toBe(409);
    expect((await admin.post(`/api/users/${id}/enable`)).json().status).toBe('active');
    await t.login('demo_merchant');
  });

  it('a password reset forces a change and signs the user out everywhere', async () => {
    const admin = await t.login('demo_admin');
    const town = await t.login('demo_town');
    const id = (await admin.get('/api/users?q=demo_town')).json().items[0].id;
    const res = await admin.post(`/api/users/${id}/reset-password`, { newPassword: 'Temp#Reset2024' });
    expect(res.json().mustChangePassword).toBe(true);
    expect((await town.get('/api/auth/me')).statusCode).toBe(401);
    const again = await t.login('demo_town', 'Temp#Reset2024');
    expect((await again.get('/api/organizations')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('the admin sees who is signed in and ends a session', async () => {
    const admin = await t.login('demo_admin');
    const auditor = await t.login('demo_auditor');
    const sessions = (await admin.get('/api/sessions?pageSize=100')).json();
    const target = sessions.items.find((s: { username: string }) => s.username === 'demo_auditor');
    expect(target).toBeTruthy();
    expect((await admin.delete(`/api/sessions/${target.id}`)).statusCode).toBe(204);
    expect((await auditor.get('/api/auth/me')).statusCode).toBe(401);
  });

  // Adjusted for 三员分立: a token never carries an administrator duty (duties/duties.test.ts), so the token here
  // is the office's, which reads the audit trail and organisations but not accounts.
  it('API tokens: created by the admin, scoped to a role and organisation, stored hashed, revocable', async () => {
    const admin = await t.login('demo_admin');
    const created = await admin.post('/api/api-tokens', { name: '省平台对接', role: 'office', organizationId: orgIds.office });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^hxt_/);
    const stored = await t.deps.database.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.anonymous.get('/api/audit?pageSize=1', bearer)).statusCode).toBe(200);
    expect((await t.anonymous.get('/api/organizations', bearer)).statusCode).toBe(200);
    expect((await t.anonymous.get('/api/users', bearer)).statusCode).toBe(403);
    expect((await t.anonymous.request({ method: 'POST', url: '/api/users', headers: bearer, payload: {} })).statusCode).toBe(403);
    expect((await admin.post(`/api/api-tokens/${id}/revoke`)).json().revokedAt).toBeTruthy();
    expect((await t.anonymous.get('/api/audit?pageSize=1', bearer)).statusCode).toBe(401);
  });
});
