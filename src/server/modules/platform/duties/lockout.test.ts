import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, isPostgres, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { recordEvidence } from '../../../../../test/helpers/evidence.js';
import { insertActiveOrganization } from '../../../../../test/helpers/accounts.js';

/**
 * No lock-out: nobody disables or demotes their own account or suspends their own organisation, and nobody —
 * through the API or by SQL — disables, demotes or deletes the last active holder of a duty (system, security,
 * audit) or of the office role, or suspends the organisation holding it. Two disables at once cannot both pass.
 */
describe('no lock-out', () => {
  let t: TestApp;
  let admin: TestClient;
  let office: number;
  const ids: Record<string, number> = {};
  let cells = 0;
  let races = 0;

  const activeCount = async (role: string) =>
    Number(
      (
        await t.deps.database.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('role', '=', role as never)
          .where('status', '=', 'active')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const refresh = async () => {
    for (const u of await t.deps.database.db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = Number(u.id);
  };
  async function create(username: string, role: string, organizationId = office) {
    const res = await admin.post('/api/users', { username, displayName: username, role, organizationId, password: 'Second#Pass2024' });
    expect(res.statusCode).toBe(201);
    ids[username] = res.json().id;
  }
  /** A refusal with its code, and nothing changed. */
  async function refused(res: { statusCode: number; json(): { error: { code: string } } }, code: string) {
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe(code);
    cells++;
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('demo_admin');
    office = Number((await t.deps.database.db.selectFrom('organizations').select('id').where('kind', '=', 'office').executeTakeFirstOrThrow()).id);
    await refresh();
  });
  afterAll(() => t.close());

  it('nobody disables their own account, changes their own role or suspends their own organisation', async () => {
    await refused(await admin.post(`/api/users/${ids.demo_admin}/disable`), 'USER_SELF_LOCKOUT');
    await refused(await admin.post(`/api/users/${ids.demo_admin}/role`, { role: 'office' }), 'USER_SELF_LOCKOUT');
    await refused(await admin.post(`/api/organizations/${office}/suspend`, { note: '测试暂停' }), 'ORGANIZATION_SELF_SUSPEND');
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('the last active holder of each duty and of the office role is never disabled or demoted through the API', async () => {
    for (const [username, demoteTo] of [
      ['demo_security', 'office'],
      ['demo_auditor', 'office'],
      ['demo_office', 'auditor'],
    ] as const) {
      const res = await admin.post(`/api/users/${ids[username]}/disable`, undefined, { 'accept-language': 'en' });
      await refused(res, 'DUTY_LAST_HOLDER');
      expect(res.json().error.message).toContain('only active account of its duty');
      await refused(await admin.post(`/api/users/${ids[username]}/role`, { role: demoteTo }), 'DUTY_LAST_HOLDER');
    }
    expect([await activeCount('security'), await activeCount('auditor'), await activeCount('office')]).toEqual([1, 1, 1]);
    // With a second holder the first may go; then the second is the last.
    await create('security2', 'security');
    expect((await admin.post(`/api/users/${ids.demo_security}/disable`)).statusCode).toBe(200);
    await refused(await admin.post(`/api/users/${ids.security2}/disable`), 'DUTY_LAST_HOLDER');
    expect((await admin.post(`/api/users/${ids.demo_security}/enable`)).statusCode).toBe(200);
  });

  it('the database refuses the same by SQL: disabling, demoting, deleting the last holder, suspending its organisation', async () => {
    const db = t.deps.database.db;
    const bySql = async (work: Promise<unknown>) => {
      await expect(work).rejects.toThrow(/HX_DUTY_LAST_HOLDER/);
      cells++;
    };
    // demo_admin is the only system administrator; demo_auditor the only auditor; demo_office the only office account.
    await bySql(db.updateTable('users').set({ status: 'disabled' }).where('username', '=', 'demo_admin').execute());
    // Demoted the way the service would (the duty released first), in one transaction: the demotion is refused.
    await bySql(
      db.transaction().execute(async (tx) => {
        await tx.deleteFrom('administrator_duties').where('user_id', '=', ids.demo_admin!).execute();
        await tx.updateTable('users').set({ role: 'office' }).where('username', '=', 'demo_admin').execute();
      }),
    );
    await bySql(db.updateTable('users').set({ status: 'disabled' }).where('username', '=', 'demo_auditor').execute());
    await bySql(db.updateTable('users').set({ role: 'admin' }).where('username', '=', 'demo_office').execute());
    await bySql(db.deleteFrom('users').where('username', '=', 'demo_office').execute());
    await bySql(db.updateTable('organizations').set({ status: 'suspended' }).where('id', '=', office).execute());
    expect([await activeCount('admin'), await activeCount('auditor'), await activeCount('office')]).toEqual([1, 1, 1]);
    expect(await db.selectFrom('administrator_duties').select('duty').where('user_id', '=', ids.demo_admin!).execute()).toEqual([{ duty: 'system' }]);
    expect((await db.selectFrom('organizations').select('status').where('id', '=', office).executeTakeFirstOrThrow()).status).toBe('active');
    // A holder that is not the last may be disabled by SQL (the triggers refuse only the lock-out).
    await db.updateTable('users').set({ status: 'disabled' }).where('username', '=', 'security2').execute();
    await db.updateTable('users').set({ status: 'active' }).where('username', '=', 'security2').execute();
  });

  it('the organisation holding the last holder of a duty is not suspended; with another holder elsewhere it is', async () => {
    const db = t.deps.database.db;
    // A second office organisation (an installation's disaster-recovery office, say) holding the only auditor.
    const branch = await insertActiveOrganization(db, { code: 'office-dr', name: '专班办公室（备份）', kind: 'office' });
    await create('auditor_dr', 'auditor', branch);
    expect((await admin.post(`/api/users/${ids.demo_auditor}/disable`)).statusCode).toBe(200);
    const res = await admin.post(`/api/organizations/${branch}/suspend`, { note: '测试暂停' }, { 'accept-language': 'en' });
    await refused(res, 'ORGANIZATION_LAST_ADMINISTRATORS');
    expect((await db.selectFrom('organizations').select('status').where('id', '=', branch).executeTakeFirstOrThrow()).status).toBe('active');
    await expect(db.updateTable('organizations').set({ status: 'suspended' }).where('id', '=', branch).execute()).rejects.toThrow(/HX_DUTY_LAST_HOLDER/);
    cells++;
    expect((await admin.post(`/api/users/${ids.demo_auditor}/enable`)).statusCode).toBe(200);
    expect((await admin.post(`/api/organizations/${branch}/suspend`, { note: '测试暂停' })).statusCode).toBe(200);
    // The branch's auditor no longer counts as active: the office's auditor is now the last.
    await refused(await admin.post(`/api/users/${ids.demo_auditor}/disable`), 'DUTY_LAST_HOLDER');
    expect((await admin.post(`/api/organizations/${branch}/resume`, {})).statusCode).toBe(200);
  });

  it('two disables of the last two holders at once: exactly one passes, through the API and by SQL', async () => {
    for (let round = 0; round < 5; round++) {
      const a = `sec_race_a${round}`;
      const b = `sec_race_b${round}`;
      await create(a, 'security');
      await create(b, 'security');
      // Four holders (demo_security, security2, a, b): take demo_security and security2 away first.
      await admin.post(`/api/users/${ids.demo_security}/disable`);
      await admin.post(`/api/users/${ids.security2}/disable`);
      const answers = await Promise.all([admin.post(`/api/users/${ids[a]}/disable`), admin.post(`/api/users/${ids[b]}/disable`)]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(await activeCount('security')).toBe(1);
      races++;
      // The same by SQL, two transactions at once (PostgreSQL runs them side by side; SQLite one after the other).
      await admin.post(`/api/users/${ids[answers[0]!.statusCode === 200 ? a : b]}/enable`);
      const disable = (username: string) =>
        t.deps.database.db.transaction().execute(async (tx) => {
          await tx.updateTable('users').set({ status: 'disabled' }).where('username', '=', username).execute();
          await new Promise((r) => setTimeout(r, 50));
        });
      const settled = await Promise.allSettled([disable(a), disable(b)]);
      expect(settled.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(String((settled.find((s) => s.status === 'rejected') as PromiseRejectedResult).reason)).toMatch(/HX_DUTY_LAST_HOLDER/);
      expect(await activeCount('security')).toBe(1);
      races++;
      // Back to the two first holders for the next round.
      for (const u of ['demo_security', 'security2']) await admin.post(`/api/users/${ids[u]}/enable`);
      for (const u of [a, b]) await t.deps.database.db.updateTable('users').set({ status: 'disabled' }).where('username', '=', u).execute();
    }
  });

  it('records the evidence', () => {
    recordEvidence({
      control: 'lockout',
      ok: true,
      summary: {
        'zh-CN': `防锁死：${cells} 项检查（本人账号/本单位、最后一名系统/安全/审计管理员或专班账号的停用、降级、删除、单位暂停，接口与 SQL 两条路径）全部被拒绝；${races} 次并发停用最后两名持有人，每次仅一次成功（${t.deps.database.dialect}）`,
        en: `No lock-out: ${cells} checks (own account and organisation; disabling, demoting, deleting the last system, security, audit or office holder and suspending its organisation, by the API and by SQL) were all refused; ${races} races disabling the last two holders at once let exactly one through each time (${t.deps.database.dialect})`,
      },
      figures: { dialect: t.deps.database.dialect, refusalsChecked: cells, concurrentRaces: races, postgres: isPostgres() ? 1 : 0 },
      command: `${isPostgres() ? 'DATABASE_URL=postgres://… ' : ''}npx vitest run src/server/modules/platform/duties/lockout.test.ts`,
    });
    expect(races).toBe(10);
  });
});
