import { sql } from 'kysely';
import type { ModuleMigration } from '../../../db/migrations.js';

/**
 * Audit retention (等保2.0 level 3, at least 180 days): the trail is append-only for every application role.
 * Nothing in the application deletes audit records, so no retention parameter exists: a record lives as long
 * as the database. Any future archiving must move only records older than 180 days and check that in the
 * trigger that lets it through.
 *
 * - `audit_log`: UPDATE and DELETE are refused (and TRUNCATE on PostgreSQL). A DBA who must repair the table
 *   drops or disables the trigger as the schema owner; on PostgreSQL the application role holds no such right
 *   (docs/postgres-roles.sql), and no UPDATE/DELETE/TRUNCATE grant either.
 * - `audit_chains`: the head of each chain is updated by every append, so UPDATE stays, but only forward (its
 *   length and last id never shrink, its name never changes); rows are never deleted.
 */
export const AUDIT_GUARD_TRIGGERS = {
  sqlite: ['audit_log_no_update', 'audit_log_no_delete', 'audit_chains_no_delete', 'audit_chains_forward_only'],
  postgres: ['audit_log_append_only', 'audit_log_no_truncate', 'audit_chains_no_delete', 'audit_chains_forward_only'],
} as const;

export const auditRetentionMigrations: ModuleMigration[] = [
  {
    name: '20261202_1400_platform_audit_append_only',
    async up(db, dialect) {
      if (dialect === 'sqlite') {
        await sql`create trigger audit_log_no_update before update on audit_log
          begin select raise(abort, 'AUDIT_APPEND_ONLY: audit_log records cannot be altered'); end`.execute(db);
        await sql`create trigger audit_log_no_delete before delete on audit_log
          begin select raise(abort, 'AUDIT_APPEND_ONLY: audit_log records cannot be deleted'); end`.execute(db);
        await sql`create trigger audit_chains_no_delete before delete on audit_chains
          begin select raise(abort, 'AUDIT_APPEND_ONLY: audit chain heads cannot be deleted'); end`.execute(db);
        await sql`create trigger audit_chains_forward_only before update on audit_chains
          when new.chain <> old.chain or new.length < old.length or new.last_id < old.last_id
          begin select raise(abort, 'AUDIT_APPEND_ONLY: an audit chain head only moves forward'); end`.execute(db);
        return;
      }
      // 'insufficient_privilege' (42501): the same code a revoked grant gives, so callers see one kind of refusal.
      await sql`create function audit_refuse_change() returns trigger language plpgsql as $$
        begin
          raise exception 'AUDIT_APPEND_ONLY: % on % is refused', tg_op, tg_table_name using errcode = '42501';
        end $$`.execute(db);
      await sql`create function audit_chain_forward_only() returns trigger language plpgsql as $$
        begin
          if new.chain <> old.chain or new.length < old.length or new.last_id < old.last_id then
            raise exception 'AUDIT_APPEND_ONLY: an audit chain head only moves forward' using errcode = '42501';
          end if;
          return new;
        end $$`.execute(db);
      await sql`create trigger audit_log_append_only before update or delete on audit_log
        for each row execute function audit_refuse_change()`.execute(db);
      await sql`create trigger audit_log_no_truncate before truncate on audit_log
        for each statement execute function audit_refuse_change()`.execute(db);
      await sql`create trigger audit_chains_no_delete before delete or truncate on audit_chains
        for each statement execute function audit_refuse_change()`.execute(db);
      await sql`create trigger audit_chains_forward_only before update on audit_chains
        for each row execute function audit_chain_forward_only()`.execute(db);
    },
  },
];
