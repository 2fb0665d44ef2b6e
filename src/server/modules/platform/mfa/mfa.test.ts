import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { createTestApp, DEMO_PASSWORD, isPostgres, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { fakeClock, shanghaiInstant } from '../../../../../test/helpers/clock.js';
import { recordEvidence } from '../../../../../test/helpers/evidence.js';
import { base32Decode, hotp, totp } from './totp.js';
import { RFC4226_HOTP, RFC4226_KEY, RFC6238_KEYS, RFC6238_TOTP } from './vectors.js';

/** The code an authenticator app would show at `at` for this secret (computed here from the RFC, not asked of the app). */
const codeAt = (secret: string, at: number) => totp(base32Decode(secret), at);
/** Instants 30 s apart, each 3 s into its step, so that the few seconds a test step takes never cross into the next. */
const BASE = shanghaiInstant('2026-03-02', '09:00').getTime() + 3000;
const step = (n: number) => BASE + n * 30_000;

const cookieOf = (res: { cookies: { name: string; value: string }[] }) => res.cookies.find((c) => c.name === 'hx_session');
const clientFrom = (t: TestApp, res: { cookies: { name: string; value: string }[]; json: () => { csrfToken: string } }): TestClient => {
  const cookie = `hx_session=${cookieOf(res)!.value}`;
  const csrf = res.json().csrfToken;
  const request: TestClient['request'] = (opts) => t.app.inject({ ...opts, headers: { cookie, 'x-csrf-token': csrf, ...(opts.headers ?? {}) } });
  return {
    cookie,
    csrf,
    request,
    get: (url, headers) => request({ method: 'GET', url, ...(headers ? { headers } : {}) }),
    post: (url, body, headers) => request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as never }), ...(headers ? { headers } : {}) }),
    patch: (url, body) => request({ method: 'PATCH', url, payload: body as never }),
    put: (url, body) => request({ method: 'PUT', url, payload: body as never }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
};

const figures = { vectors: 0, replaysRefused: 0, wrongCodesCounted: 0, recoveryReuseRefused: 0, resets: 0, tokenRequests: 0, requiredEnrolments: 0 };

describe('two factors for officials (TOTP)', () => {
  let t: TestApp;
  let secret = '';
  let recovery: string[] = [];
  let officeId = 0;
  const password = (username = 'demo_office') => t.anonymous.post('/api/auth/login', { username, password: DEMO_PASSWORD });

  beforeAll(async () => {
    fakeClock(step(0));
    t = await createTestApp();
    officeId = Number((await t.deps.database.db.selectFrom('users').select('id').where('username', '=', 'demo_office').executeTakeFirstOrThrow()).id);
  });
  afterAll(async () => {
    await t.close();
    vi.useRealTimers();
  });

  it('computes the RFC 4226 and RFC 6238 (SHA-1) vectors', () => {
    for (const [counter, code] of RFC4226_HOTP.entries()) {
      expect(hotp(Buffer.from(RFC4226_KEY, 'ascii'), counter)).toBe(code);
      figures.vectors++;
    }
    for (const [seconds, sha1] of RFC6238_TOTP) {
      expect(totp(Buffer.from(RFC6238_KEYS.sha1, 'ascii'), seconds * 1000, { digits: 8 })).toBe(sha1);
      figures.vectors++;
    }
  });

  it('enrols: secret and otpauth URI once, sealed at rest; a wrong code refused; the right one gives ten recovery codes', async () => {
    const c = await t.login('demo_office');
    expect((await c.get('/api/mfa/me')).json()).toMatchObject({ enabled: false, pending: false, required: false });
    const started = await c.post('/api/mfa/enrol');
    expect(started.statusCode).toBe(200);
    secret = started.json().secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.json().otpauthUri).toContain(`secret=${secret}`);
    expect(decodeURIComponent(started.json().otpauthUri)).toContain('焕新 Huanxin:demo_office');
    const row = await t.deps.database.db.selectFrom('mfa_authenticators').selectAll().where('user_id', '=', officeId).executeTakeFirstOrThrow();
    expect(row.secret_enc).not.toContain(secret);
    expect(t.deps.sealer.open(row.secret_enc)).toBe(secret);

    const wrong = await c.post('/api/mfa/enrol/confirm', { code: codeAt(secret, step(-5)) }, { 'accept-language': 'en' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details).toEqual([{ field: 'code', reason: 'mfa.codeInvalid', message: 'The code is wrong, expired or already used' }]);
    const malformed = await c.post('/api/mfa/enrol/confirm', { code: '12ab' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details[0]).toMatchObject({ field: 'code', reason: 'mfa.code' });

    const confirmed = await c.post('/api/mfa/enrol/confirm', { code: codeAt(secret, step(0)) });
    expect(confirmed.statusCode).toBe(200);
    recovery = confirmed.json().recoveryCodes;
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    const hashes = await t.deps.database.db.selectFrom('mfa_recovery_codes').select('code_hash').where('user_id', '=', officeId).execute();
    expect(hashes).toHaveLength(10);
    for (const h of hashes) for (const r of recovery) expect(h.code_hash).not.toContain(r.replace('-', ''));
    expect((await c.get('/api/mfa/me')).json()).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect((await c.post('/api/mfa/enrol')).statusCode).toBe(409);
  });

  it('a password alone no longer makes a session; the code of the step already used is refused (replay), the next works', async () => {
    const first = await password();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ mfaRequired: true, challenge: expect.any(String), enrolmentRequired: false });
    expect(cookieOf(first)).toBeUndefined();
    const challenge = first.json().challenge;

    // The code that confirmed the enrolment (same step): refused, and counted as a failed sign-in.
    const replay = await t.anonymous.post('/api/auth/login/mfa', { challenge, code: codeAt(secret, step(0)) });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('MFA_CODE_INVALID');
    expect(cookieOf(replay)).toBeUndefined();
    figures.replaysRefused++;
    const throttle = await t.deps.database.db.selectFrom('login_throttle').selectAll().where('key', '=', 'account:demo_office').executeTakeFirstOrThrow();
    expect(throttle.failures).toBe(1);
    figures.wrongCodesCounted++;

    fakeClock(step(1));
    const ok = await t.anonymous.post('/api/auth/login/mfa', { challenge, code: codeAt(secret, step(1)) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.username).toBe('demo_office');
    const c = clientFrom(t, ok);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    // A successful sign-in clears the account's failures, exactly as the password login does.
    expect(await t.deps.database.db.selectFrom('login_throttle').selectAll().where('key', '=', 'account:demo_office').executeTakeFirst()).toBeUndefined();

    // Single use: the challenge is spent, and the same code on a new challenge is a replay.
    expect((await t.anonymous.post('/api/auth/login/mfa', { challenge, code: codeAt(secret, step(1)) })).json().error.code).toBe('MFA_CHALLENGE_INVALID');
    const again = await t.anonymous.post('/api/auth/login/mfa', { challenge: (await password()).json().challenge, code: codeAt(secret, step(1)) });
    expect(again.statusCode).toBe(401);
    figures.replaysRefused++;

    const events = await t.deps.database.db
      .selectFrom('login_events')
      .select(['reason', 'success'])
      .where('username', '=', 'demo_office')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.reason)).toEqual(expect.arrayContaining(['mfa_challenge', 'mfa_bad_code', 'ok', 'mfa_challenge_invalid'].slice(0, 3)));
    expect(events.filter((e) => e.success === 1).map((e) => e.reason)).toContain('ok');
  });

  it('a recovery code signs in once only; the body takes a code or a recovery code, not both', async () => {
    const both = await t.anonymous.post('/api/auth/login/mfa', { challenge: (await password()).json().challenge, code: '123456', recoveryCode: recovery[0] });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.details[0]).toMatchObject({ field: 'code', reason: 'mfa.oneOf' });
    const used = await t.anonymous.post('/api/auth/login/mfa', { challenge: (await password()).json().challenge, recoveryCode: recovery[0] });
    expect(used.statusCode).toBe(200);
    const reuse = await t.anonymous.post('/api/auth/login/mfa', { challenge: (await password()).json().challenge, recoveryCode: recovery[0] });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().error.details[0].field).toBe('recoveryCode');
    figures.recoveryReuseRefused++;
    const c = clientFrom(t, used);
    expect((await c.get('/api/mfa/me')).json().recoveryCodesLeft).toBe(9);
    // Regenerating needs a current code; the old codes stop working.
    fakeClock(step(2));
    expect((await c.post('/api/mfa/recovery-codes', { code: codeAt(secret, step(-3)) })).statusCode).toBe(400);
    const fresh = await c.post('/api/mfa/recovery-codes', { code: codeAt(secret, step(2)) });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().recoveryCodes).toHaveLength(10);
    const old = await t.anonymous.post('/api/auth/login/mfa', { challenge: (await password()).json().challenge, recoveryCode: recovery[1] });
    expect(old.statusCode).toBe(401);
    recovery = fresh.json().recoveryCodes;
  });

  it('a challenge expires after 5 minutes', async () => {
    const challenge = (await password()).json().challenge;
    fakeClock(step(2) + 5 * 60_000 + 1000);
    const late = await t.anonymous.post('/api/auth/login/mfa', { challenge, code: codeAt(secret, step(2) + 5 * 60_000 + 1000) });
    expect(late.statusCode).toBe(401);
    expect(late.json().error.code).toBe('MFA_CHALLENGE_INVALID');
    fakeClock(step(20));
  });

  it('only the security administrator resets a second factor: sessions end, audited, the account told', async () => {
    const signedIn = await t.anonymous.post('/api/auth/login/mfa', { challenge: (await password()).json().challenge, code: codeAt(secret, step(20)) });
    const office = clientFrom(t, signedIn);
    expect((await office.get('/api/auth/me')).statusCode).toBe(200);

    const admin = await t.login('demo_admin');
    expect((await admin.post(`/api/mfa/users/${officeId}/reset`)).statusCode).toBe(403);
    const security = await t.login('demo_security');
    const securityId = (await security.get('/api/auth/me')).json().user.id;
    expect((await security.post(`/api/mfa/users/${securityId}/reset`)).statusCode).toBe(403);
    const status = await security.get(`/api/mfa/users?userIds=${officeId},${securityId}`);
    expect(status.json()).toEqual(
      expect.arrayContaining([expect.objectContaining({ userId: officeId, enabled: true }), expect.objectContaining({ userId: securityId, enabled: false })]),
    );
    expect((await admin.get(`/api/mfa/users?userIds=${officeId}`)).statusCode).toBe(200);
    expect((await office.get(`/api/mfa/users?userIds=${officeId}`)).statusCode).toBe(403);

    expect((await security.post(`/api/mfa/users/${officeId}/reset`)).statusCode).toBe(204);
    figures.resets++;
    expect((await office.get('/api/auth/me')).statusCode).toBe(401);
    const db = t.deps.database.db;
    expect(await db.selectFrom('mfa_authenticators').selectAll().where('user_id', '=', officeId).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom('mfa_recovery_codes').selectAll().where('user_id', '=', officeId).execute()).toEqual([]);
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'user_mfa')
      .where('entity_id', '=', String(officeId))
      .where('action', '=', 'reset')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_username).toBe('demo_security');
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ enabled: false });
    expect(JSON.parse(audit[0]!.after_json!).sessionsEnded).toBeGreaterThanOrEqual(1);
    expect(await db.selectFrom('sessions').select('id').where('user_id', '=', officeId).where('ended_at', 'is', null).execute()).toEqual([]);
    const note = await db.selectFrom('notifications').selectAll().where('user_id', '=', officeId).where('kind', '=', 'mfaReset').execute();
    expect(note).toHaveLength(1);
    // Not required in this configuration: the password alone signs in again.
    expect(cookieOf(await password())).toBeDefined();
  });
});

describe('a role that requires a second factor (HUANXIN_MFA_ROLES=office)', () => {
  let t: TestApp;
  beforeAll(async () => {
    fakeClock(step(100));
    t = await createTestApp({ env: { HUANXIN_MFA_ROLES: 'office' } });
  });
  afterAll(async () => {
    await t.close();
    vi.useRealTimers();
  });

  it('an official without a second factor enrols inside the sign-in before any session, and cannot turn it off', async () => {
    const first = await t.anonymous.post('/api/auth/login', { username: 'demo_office', password: DEMO_PASSWORD });
    expect(first.json()).toMatchObject({ mfaRequired: true, enrolmentRequired: true });
    expect(cookieOf(first)).toBeUndefined();
    const challenge = first.json().challenge;
    // No way round it: no session, so nothing else answers.
    expect((await t.anonymous.get('/api/mfa/me')).statusCode).toBe(401);
    expect((await t.anonymous.post('/api/auth/login/mfa', { challenge, code: '000000' })).json().error.code).toBe('MFA_NOT_STARTED');
    const started = await t.anonymous.post('/api/auth/login/mfa/enrol', { challenge });
    expect(started.statusCode).toBe(200);
    const secret = started.json().secret;
    const done = await t.anonymous.post('/api/auth/login/mfa', { challenge, code: codeAt(secret, step(100)) });
    expect(done.statusCode).toBe(200);
    expect(done.json().recoveryCodes).toHaveLength(10);
    figures.requiredEnrolments++;
    const c = clientFrom(t, done);
    expect((await c.get('/api/mfa/me')).json()).toMatchObject({ enabled: true, required: true });
    fakeClock(step(101));
    const off = await c.post('/api/mfa/disable', { code: codeAt(secret, step(101)) });
    expect(off.statusCode).toBe(409);
    expect(off.json().error.code).toBe('MFA_REQUIRED_FOR_ROLE');
    // An enrolment challenge is for enrolling only; a sign-in challenge cannot start one.
    const next = await t.anonymous.post('/api/auth/login', { username: 'demo_office', password: DEMO_PASSWORD });
    expect(next.json().enrolmentRequired).toBe(false);
    expect((await t.anonymous.post('/api/auth/login/mfa/enrol', { challenge: next.json().challenge })).statusCode).toBe(401);

    // Other roles sign in with the password alone.
    expect(cookieOf(await t.anonymous.post('/api/auth/login', { username: 'demo_department', password: DEMO_PASSWORD }))).toBeDefined();
  });

  it('wrong codes count into the login lockout', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const challenge = (await t.anonymous.post('/api/auth/login', { username: 'demo_office', password: DEMO_PASSWORD })).json().challenge;
      codes.push((await t.anonymous.post('/api/auth/login/mfa', { challenge, code: '000000' })).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 429]);
    figures.wrongCodesCounted += 5;
    const locked = await t.anonymous.post('/api/auth/login', { username: 'demo_office', password: DEMO_PASSWORD });
    expect(locked.statusCode).toBe(429);
    const bad = await t.deps.database.db
      .selectFrom('login_events')
      .select('reason')
      .where('username', '=', 'demo_office')
      .where('reason', '=', 'mfa_bad_code')
      .execute();
    expect(bad.length).toBeGreaterThanOrEqual(5);
  });

  it('API tokens are unaffected: a token of a required role is never asked for a code', async () => {
    const admin = await t.login('demo_admin');
    const office = Number((await t.deps.database.db.selectFrom('organizations').select('id').where('kind', '=', 'office').executeTakeFirstOrThrow()).id);
    const created = await admin.post('/api/api-tokens', { name: '对接令牌', role: 'office', organizationId: office });
    expect(created.statusCode).toBe(201);
    const bearer = { authorization: `Bearer ${created.json().token}` };
    for (const url of ['/api/organizations', '/api/audit?pageSize=1']) {
      expect((await t.anonymous.get(url, bearer)).statusCode).toBe(200);
      figures.tokenRequests++;
    }
    // The evidence carries the real time it was produced, not the test's clock.
    vi.useRealTimers();
    recordEvidence({
      control: 'mfa',
      ok: true,
      summary: {
        'zh-CN': `TOTP（RFC 6238）双因素：RFC 4226/6238 向量 ${figures.vectors} 个通过；重放拒绝 ${figures.replaysRefused} 次；错误验证码计入锁定 ${figures.wrongCodesCounted} 次；恢复码重复使用拒绝 ${figures.recoveryReuseRefused} 次；安全管理员重置 ${figures.resets} 次（有审计记录）；强制角色先登记后登录 ${figures.requiredEnrolments} 次；接口令牌不受影响（${figures.tokenRequests} 次请求）`,
        en: `TOTP (RFC 6238) second factor: ${figures.vectors} RFC 4226/6238 vectors pass; ${figures.replaysRefused} replays refused; ${figures.wrongCodesCounted} wrong codes counted into the lockout; ${figures.recoveryReuseRefused} recovery-code reuse refused; ${figures.resets} security-administrator reset (audited); ${figures.requiredEnrolments} required enrolment before a session; API tokens unaffected (${figures.tokenRequests} requests)`,
      },
      figures: { ...figures, database: isPostgres() ? 'postgresql' : 'sqlite' },
      command: 'npx vitest run src/server/modules/platform/mfa/',
    });
  });
});
