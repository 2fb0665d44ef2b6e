import { sql } from 'kysely';
import type { Database } from '../../src/server/db/database.js';

/**
 * Which stored rows a request changed, exactly and cheaply: a trigger on every table of the fuzzed database (only
 * that throwaway database) counts committed inserts, updates and deletes per table in `fuzz_changes`. A trigger runs
 * inside the statement's transaction, so a write a refused request rolls back is not counted — what remains is what
 * the request left in the database. Reading the counters before and after a request costs one small query each,
 * where a checksum of all tables before every write would cost a full read.
 */
const COUNTER_TABLE = 'fuzz_changes';

/**
 * Changes a refused request may leave, and why each is right:
 * - audit_log / audit_chains insert, update: a 403 is audited by design (errorHandler records every denial; the
 *   chain's head moves with it), and a failed sign-in is audited too (等保: failed attempts are logged).
 * - login_events insert: every sign-in attempt, failed ones included, is recorded for the sign-in report.
 * - login_throttle any: counting failed sign-ins is what the lockout is.
 * - users update, on the sign-in route only: a failed sign-in counts against the account (the lockout again).
 * - sessions update: a signed-in request slides the session's idle deadline whatever its answer.
 * - idempotency_keys any: a refused POST with an Idempotency-Key stores its answer so a retry gets the same one.
 */
export const ALLOWED_ON_REFUSAL: Readonly<Record<string, readonly ('insert' | 'update' | 'delete')[]>> = {
  audit_log: ['insert', 'update'],
  audit_chains: ['insert', 'update'],
  login_events: ['insert'],
  login_throttle: ['insert', 'update', 'delete'],
  sessions: ['update'],
  idempotency_keys: ['insert', 'update', 'delete'],
};

export type Counters = Map<string, number>;

export async function installChangeCounters(database: Database): Promise<string[]> {
  const db = database.db;
  const tables = (await db.introspection.getTables()).map((t) => t.name).filter((n) => n !== COUNTER_TABLE && !n.startsWith('kysely_'));
  await sql`create table if not exists ${sql.table(COUNTER_TABLE)} (tbl varchar(100) not null, op varchar(10) not null, n bigint not null, primary key (tbl, op))`.execute(
    db,
  );
  if (database.dialect === 'postgres') {
    await sql`create or replace function fuzz_count() returns trigger language plpgsql as $$
      begin
        insert into fuzz_changes (tbl, op, n) values (TG_TABLE_NAME, lower(TG_OP), 1)
          on conflict (tbl, op) do update set n = fuzz_changes.n + 1;
        return null;
      end $$`.execute(db);
    for (const t of tables)
      await sql`create trigger ${sql.id(`fz_${t}`)} after insert or update or delete on ${sql.table(t)} for each row execute function fuzz_count()`.execute(db);
  } else {
    for (const t of tables)
      for (const op of ['insert', 'update', 'delete'] as const) {
        await sql`insert into ${sql.table(COUNTER_TABLE)} (tbl, op, n) values (${t}, ${op}, 0) on conflict do nothing`.execute(db);
        // DDL: the table and the operation are identifiers of this database, not values (sql.raw only for the keyword).
        await sql`create trigger ${sql.id(`fz_${t}_${op}`)} after ${sql.raw(op)} on ${sql.table(t)} begin update ${sql.table(COUNTER_TABLE)} set n = n + 1 where tbl = ${sql.lit(t)} and op = ${sql.lit(op)}; end`.execute(
          db,
        );
      }
  }
  return tables;
}

export async function readCounters(database: Database): Promise<Counters> {
  const rows = await sql<{ tbl: string; op: string; n: number | string }>`select tbl, op, n from ${sql.table(COUNTER_TABLE)} where n > 0`.execute(database.db);
  return new Map(rows.rows.map((r) => [`${r.tbl}.${r.op}`, Number(r.n)]));
}

/** `table.op` → how many rows, between two readings. */
export function diffCounters(before: Counters, after: Counters): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, n] of after) {
    const d = n - (before.get(k) ?? 0);
    if (d) out[k] = d;
  }
  return out;
}

/** The changes outside what a refusal may leave (see ALLOWED_ON_REFUSAL). */
const ALLOWED_ON_SIGN_IN = new Set(['users.update']);

export function forbiddenChanges(diff: Record<string, number>, route: string): string[] {
  return Object.keys(diff).filter((k) => {
    if (route === 'POST /api/auth/login' && ALLOWED_ON_SIGN_IN.has(k)) return false;
    const dot = k.lastIndexOf('.');
    const allowed = ALLOWED_ON_REFUSAL[k.slice(0, dot)] as readonly string[] | undefined;
    return !allowed?.includes(k.slice(dot + 1));
  });
}
