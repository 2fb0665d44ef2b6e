import { sql } from 'kysely';
import { dialectOf, type Queryable } from '../../../db/database.js';
import { AUDIT_GUARD_TRIGGERS } from './retentionMigrations.js';

/**
 * For tests that prove `audit:verify` catches tampering: does what only a database administrator can — as the
 * schema owner, drop (SQLite) or disable (PostgreSQL) the triggers that make the trail append-only — so the test
 * can then alter or delete records the way an insider with the owner's password would. The application never
 * calls this; on PostgreSQL its role is not the tables' owner and gets "must be owner of table audit_log".
 */
export async function liftAuditGuardsAsDba(db: Queryable): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    for (const name of AUDIT_GUARD_TRIGGERS.sqlite) await sql`drop trigger if exists ${sql.id(name)}`.execute(db);
    return;
  }
  await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
  await sql`alter table audit_log disable trigger audit_log_no_truncate`.execute(db);
  await sql`alter table audit_chains disable trigger audit_chains_no_delete`.execute(db);
  await sql`alter table audit_chains disable trigger audit_chains_forward_only`.execute(db);
}
