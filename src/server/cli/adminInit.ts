import { parseArgs } from 'node:util';
import type { AppDeps } from '../core/deps.js';
import { systemContext } from '../core/context.js';
import { randomToken } from '../core/crypto.js';
import { inTransaction } from '../db/database.js';
import { prepareDatabase } from '../runtime.js';
import { isStrongPassword } from '../../shared/password.js';
import { appendAudit } from '../modules/platform/audit/auditTrail.js';
import { DUTY_ROLES, type DutyRole } from '../modules/platform/duties/duties.js';
import { lockDuties } from '../modules/platform/duties/guard.js';
import { OFFICE } from '../modules/platform/seed/referenceOrganizations.js';
import { usernameField } from '../modules/platform/users/schema.js';
import { insertUser } from '../modules/platform/users/service.js';
import type { CliCommand } from './commands.js';

/**
 * The first start in production (三员分立): demo accounts are off, so nobody can sign in until the three
 * administrators exist, and they are made here, on the server's own command line — never by a page anyone could
 * reach first. `admin:init` creates the system, security and audit administrators together in the office, each
 * with a temporary password printed once and to be changed at first sign-in; it refuses when any of the three
 * duties already has an active holder (after that, accounts are the system administrator's, on the accounts page).
 */

const OPTION: Record<DutyRole, 'admin' | 'security' | 'auditor'> = { admin: 'admin', security: 'security', auditor: 'auditor' };
const LABEL: Record<DutyRole, string> = {
  admin: '系统管理员 system administrator',
  security: '安全管理员 security administrator',
  auditor: '审计管理员 audit administrator',
};
const DISPLAY_NAME: Record<DutyRole, string> = { admin: '系统管理员', security: '安全管理员', auditor: '审计管理员' };

/** A temporary password of 22 random characters, with the classes the password rule asks for. */
function temporaryPassword(): string {
  for (;;) {
    const p = `Hx#${randomToken(14)}7a`;
    if (isStrongPassword(p)) return p;
  }
}

/** The duty roles with no active account in an active organisation (none, once the three exist). */
export async function missingAdministrators(deps: AppDeps): Promise<DutyRole[]> {
  const rows = await deps.database.db
    .selectFrom('users as u')
    .innerJoin('organizations as o', 'o.id', 'u.organization_id')
    .select('u.role')
    .distinct()
    .where('u.role', 'in', DUTY_ROLES)
    .where('u.status', '=', 'active')
    .where('o.status', '=', 'active')
    .execute();
  const present = new Set(rows.map((r) => r.role));
  return DUTY_ROLES.filter((r) => !present.has(r));
}

/**
 * For `serve` in production (called after the database is prepared): without an active system, security and
 * audit administrator nobody can run the platform, and none is created automatically — the log says how to make
 * them. Returns whether any is missing.
 */
export async function warnIfAdministratorsMissing(deps: AppDeps, log: { error(obj: object, msg: string): void }): Promise<boolean> {
  const missing = await missingAdministrators(deps);
  if (missing.length === 0) return false;
  log.error(
    { missing },
    `No active ${missing.join(', ')} account. The three administrators (三员: system, security, audit) are created only on the command line: ` +
      'npm run cli -- admin:init --admin USERNAME --security USERNAME --auditor USERNAME',
  );
  return true;
}

async function run(deps: AppDeps, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { admin: { type: 'string' }, security: { type: 'string' }, auditor: { type: 'string' } }, strict: true });
  const names = {} as Record<DutyRole, string>;
  const problems: string[] = [];
  for (const role of DUTY_ROLES) {
    const parsed = usernameField.safeParse(values[OPTION[role]]);
    if (parsed.success) names[role] = parsed.data;
    else problems.push(`--${OPTION[role]}: a username of 3 to 40 letters, digits, _ . - starting with a letter`);
  }
  if (new Set(Object.values(names)).size !== Object.keys(names).length) problems.push('the three usernames must differ (one account per duty)');
  if (problems.length) {
    console.error(`usage: admin:init --admin U --security U --auditor U\n  ${problems.join('\n  ')}`);
    return 1;
  }
  await prepareDatabase(deps, { demo: false });
  const ctx = systemContext('cli');
  const passwords = Object.fromEntries(DUTY_ROLES.map((r) => [r, temporaryPassword()])) as Record<DutyRole, string>;
  const outcome = await inTransaction(deps.database, async (tx) => {
    // Two admin:init at once must not both find the duties empty (PostgreSQL; SQLite writes one at a time).
    await lockDuties(tx);
    const holders = await tx
      .selectFrom('users')
      .select(['username', 'role'])
      .where('role', 'in', DUTY_ROLES)
      .where('status', '=', 'active')
      .orderBy('role')
      .execute();
    if (holders.length) return { refused: holders.map((h) => `${h.role}: ${h.username}`), created: null };
    const office = await tx.selectFrom('organizations').select('id').where('code', '=', OFFICE.code).where('kind', '=', 'office').executeTakeFirst();
    if (!office) return { refused: ['the office organisation is missing (reference data)'], created: null };
    const created: { role: DutyRole; id: number }[] = [];
    for (const role of DUTY_ROLES) {
      const id = await insertUser(tx, deps, {
        username: names[role],
        displayName: DISPLAY_NAME[role],
        role,
        organizationId: Number(office.id),
        password: passwords[role],
        mustChangePassword: true,
      });
      await appendAudit(tx, ctx, {
        entity: 'user',
        entityId: id,
        action: 'create',
        organizationId: Number(office.id),
        after: { username: names[role], role, organizationId: Number(office.id), via: 'admin:init' },
      });
      created.push({ role, id });
    }
    return { refused: null, created };
  });
  if (outcome.created === null) {
    console.error(`admin:init refused, nothing created: an administrator duty already has an active holder (${outcome.refused.join('; ')}).`);
    console.error('After the first start, accounts are created by the system administrator on the accounts page.');
    return 1;
  }
  console.log('\n============ ADMINISTRATORS CREATED (三员) — passwords shown once ============');
  for (const { role } of outcome.created) console.log(`  ${LABEL[role].padEnd(36)} ${names[role].padEnd(20)} ${passwords[role]}`);
  console.log('  Each temporary password must be changed at first sign-in; hand each to its holder only.');
  console.log('==============================================================================\n');
  return 0;
}

export const adminInitCommands: CliCommand[] = [
  { name: 'admin:init', usage: 'admin:init --admin U --security U --auditor U   first start: the three administrators (temporary passwords)', run },
];
