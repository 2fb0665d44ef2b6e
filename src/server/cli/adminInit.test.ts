import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/testApp.js';
import { adminInitCommands, missingAdministrators, warnIfAdministratorsMissing } from './adminInit.js';

const adminInit = adminInitCommands.find((c) => c.name === 'admin:init')!;

/** Runs the command as the CLI does, with what it printed. */
async function runInit(t: TestApp, args: string[]) {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  try {
    return { code: await adminInit.run(t.deps, args), out: out.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describe('admin:init (the first start in production)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // As in production: no demo accounts.
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('says at start that the three administrators are missing, and creates none', async () => {
    const errors: string[] = [];
    expect(await warnIfAdministratorsMissing(t.deps, { error: (_o, msg) => void errors.push(msg) })).toBe(true);
    expect(errors[0]).toContain('admin:init --admin USERNAME --security USERNAME --auditor USERNAME');
    expect(await missingAdministrators(t.deps)).toEqual(['admin', 'security', 'auditor']);
    expect(await t.deps.database.db.selectFrom('users').select('id').where('role', 'in', ['admin', 'security', 'auditor']).execute()).toEqual([]);
  });

  it('refuses bad or repeated usernames, writing nothing', async () => {
    const missing = await runInit(t, ['--admin', 'sysadmin', '--security', 'secadmin']);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('--auditor');
    const same = await runInit(t, ['--admin', 'one_admin', '--security', 'one_admin', '--auditor', 'auditadmin']);
    expect(same.code).toBe(1);
    expect(same.out).toContain('must differ');
    expect(await missingAdministrators(t.deps)).toHaveLength(3);
  });

  it('creates the three in the office with temporary passwords printed once, each to be changed, audited', async () => {
    const { code, out } = await runInit(t, ['--admin', 'sysadmin', '--security', 'secadmin', '--auditor', 'auditadmin']);
    expect(code).toBe(0);
    const passwords = Object.fromEntries(['sysadmin', 'secadmin', 'auditadmin'].map((u) => [u, new RegExp(`${u}\\s+(\\S+)`).exec(out)![1]!]));
    expect(new Set(Object.values(passwords)).size).toBe(3);
    const db = t.deps.database.db;
    const users = await db
      .selectFrom('users')
      .innerJoin('organizations', 'organizations.id', 'users.organization_id')
      .leftJoin('administrator_duties', 'administrator_duties.user_id', 'users.id')
      .select(['users.username', 'users.role', 'users.must_change_password', 'organizations.kind', 'administrator_duties.duty', 'users.password_hash'])
      .orderBy('users.id')
      .execute();
    expect(users.map((u) => [u.username, u.role, u.must_change_password, u.kind, u.duty])).toEqual([
      ['sysadmin', 'admin', 1, 'office', 'system'],
      ['secadmin', 'security', 1, 'office', 'security'],
      ['auditadmin', 'auditor', 1, 'office', 'audit'],
    ]);
    // Only hashes are stored; each printed password signs in and must be changed first.
    for (const u of users) expect(u.password_hash).not.toContain(passwords[u.username]!);
    for (const [username, password] of Object.entries(passwords)) {
      const c = await t.login(username, password);
      expect((await c.get('/api/auth/me')).json().user.mustChangePassword).toBe(true);
    }
    const audit = await db
      .selectFrom('audit_log')
      .select(['actor_username', 'after_json'])
      .where('entity', '=', 'user')
      .where('action', '=', 'create')
      .execute();
    expect(audit.filter((a) => a.actor_username === 'cli' && a.after_json!.includes('admin:init'))).toHaveLength(3);
    expect(await warnIfAdministratorsMissing(t.deps, { error: () => undefined })).toBe(false);
  });

  it('refuses a second run while any duty has an active holder, creating nothing', async () => {
    const before = await t.deps.database.db.selectFrom('users').select('id').execute();
    const again = await runInit(t, ['--admin', 'sysadmin2', '--security', 'secadmin2', '--auditor', 'auditadmin2']);
    expect(again.code).toBe(1);
    expect(again.out).toContain('already has an active holder');
    expect(await t.deps.database.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
  });
});
