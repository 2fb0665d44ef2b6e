import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, isPostgres, type TestApp, type TestClient } from '../../../../../test/helpers/testApp.js';
import { recordEvidence } from '../../../../../test/helpers/evidence.js';
import { nowIso } from '../../../db/time.js';

/**
 * 三员分立, proven on the running app and its database: no account holds two of the system, security and audit
 * administrator duties, whether the change comes through the API or as SQL written by hand, and a duty account
 * lives only in the office organisation. Every refusal checked is counted into the evidence.
 */
describe('separation of duties (三员分立)', () => {
  let t: TestApp;
  let admin: TestClient;
  let office: number;
  let commerce: number;
  const ids: Record<string, number> = {};
  let dbCells = 0;
  let apiCells = 0;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('demo_admin');
    const db = t.deps.database.db;
    office = Number((await db.selectFrom('organizations').select('id').where('kind', '=', 'office').executeTakeFirstOrThrow()).id);
    commerce = Number((await db.selectFrom('organizations').select('id').where('name', '=', '市商务局').executeTakeFirstOrThrow()).id);
    // A second holder of each duty, so that what the database answers below is about two duties, not about the
    // last holder (lockout.test.ts proves that one).
    for (const [username, role] of [
      ['admin2', 'admin'],
      ['security2', 'security'],
      ['auditor2', 'auditor'],
    ] as const) {
      const res = await admin.post('/api/users', { username, displayName: username, role, organizationId: office, password: 'Second#Pass2024' });
      expect(res.statusCode).toBe(201);
    }
    for (const u of await db.selectFrom('users').select(['id', 'username']).execute()) ids[u.username] = Number(u.id);
  });
  afterAll(() => t.close());

  const roleOf = async (username: string) =>
    (await t.deps.database.db.selectFrom('users').select('role').where('username', '=', username).executeTakeFirstOrThrow()).role;
  const dutiesOf = async (username: string) =>
    (await t.deps.database.db.selectFrom('administrator_duties').select('duty').where('user_id', '=', ids[username]!).execute()).map((d) => d.duty);

  /** A statement the database must refuse, with the trigger's (or constraint's) message. */
  async function refused(work: Promise<unknown>, message: RegExp) {
    await expect(work).rejects.toThrow(message);
    dbCells++;
  }

  it('the demo administrators each hold exactly their own duty', async () => {
    expect(await dutiesOf('demo_admin')).toEqual(['system']);
    expect(await dutiesOf('demo_security')).toEqual(['security']);
    expect(await dutiesOf('demo_auditor')).toEqual(['audit']);
    expect(await dutiesOf('demo_office')).toEqual([]);
  });

  it('the database refuses SQL that would give an account two duties, or a duty outside the office', async () => {
    const db = t.deps.database.db;
    // From one duty to another, each way round.
    for (const [username, role] of [
      ['demo_admin', 'security'],
      ['demo_admin', 'auditor'],
      ['demo_security', 'admin'],
      ['demo_security', 'auditor'],
      ['demo_auditor', 'admin'],
      ['demo_auditor', 'security'],
    ] as const) {
      await refused(db.updateTable('users').set({ role }).where('username', '=', username).execute(), /HX_DUTY_SECOND/);
    }
    // A second row for an account (the primary key), a row that disagrees with the role, a duty outside the list.
    await refused(
      db.insertInto('administrator_duties').values({ user_id: ids.demo_admin!, duty: 'security', assigned_at: nowIso(), assigned_by: null }).execute(),
      /unique|duplicate|primary key|HX_DUTY_MISMATCH/i,
    );
    await refused(
      db.insertInto('administrator_duties').values({ user_id: ids.demo_office!, duty: 'audit', assigned_at: nowIso(), assigned_by: null }).execute(),
      /HX_DUTY_MISMATCH/,
    );
    await refused(db.updateTable('administrator_duties').set({ duty: 'audit' }).where('user_id', '=', ids.demo_admin!).execute(), /HX_DUTY_MISMATCH/);
    await refused(
      sql`insert into administrator_duties (user_id, duty, assigned_at) values (${ids.demo_department!}, 'mayor', ${nowIso()})`.execute(db),
      /check|constraint|HX_DUTY_MISMATCH/i,
    );
    // Out of the duty role by SQL while the table still records the duty: refused, so the table never disagrees
    // with the role (the services release the duty first, users/service.ts).
    await refused(db.updateTable('users').set({ role: 'office' }).where('username', '=', 'demo_auditor').execute(), /HX_DUTY_SECOND/);
    // A duty account outside the office organisation: moved there, or created there.
    await refused(db.updateTable('users').set({ organization_id: commerce }).where('username', '=', 'demo_security').execute(), /HX_DUTY_OUTSIDE_OFFICE/);
    await refused(db.updateTable('users').set({ role: 'auditor' }).where('username', '=', 'demo_department').execute(), /HX_DUTY_OUTSIDE_OFFICE/);
    await refused(
      db
        .insertInto('users')
        .values({
          username: 'sql_auditor',
          display_name: 'x',
          role: 'auditor',
          organization_id: commerce,
          password_hash: 'x',
          status: 'active',
          must_change_password: 1,
          locale: null,
          mobile_enc: null,
          mobile_hash: null,
          mobile_mask: null,
          id_number_enc: null,
          id_number_hash: null,
          id_number_mask: null,
          last_login_at: null,
          password_changed_at: null,
          is_demo: 0,
          created_at: nowIso(),
          updated_at: nowIso(),
        })
        .execute(),
      /HX_DUTY_OUTSIDE_OFFICE/,
    );
    await refused(db.updateTable('organizations').set({ kind: 'department' }).where('id', '=', office).execute(), /HX_DUTY_OUTSIDE_OFFICE/);
    // Nothing changed.
    expect([await roleOf('demo_admin'), await roleOf('demo_security'), await roleOf('demo_auditor'), await roleOf('demo_department')]).toEqual([
      'admin',
      'security',
      'auditor',
      'department',
    ]);
    expect([await dutiesOf('demo_admin'), await dutiesOf('demo_office')]).toEqual([['system'], []]);
    expect(await db.selectFrom('users').select('id').where('username', '=', 'sql_auditor').executeTakeFirst()).toBeUndefined();
  });

  it('the API refuses a second duty, a duty outside the office and a duty token on the field, in the caller’s language', async () => {
    const en = { 'accept-language': 'en' };
    const second = await admin.post(`/api/users/${ids.demo_auditor}/role`, { role: 'security' }, en);
    expect(second.statusCode).toBe(400);
    expect(second.json().error.details).toEqual([expect.objectContaining({ field: 'role', reason: 'role.secondDuty' })]);
    expect(second.json().error.details[0].message).toContain('Separation of duties');
    const zh = await admin.post(`/api/users/${ids.demo_security}/role`, { role: 'admin' });
    expect(zh.json().error.details[0]).toMatchObject({ field: 'role', reason: 'role.secondDuty' });
    expect(zh.json().error.details[0].message).toContain('三员分立');
    apiCells += 2;
    const outside = await admin.post('/api/users', {
      username: 'dept_auditor',
      displayName: '部门审计员',
      role: 'auditor',
      organizationId: commerce,
      password: 'Audit#Pass2024',
    });
    expect(outside.statusCode).toBe(400);
    // A department may hold no administrator duty at all (ROLES_BY_ORGANIZATION_KIND), so the kind check answers first.
    expect(outside.json().error.details[0]).toMatchObject({ field: 'role', reason: 'role.notAllowedForOrganization' });
    apiCells++;
    for (const role of ['admin', 'security', 'auditor']) {
      const token = await admin.post('/api/api-tokens', { name: '对接令牌', role, organizationId: office });
      expect(token.statusCode).toBe(400);
      expect(token.json().error.details[0]).toMatchObject({ field: 'role', reason: 'role.dutyToken' });
      apiCells++;
    }
    expect([await roleOf('demo_auditor'), await roleOf('demo_security')]).toEqual(['auditor', 'security']);
    expect(await t.deps.database.db.selectFrom('users').select('id').where('username', '=', 'dept_auditor').executeTakeFirst()).toBeUndefined();
  });

  it('a business account may take one duty and leave it, the table kept in step and each move audited', async () => {
    const created = await admin.post('/api/users', {
      username: 'office_clerk',
      displayName: '专班职员',
      role: 'office',
      organizationId: office,
      password: 'Clerk#Pass2024',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as number;
    ids.office_clerk = id;
    const clerk = await t.login('office_clerk', 'Clerk#Pass2024');
    expect((await admin.post(`/api/users/${id}/role`, { role: 'auditor' })).json().role).toBe('auditor');
    expect(await dutiesOf('office_clerk')).toEqual(['audit']);
    // Signed out: the next request would otherwise still run as the old role.
    expect((await clerk.get('/api/auth/me')).statusCode).toBe(401);
    const again = await admin.post(`/api/users/${id}/role`, { role: 'admin' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.details[0].field).toBe('role');
    expect((await admin.post(`/api/users/${id}/role`, { role: 'auditor' })).json().error.details[0].reason).toBe('role.unchanged');
    expect((await admin.post(`/api/users/${id}/role`, { role: 'office' })).json().role).toBe('office');
    expect(await dutiesOf('office_clerk')).toEqual([]);
    apiCells += 2;
    const audit = await t.deps.database.db
      .selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json'])
      .where('entity', '=', 'user')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'changeRole')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [JSON.parse(a.before_json!).role, JSON.parse(a.after_json!).role])).toEqual([
      ['office', 'auditor'],
      ['auditor', 'office'],
    ]);
  });

  it('who does what: the security administrator reads accounts and sign-ins, changes no account; the auditor reads, writes nothing', async () => {
    const security = await t.login('demo_security');
    const auditor = await t.login('demo_auditor');
    expect((await security.get('/api/users')).statusCode).toBe(200);
    expect((await security.get('/api/login-events')).statusCode).toBe(200);
    expect((await admin.get('/api/audit')).statusCode).toBe(403);
    for (const c of [security, auditor]) {
      expect(
        (await c.post('/api/users', { username: 'x_user', displayName: 'x', role: 'office', organizationId: office, password: 'Clerk#Pass2024' })).statusCode,
      ).toBe(403);
      expect((await c.post(`/api/users/${ids.demo_town}/disable`)).statusCode).toBe(403);
      expect((await c.post(`/api/users/${ids.demo_town}/role`, { role: 'town' })).statusCode).toBe(403);
      expect((await c.post(`/api/organizations/${commerce}/suspend`, { note: '测试暂停' })).statusCode).toBe(403);
      apiCells += 4;
    }
    expect((await auditor.get('/api/users')).statusCode).toBe(200);
    expect((await auditor.get('/api/api-tokens')).statusCode).toBe(200);
    expect((await auditor.get('/api/parameters')).statusCode).toBe(200);
  });

  it('records the evidence', () => {
    recordEvidence({
      control: 'duties',
      ok: true,
      summary: {
        'zh-CN': `三员分立：数据库拒绝了 ${dbCells} 条使账号兼任两种管理员职责或在专班办公室之外担任职责的 SQL，接口在字段上拒绝了 ${apiCells} 次越权或兼任（${t.deps.database.dialect}）`,
        en: `Separation of duties: the database refused ${dbCells} SQL statements giving an account two administrator duties or a duty outside the office, and the API refused ${apiCells} attempts on the field or by policy (${t.deps.database.dialect})`,
      },
      figures: { dialect: t.deps.database.dialect, databaseRefusals: dbCells, apiRefusals: apiCells, postgres: isPostgres() ? 1 : 0 },
      command: `${isPostgres() ? 'DATABASE_URL=postgres://… ' : ''}npx vitest run src/server/modules/platform/duties/duties.test.ts`,
    });
    expect(dbCells).toBeGreaterThanOrEqual(15);
  });
});
