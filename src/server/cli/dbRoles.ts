import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import type { Queryable } from '../db/database.js';
import type { DatabaseSchema } from '../db/schema.js';
import type { CliCommand } from './commands.js';

/** The grants of the application role, kept in one file a DBA can also run with psql (see its header). */
export const ROLES_SQL_FILE = new URL('../../../docs/postgres-roles.sql', import.meta.url);

/** PostgreSQL role names as we accept them: unquoted lower-case identifiers, so nothing needs escaping. */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The statements of docs/postgres-roles.sql with its psql variables (:"app_role", :"schema") replaced by quoted
 * identifiers. GRANT takes no bind parameters, so the text is built here; the role name is checked against
 * ROLE_NAME and the schema comes from current_schema(), never from free input.
 */
export function grantStatements(role: string, schema: string): string[] {
  if (!ROLE_NAME.test(role)) throw new Error(`not a role name: ${role}`);
  const text = fs
    .readFileSync(ROLES_SQL_FILE, 'utf8')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .replaceAll(':"app_role"', quoteIdent(role))
    .replaceAll(':"schema"', quoteIdent(schema));
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface AuditPrivileges {
  insert: boolean;
  select: boolean;
  update: boolean;
  delete: boolean;
  truncate: boolean;
  chainDelete: boolean;
}

/** What the role may do to the audit tables, as PostgreSQL itself answers it. */
export async function auditPrivilegesOf(db: Queryable, role: string): Promise<AuditPrivileges> {
  const r = await sql<{ [K in keyof AuditPrivileges]: boolean }>`select
      has_table_privilege(${role}, 'audit_log', 'INSERT') as insert,
      has_table_privilege(${role}, 'audit_log', 'SELECT') as select,
      has_table_privilege(${role}, 'audit_log', 'UPDATE') as update,
      has_table_privilege(${role}, 'audit_log', 'DELETE') as delete,
      has_table_privilege(${role}, 'audit_log', 'TRUNCATE') as truncate,
      has_table_privilege(${role}, 'audit_chains', 'DELETE') as "chainDelete"`.execute(db);
  return r.rows[0]!;
}

/** Refuses a role that would keep rights over the trail whatever is granted: a superuser, the owner or a member of it. */
async function roleProblem(db: Queryable, role: string): Promise<string | null> {
  const r = await sql<{ exists: boolean; superuser: boolean; is_me: boolean; member_of_owner: boolean; owner_is_me: boolean }>`select
      exists (select 1 from pg_roles where rolname = ${role}) as exists,
      coalesce((select rolsuper from pg_roles where rolname = ${role}), false) as superuser,
      ${role} = current_user as is_me,
      exists (select 1 from pg_roles where rolname = ${role}) and pg_has_role(${role}, current_user, 'MEMBER') as member_of_owner,
      coalesce((select tableowner = current_user from pg_tables where schemaname = current_schema() and tablename = 'audit_log'), false) as owner_is_me`.execute(
    db,
  );
  const s = r.rows[0]!;
  if (!s.owner_is_me) return 'run this as the owner of the schema (the role that ran the migrations), after `migrate`';
  if (!s.exists) return `role ${role} does not exist: create it first (CREATE ROLE ${role} LOGIN; then \\password ${role} in psql)`;
  if (s.is_me || s.member_of_owner) return `role ${role} is the schema owner or a member of it, and could drop the audit triggers`;
  if (s.superuser) return `role ${role} is a superuser, which no grant can restrict`;
  return null;
}

export async function grantAppRole(db: Kysely<DatabaseSchema>, role: string): Promise<AuditPrivileges> {
  const problem = await roleProblem(db, role);
  if (problem) throw new Error(problem);
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s;
  await db.transaction().execute(async (tx) => {
    for (const statement of grantStatements(role, schema)) await sql.raw(statement).execute(tx);
  });
  return auditPrivilegesOf(db, role);
}

export const dbRoleCommands: CliCommand[] = [
  {
    name: 'db:grant-app-role',
    usage: 'db:grant-app-role --role NAME  (PostgreSQL, as the schema owner) grant the app role all tables but UPDATE/DELETE on audit_log',
    async run(deps, args) {
      const { values } = parseArgs({ args, options: { role: { type: 'string' } } });
      if (!values.role || !ROLE_NAME.test(values.role)) {
        console.error('usage: db:grant-app-role --role NAME (a lower-case PostgreSQL role name)');
        return 1;
      }
      if (deps.database.dialect !== 'postgres') {
        console.error('db:grant-app-role is for PostgreSQL; on SQLite there are no roles and the append-only triggers guard the audit trail');
        return 1;
      }
      try {
        const p = await grantAppRole(deps.database.db, values.role);
        console.log(
          `granted ${values.role}: every table read/write; audit_log SELECT ${p.select}, INSERT ${p.insert}, UPDATE ${p.update}, DELETE ${p.delete}, TRUNCATE ${p.truncate}; audit_chains DELETE ${p.chainDelete}`,
        );
        if (p.update || p.delete || p.truncate || p.chainDelete || !p.insert) {
          console.error('the role still holds rights over the audit trail (through PUBLIC or another role): revoke them');
          return 1;
        }
        return 0;
      } catch (e) {
        console.error(e instanceof Error ? e.message : String(e));
        return 1;
      }
    },
  },
];
