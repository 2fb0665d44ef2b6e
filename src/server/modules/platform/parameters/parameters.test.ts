import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { isoPlus, nowIso } from '../../../db/time.js';
import { inTransaction } from '../../../db/database.js';
import { createParameterReader } from './reader.js';
import { moduleContractProblems, type HuanxinModule } from '../../../core/module.js';
import { MODULES } from '../../index.js';
import { windowPhase } from '../../../../shared/programWindow.js';

type Parameter = {
  key: string;
  value: unknown;
  defaultValue: unknown;
  overridden: boolean;
  min: number | null;
  max: number | null;
  version: number;
  updatedBy: string | null;
  security: boolean;
  canChange: boolean;
};

describe('system parameters: declared in code, changed by the security administrator or the office, read by the services', () => {
  let t: TestApp;
  let office: TestClient;
  let admin: TestClient;
  let auditor: TestClient;
  let department: TestClient;
  let security: TestClient;

  const parameter = async (key: string): Promise<Parameter> => ((await office.get('/api/parameters')).json() as Parameter[]).find((p) => p.key === key)!;
  const failLogin = (username: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'wrong-password-1' } });

  beforeAll(async () => {
    t = await createTestApp({ env: { HUANXIN_SESSION_IDLE_MINUTES: '45' } });
    [office, admin, auditor, department, security] = await Promise.all([
      t.login('demo_office'),
      t.login('demo_admin'),
      t.login('demo_auditor'),
      t.login('demo_department'),
      t.login('demo_security'),
    ]);
  });
  afterAll(() => t.close());

  it('lists every declared parameter with its default (the environment’s for the idle time-out) and bounds', async () => {
    const list = (await auditor.get('/api/parameters')).json() as Parameter[];
    // The platform's own, in its order; other modules' follow (each key is named after its module).
    expect(list.map((p) => p.key).filter((k) => k.startsWith('platform.'))).toEqual([
      'platform.sessionIdleMinutes',
      'platform.loginLockAfterFailures',
      'platform.loginFailureWindowMinutes',
      'platform.loginLockMinutes',
      'platform.programEndingNoticeDays',
    ]);
    expect(list[0]).toMatchObject({ value: 45, defaultValue: 45, overridden: false, min: 5, max: 480, version: 0, updatedBy: null });
    expect(list[1]).toMatchObject({ value: 5, defaultValue: 5, min: 3, max: 20 });
    expect(await t.deps.parameters.get('platform.programEndingNoticeDays')).toBe(30);
  });

  // 三员分立: the security parameters (time-out, lockout) are the security administrator's alone, the business ones
  // (the programme ending notice) the office's; the audit and system administrators read both and change neither.
  it('security parameters are the security administrator’s, business ones the office’s; auditors and admins read; refusals are audited', async () => {
    expect((await department.get('/api/parameters')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/parameters')).statusCode).toBe(401);
    expect((await auditor.put('/api/parameters/platform.loginLockMinutes', { value: 20, version: 0 })).statusCode).toBe(403);
    expect((await department.post('/api/parameters/platform.loginLockMinutes/reset', { version: 0 })).statusCode).toBe(403);
    expect((await office.put('/api/parameters/platform.loginLockMinutes', { value: 20, version: 0 })).statusCode).toBe(403);
    expect((await admin.put('/api/parameters/platform.loginLockMinutes', { value: 20, version: 0 })).statusCode).toBe(403);
    expect((await security.put('/api/parameters/platform.programEndingNoticeDays', { value: 40, version: 0 })).statusCode).toBe(403);
    expect((await admin.put('/api/parameters/platform.programEndingNoticeDays', { value: 40, version: 0 })).statusCode).toBe(403);
    expect((await auditor.get('/api/parameters/platform.loginLockMinutes/history')).statusCode).toBe(200);
    expect((await admin.get('/api/parameters/platform.loginLockMinutes/history')).statusCode).toBe(200);
    const denied = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['actor_username', 'action', 'entity_id'])
      .where('entity', '=', 'system_parameter')
      .where('outcome', '=', 'denied')
      .orderBy('id')
      .execute();
    expect(denied.map((d) => `${d.actor_username} ${d.action}`)).toEqual([
      'demo_department list',
      'demo_auditor set',
      'demo_department reset',
      'demo_office set',
      'demo_admin set',
      'demo_security set',
      'demo_admin set',
    ]);
    expect((await parameter('platform.loginLockMinutes')).version).toBe(0);
    expect((await parameter('platform.programEndingNoticeDays')).version).toBe(0);
    // Each list says which the caller may change, so the page offers only that.
    const changeable = async (c: TestClient) =>
      ((await c.get('/api/parameters')).json() as Parameter[]).filter((p) => p.key.startsWith('platform.') && p.canChange).map((p) => p.key);
    expect(await changeable(security)).toEqual([
      'platform.sessionIdleMinutes',
      'platform.loginLockAfterFailures',
      'platform.loginFailureWindowMinutes',
      'platform.loginLockMinutes',
    ]);
    expect(await changeable(office)).toEqual(['platform.programEndingNoticeDays']);
    expect(await changeable(auditor)).toEqual([]);
    expect(await changeable(admin)).toEqual([]);
    expect((await parameter('platform.loginLockMinutes')).security).toBe(true);
  });

  it('refuses a value outside its bounds or of the wrong type on the field, in the caller’s language; an unknown key is 404', async () => {
    const low = await security.put('/api/parameters/platform.loginLockAfterFailures', { value: 2, version: 0 });
    expect(low.statusCode).toBe(400);
    expect(low.json().error.details).toEqual([{ field: 'value', reason: 'parameter.range', message: '须在 3 到 20 之间' }]);
    const high = await security.request({
      method: 'PUT',
      url: '/api/parameters/platform.loginLockAfterFailures',
      payload: { value: 21, version: 0 },
      headers: { 'accept-language': 'en' },
    });
    expect(high.json().error.details[0]).toMatchObject({ field: 'value', message: 'Must be between 3 and 20' });
    for (const value of [3.5, true, 'five'])
      expect((await security.put('/api/parameters/platform.loginLockAfterFailures', { value, version: 0 })).json().error.details[0].field).toBe('value');
    expect((await security.put('/api/parameters/platform.nothing', { value: 1, version: 0 })).statusCode).toBe(404);
    expect((await security.put('/api/parameters/platform.loginLockAfterFailures', { version: 0 })).statusCode).toBe(400);
    expect((await parameter('platform.loginLockAfterFailures')).version).toBe(0);
  });

  it('a lower lockout threshold takes effect at the next sign-in', async () => {
    // The default (5): three wrong passwords do not lock.
    for (let i = 0; i < 3; i++) expect((await failLogin('demo_town')).statusCode).toBe(401);
    const set = await security.put('/api/parameters/platform.loginLockAfterFailures', { value: 3, version: 0 });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ value: 3, defaultValue: 5, overridden: true, version: 1, updatedBy: 'demo_security' });
    expect((await failLogin('demo_finance')).statusCode).toBe(401);
    expect((await failLogin('demo_finance')).statusCode).toBe(401);
    const locked = await failLogin('demo_finance');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    // The lock lasts the lockout duration (15 minutes by default).
    const row = await t.deps.database.db
      .selectFrom('login_throttle')
      .select('locked_until')
      .where('key', '=', 'account:demo_finance')
      .executeTakeFirstOrThrow();
    const minutes = (new Date(row.locked_until!).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  it('refuses a change based on a version no longer current (409), and resets to the default', async () => {
    const stale = await security.put('/api/parameters/platform.loginLockAfterFailures', { value: 4, version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await security.post('/api/parameters/platform.loginLockAfterFailures/reset', { version: 0 })).statusCode).toBe(409);
    const reset = await security.post('/api/parameters/platform.loginLockAfterFailures/reset', { version: 1 });
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ value: 5, overridden: false, version: 2, updatedBy: 'demo_security' });
    expect(await t.deps.parameters.get('platform.loginLockAfterFailures')).toBe(5);
  });

  it('a shorter idle time-out ends sessions idle longer at their next request', async () => {
    const idleFor = async (client: TestClient, minutes: number) => {
      const sessionId = (await t.deps.database.db.selectFrom('sessions').select('id').orderBy('created_at', 'desc').executeTakeFirstOrThrow()).id;
      await t.deps.database.db
        .updateTable('sessions')
        .set({ last_seen_at: isoPlus(nowIso(), -minutes * 60_000) })
        .where('id', '=', sessionId)
        .execute();
      return client.get('/api/auth/me');
    };
    // 20 minutes idle is within the configured 45.
    expect((await idleFor(await t.login('demo_town'), 20)).statusCode).toBe(200);
    const current = await parameter('platform.sessionIdleMinutes');
    expect((await security.put('/api/parameters/platform.sessionIdleMinutes', { value: 15, version: current.version })).statusCode).toBe(200);
    expect((await idleFor(await t.login('demo_town'), 20)).statusCode).toBe(401);
    const ended = await t.deps.database.db.selectFrom('sessions').select('end_reason').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(ended.end_reason).toBe('idle_timeout');
  });

  it('keeps the history from the audit trail, newest first', async () => {
    const history = (await auditor.get('/api/parameters/platform.loginLockAfterFailures/history')).json();
    expect(
      history.map((h: { actor: string; action: string; before: unknown; after: unknown; version: number }) => [
        h.actor,
        h.action,
        h.before,
        h.after,
        h.version,
      ]),
    ).toEqual([
      ['demo_security', 'reset', 3, 5, 2],
      ['demo_security', 'set', 5, 3, 1],
    ]);
    expect((await auditor.get('/api/parameters/platform.nothing/history')).statusCode).toBe(404);
  });

  it('caches the values per process for a short time, and a stored value that no longer fits reads as the default', async () => {
    const reader = createParameterReader(t.deps.database, t.deps.config, t.deps.modules, 60_000);
    expect(await reader.get('platform.loginLockMinutes')).toBe(15);
    await t.deps.database.db
      .insertInto('system_parameters')
      .values({ key: 'platform.loginLockMinutes', value_json: '20', version: 1, updated_by: null, updated_at: nowIso() })
      .execute();
    // Another process's write is seen when the cache is refreshed (here: on refresh).
    expect(await reader.get('platform.loginLockMinutes')).toBe(15);
    await reader.refresh();
    expect(await reader.get('platform.loginLockMinutes')).toBe(20);
    await t.deps.database.db.updateTable('system_parameters').set({ value_json: '99999' }).where('key', '=', 'platform.loginLockMinutes').execute();
    await reader.refresh();
    expect(await reader.get('platform.loginLockMinutes')).toBe(15);
  });

  it('answers a read inside a transaction without waiting for a query, even when what it holds is stale', async () => {
    // Always stale: every read starts a refresh. On SQLite the transaction holds the one connection, so a read that
    // waited for the refresh would never return (the whole server hung this way under load).
    const reader = createParameterReader(t.deps.database, t.deps.config, t.deps.modules, 0);
    await reader.refresh();
    const inTx = inTransaction(t.deps.database, async (tx) => {
      await tx.selectFrom('system_parameters').select('key').execute();
      return [await reader.get('platform.loginLockMinutes'), await reader.get('platform.loginLockMinutes')];
    });
    const hung = new Promise((resolve) => setTimeout(() => resolve('hung'), 5_000));
    expect(await Promise.race([inTx, hung])).toEqual([15, 15]);
  });

  it('gives pages, to anyone signed in, only the values they show (how early a programme is ending), as they change', async () => {
    expect((await t.anonymous.get('/api/parameters/for-pages')).statusCode).toBe(401);
    const read = async () => (await department.get('/api/parameters/for-pages')).json() as Record<string, unknown>;
    const shown = t.deps.parameters.definitions.filter((d) => d.readByPages).map((d) => d.key);
    expect(Object.keys(await read()).sort()).toEqual([...shown].sort());
    expect(await read()).toMatchObject({ 'platform.programEndingNoticeDays': 30 });
    expect(Object.keys(await read())).not.toContain('platform.loginLockAfterFailures');
    const p = await parameter('platform.programEndingNoticeDays');
    expect((await office.put('/api/parameters/platform.programEndingNoticeDays', { value: 45, version: p.version })).statusCode).toBe(200);
    try {
      expect(await read()).toMatchObject({ 'platform.programEndingNoticeDays': 45 });
    } finally {
      const now = await parameter('platform.programEndingNoticeDays');
      await office.post('/api/parameters/platform.programEndingNoticeDays/reset', { version: now.version });
    }
  });

  it('warns of a programme’s end as many days before it as the parameter says', () => {
    const window = { validFrom: '2025-01-01', validTo: '2025-12-31' };
    expect(windowPhase(window, '2025-11-20', 30)).toEqual({ phase: 'open', daysLeft: 41 });
    expect(windowPhase(window, '2025-11-20', 45)).toEqual({ phase: 'ending', daysLeft: 41 });
    expect(windowPhase(window, '2025-12-10', 7)).toEqual({ phase: 'open', daysLeft: 21 });
    expect(windowPhase(window, '2026-01-01', 45).phase).toBe('ended');
    expect(windowPhase(window, '2024-12-01', 45).phase).toBe('upcoming');
  });

  it('refuses modules whose parameters are not named after them, or that declare a parameter or dictionary twice', () => {
    const platform = MODULES.find((m) => m.name === 'platform')!;
    const stray: HuanxinModule = {
      name: 'stray',
      plugin: async () => {},
      migrations: [],
      parameters: [{ ...platform.parameters![0]!, key: 'platform.sessionIdleMinutes' }],
      dictionaries: [{ code: 'industry', name: { 'zh-CN': '行业', en: 'Industries' }, items: [] }],
    };
    expect(moduleContractProblems(MODULES)).toEqual([]);
    expect(moduleContractProblems([...MODULES, stray])).toEqual([
      'stray: parameter "platform.sessionIdleMinutes" is not named stray.…',
      'parameter declared twice: platform.sessionIdleMinutes',
      'dictionary declared twice: industry',
    ]);
  });
});
