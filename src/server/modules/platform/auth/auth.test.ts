import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCitizenIdCheckChar } from '../../../../shared/validators/citizenId.js';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../../../../test/helpers/testApp.js';

const id = (first17: string) => first17 + computeCitizenIdCheckChar(first17);

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('resident registration', () => {
    const body = { mobile: '13912345678', password: 'Resident#2024x', realName: '李四', idNumber: id('35058219850505123') };

    it('registers a resident with masked personal data (201)', async () => {
      const res = await t.anonymous.post('/api/auth/register/resident', body);
      expect(res.statusCode).toBe(201);
      const user = res.json();
      expect(user.role).toBe('resident');
      expect(user.idNumber).toBe(`3505**********${body.idNumber.slice(-4)}`);
      expect(user.mobile).toBe('139****5678');
      expect(JSON.stringify(user)).not.toContain(body.idNumber);
      const row = await t.deps.database.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(row.id_number_enc).not.toContain(body.idNumber);
      expect(t.deps.sealer.open(row.id_number_enc!)).toBe(body.idNumber);
    });

    it('rejects a bad ID number with 400 naming the field, in the caller’s language', async () => {
      const bad = { ...body, mobile: '13912345679', idNumber: body.idNumber.slice(0, 17) + (body.idNumber.endsWith('1') ? '2' : '1') };
      const zh = await t.anonymous.post('/api/auth/register/resident', bad);
      expect(zh.statusCode).toBe(400);
      expect(zh.json().error.code).toBe('VALIDATION_FAILED');
      expect(zh.json().error.details).toEqual([{ field: 'idNumber', reason: 'citizenId.checksum', message: '身份证号码校验位不正确' }]);
      const en = await t.anonymous.post('/api/auth/register/resident', bad, { 'accept-language': 'en-US,en;q=0.9' });
      expect(en.json().error.details[0].message).toBe('The check character of the ID number is wrong');
    });

    it('rejects an impossible birth date and a weak password', async () => {
      const res = await t.anonymous.post('/api/auth/register/resident', { ...body, idNumber: id('35058220230230123'), password: 'short' });
      expect(res.statusCode).toBe(400);
      const fields = res.json().error.details.map((d: { field: string; reason: string }) => `${d.field}:${d.reason}`);
      expect(fields).toEqual(expect.arrayContaining(['idNumber:citizenId.birthDate', 'password:password.weak']));
    });

    it('registers one ID number and one mobile only once (409)', async () => {
      const sameId = await t.anonymous.post('/api/auth/register/resident', { ...body, mobile: '13700000000' });
      expect(sameId.statusCode).toBe(409);
      expect(sameId.json().error.details[0].field).toBe('idNumber');
      const sameMobile = await t.anonymous.post('/api/auth/register/resident', { ...body, idNumber: id('35058219850505124') });
      expect(sameMobile.statusCode).toBe(409);
      expect(sameMobile.json().error.details[0].field).toBe('mobile');
    });

    it('lets the resident sign in with the mobile number', async () => {
      const c = await t.login('13912345678', body.password);
      const me = await c.get('/api/auth/me');
      expect(me.json().user.displayName).toBe('李四');
    });
  });

  describe('sessions', () => {
    it('login sets an httpOnly SameSite=Lax session cookie; me returns role and organisation', async () => {
      const res = await t.anonymous.post('/api/auth/login', { username: 'demo_town', password: DEMO_PASSWORD });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'hx_session')!;
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Lax');
      const me = await t.anonymous.get('/api/auth/me', { cookie: `hx_session=${cookie.value}` });
      expect(me.statusCode).toBe(200);
      expect(me.json().user).toMatchObject({ username: 'demo_town', role: 'town', organization: { name: '青阳街道', kind: 'town' } });
    });

    it('me without a session is 401', async () => {
      const res = await t.anonymous.get('/api/auth/me');
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a cookie-authenticated write without the CSRF token', async () => {
      const c = await t.login('demo_office');
      const res = await t.anonymous.post('/api/auth/logout', undefined, { cookie: c.cookie! });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('CSRF_FAILED');
      expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
      expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    });

    it('answers requests of several sessions made at once each with its own account (lookups share a query)', async () => {
      const [office, auditor, town] = await Promise.all([t.login('demo_office'), t.login('demo_auditor'), t.login('demo_town')]);
      const answers = await Promise.all([office, auditor, town, office, auditor].map((c) => c.get('/api/auth/me')));
      expect(answers.map((r) => r.json().user.username)).toEqual(['demo_office', 'demo_auditor', 'demo_town', 'demo_office', 'demo_auditor']);
    });

    it('stamps a session seen again once a minute has passed', async () => {
      const c = await t.login('demo_town');
      const old = new Date(Date.now() - 5 * 60_000).toISOString();
      await t.deps.database.db.updateTable('sessions').set({ last_seen_at: old }).where('ended_at', 'is', null).execute();
      expect((await c.get('/api/auth/me')).statusCode).toBe(200);
      const rows = await t.deps.database.db.selectFrom('sessions').select('last_seen_at').where('ended_at', 'is', null).execute();
      expect(rows.filter((r) => r.last_seen_at > old).length).toBeGreaterThan(0);
    });

    it('ends a session after the idle time-out', async () => {
      const c = await t.login('demo_auditor');
      const stale = new Date(Date.now() - 31 * 60_000).toISOString();
      await t.deps.database.db.updateTable('sessions').set({ last_seen_at: stale }).where('ended_at', 'is', null).execute();
      expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    });

    it('ends a session after the absolute time-out', async () => {
      const c = await t.login('demo_auditor');
      await t.deps.database.db
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('ended_at', 'is', null)
        .execute();
      expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    });

    it('changes the password; the old one stops working', async () => {
      const c = await t.login('demo_recycler');
      const weak = await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'alllowercase' });
      expect(weak.statusCode).toBe(400);
      const wrong = await c.post('/api/auth/password', { currentPassword: 'Wrong#Pass1234', newPassword: 'Recycler#New2024' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.code).toBe('WRONG_PASSWORD');
      expect((await c.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'Recycler#New2024' })).statusCode).toBe(204);
      await expect(t.login('demo_recycler')).rejects.toThrow(/401/);
      await t.login('demo_recycler', 'Recycler#New2024');
    });

    it('remembers the language and answers in it', async () => {
      const c = await t.login('demo_department');
      expect((await c.put('/api/auth/locale', { locale: 'en' })).statusCode).toBe(204);
      const res = await c.get('/api/users');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe('You are not allowed to do this');
    });
  });

  describe('second factor in the API document', () => {
    it('documents the two answers of the password step and the second step', async () => {
      const doc = (await t.anonymous.get('/api/openapi.json')).json();
      const login = JSON.stringify(doc.paths['/api/auth/login'].post.responses['200']);
      expect(login).toMatch(/MfaChallenge|mfaRequired/);
      const text = JSON.stringify(doc);
      for (const field of ['mfaRequired', 'enrolmentRequired', 'challenge']) expect(text).toContain(field);
      expect(doc.paths['/api/auth/login/mfa'].post).toBeDefined();
      expect(doc.paths['/api/auth/login/mfa/enrol'].post).toBeDefined();
    });

    it('without a second factor and outside HUANXIN_MFA_ROLES the password alone still makes a session', async () => {
      const res = await t.anonymous.post('/api/auth/login', { username: 'demo_admin', password: DEMO_PASSWORD });
      expect(res.json().mfaRequired).toBeUndefined();
      expect(res.cookies.find((c) => c.name === 'hx_session')).toBeDefined();
    });
  });

  describe('failed logins', () => {
    it('locks an account after repeated failures and logs every attempt', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await t.anonymous.post('/api/auth/login', { username: 'demo_merchant', password: 'Wrong#Pass1234' });
        codes.push(res.statusCode);
      }
      expect(codes.slice(0, 4)).toEqual([401, 401, 401, 401]);
      expect(codes[4]).toBe(429);
      const locked = await t.anonymous.post('/api/auth/login', { username: 'demo_merchant', password: DEMO_PASSWORD });
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
      const log = await t.deps.database.db.selectFrom('login_events').selectAll().where('username', '=', 'demo_merchant').execute();
      expect(log.filter((e) => e.success === 0)).toHaveLength(6);
      expect(log.map((e) => e.reason)).toContain('locked');
    });

    it('does not reveal whether an account exists', async () => {
      const res = await t.anonymous.post('/api/auth/login', { username: 'nobody_here', password: 'Wrong#Pass1234' });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    });
  });
});
