import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../core/context.js';
import { createDatabase, inTransaction } from '../../../db/database.js';
import { buildApp } from '../../../app.js';
import { createDeps, prepareDatabase } from '../../../runtime.js';
import { loadConfig } from '../../../config.js';
import { dbRoleCommands } from '../../../cli/dbRoles.js';
import { appendAudit, verifyAuditTrail } from './auditTrail.js';
import { createTestApp, DEMO_PASSWORD, isPostgres, type TestApp } from '../../../../../test/helpers/testApp.js';
import { recordEvidence } from '../../../../../test/helpers/evidence.js';

/** What each attempt ended in: the database's refusal, or 'allowed'. */
async function attempt(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
    return 'allowed';
  } catch (e) {
    return (e as Error).message;
  }
}

const figures: Record<string, number | string> = {};

describe('audit retention: no application role can alter or delete the trail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const office = await t.login('demo_office');
    const towns = (await t.anonymous.get('/api/towns')).json();
    await office.patch(`/api/organizations/${towns[1].id}`, { address: '保留测试地址' });
  });
  afterAll(async () => {
    await t.close();
    const pgRole = isPostgres() ? figures.pgRoleRefusals === 4 && figures.pgRoleInsertOk === 1 : true;
    recordEvidence({
      control: 'audit-retention',
      ok: figures.triggerRefusals === 5 && figures.appendsAfterRefusals === 1 && pgRole,
      summary: {
        en: `On ${figures.dialect}, the database refused ${figures.triggerRefusals} of 5 attempts by the application to alter, delete or roll back audit records while appends still verified; ${isPostgres() ? `the PostgreSQL application role was refused UPDATE, DELETE, TRUNCATE and disabling the trigger (${figures.pgRoleRefusals} of 4) and could still append and run the app` : 'the PostgreSQL role test runs with DATABASE_URL=postgres://…'}. Nothing deletes audit records, so every record is kept well beyond 180 days.`,
        'zh-CN': `在 ${figures.dialect} 上，应用修改、删除或回退审计记录的 5 次尝试被数据库拒绝 ${figures.triggerRefusals} 次，追加记录后哈希链仍校验通过；${isPostgres() ? `PostgreSQL 应用角色执行 UPDATE、DELETE、TRUNCATE 及停用触发器均被拒绝（${figures.pgRoleRefusals}/4），仍可追加记录并正常运行应用` : 'PostgreSQL 角色测试需设置 DATABASE_URL=postgres://… 运行'}。系统不删除任何审计记录，保存期远超 180 天。`,
      },
      figures,
      command: 'npx vitest run src/server/modules/platform/audit/retention.test.ts (and with DATABASE_URL=postgres://…)',
    });
  });

  it('refuses UPDATE and DELETE on audit_log and deleting or rewinding a chain head, and appends still work', async () => {
    const db = t.deps.database.db;
    figures.dialect = t.deps.database.dialect;
    const victim = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    const head = await db.selectFrom('audit_chains').selectAll().where('chain', '=', victim.chain).executeTakeFirstOrThrow();
    const outcomes = [
      await attempt(() => db.updateTable('audit_log').set({ after_json: '{"address":"篡改"}' }).where('id', '=', victim.id).execute()),
      await attempt(() => db.deleteFrom('audit_log').where('id', '=', victim.id).execute()),
      await attempt(() => db.deleteFrom('audit_log').execute()),
      await attempt(() => db.deleteFrom('audit_chains').where('chain', '=', head.chain).execute()),
      await attempt(() =>
        db
          .updateTable('audit_chains')
          .set({ length: Number(head.length) - 1, last_id: Number(head.last_id) - 1 })
          .where('chain', '=', head.chain)
          .execute(),
      ),
    ];
    for (const o of outcomes) expect(o).toMatch(/AUDIT_APPEND_ONLY/);
    figures.triggerRefusals = outcomes.filter((o) => o.includes('AUDIT_APPEND_ONLY')).length;
    expect(await db.selectFrom('audit_log').select('after_json').where('id', '=', victim.id).executeTakeFirst()).toEqual({ after_json: victim.after_json });

    // The chain head still moves forward on every append.
    await inTransaction(t.deps.database, (tx) => appendAudit(tx, systemContext('test'), { entity: 'retention', action: 'check' }));
    const verified = await verifyAuditTrail(db);
    expect(verified.ok).toBe(true);
    figures.appendsAfterRefusals = 1;
    figures.recordsVerified = verified.records;
  });

  // Roles exist only on PostgreSQL; on SQLite the triggers above are the whole guard (say so in the output).
  it.skipIf(!isPostgres())(
    'PostgreSQL: the application role granted by db:grant-app-role can append but gets permission denied on UPDATE, DELETE and TRUNCATE (skipped on SQLite: no database roles)',
    async () => {
      const role = `hx_backup_app_${randomBytes(4).toString('hex')}`;
      const owner = t.deps.database.db;
      await sql`create role ${sql.id(role)} login`.execute(owner);
      try {
        expect(await dbRoleCommands.find((c) => c.name === 'db:grant-app-role')!.run(t.deps, ['--role', role])).toBe(0);
        const url = new URL(t.deps.config.databaseUrl);
        url.username = role;
        url.password = '';
        const asApp = createDatabase(url.toString(), { poolSize: 2 });
        try {
          await inTransaction(asApp, (tx) => appendAudit(tx, systemContext('test'), { entity: 'retention', action: 'appendAsAppRole' }));
          figures.pgRoleInsertOk = 1;
          const refusals = [
            await attempt(() => asApp.db.updateTable('audit_log').set({ ip: '10.0.0.1' }).execute()),
            await attempt(() => asApp.db.deleteFrom('audit_log').execute()),
            await attempt(() => sql`truncate audit_log`.execute(asApp.db)),
            await attempt(() => sql`alter table audit_log disable trigger audit_log_append_only`.execute(asApp.db)),
          ];
          expect(refusals.slice(0, 3)).toEqual(Array(3).fill('permission denied for table audit_log'));
          expect(refusals[3]).toMatch(/must be owner/);
          figures.pgRoleRefusals = refusals.filter((r) => r !== 'allowed').length;
          expect(await attempt(() => asApp.db.deleteFrom('audit_chains').execute())).toBe('permission denied for table audit_chains');
          expect((await verifyAuditTrail(asApp.db)).ok).toBe(true);
        } finally {
          await asApp.close();
        }
        // The whole server runs as that role: migrations up to date, sign-in, an audited write.
        const deps = createDeps(loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: url.toString(), HUANXIN_DATA_DIR: t.deps.config.dataDir }));
        try {
          await prepareDatabase(deps, { demo: false });
          const app = await buildApp(deps);
          try {
            const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo_office', password: DEMO_PASSWORD } });
            expect(login.statusCode).toBe(200);
            const towns = (await app.inject({ method: 'GET', url: '/api/towns' })).json();
            const cookie = `hx_session=${login.cookies.find((c) => c.name === 'hx_session')!.value}`;
            const patched = await app.inject({
              method: 'PATCH',
              url: `/api/organizations/${towns[2].id}`,
              headers: { cookie, 'x-csrf-token': login.json().csrfToken },
              payload: { address: '应用角色写入' },
            });
            expect(patched.statusCode).toBe(200);
            figures.pgAppRoleServerWrite = patched.statusCode;
          } finally {
            await app.close();
          }
          expect((await verifyAuditTrail(deps.database.db)).ok).toBe(true);
        } finally {
          await deps.database.close();
        }
      } finally {
        await sql`drop owned by ${sql.id(role)}`.execute(owner);
        await sql`drop role ${sql.id(role)}`.execute(owner);
      }
    },
    120_000,
  );
});
