import type { Kysely } from 'kysely';
import type { DialectName } from './database.js';
import type { ModuleMigration } from './migrations.js';

/**
 * What a module's migration changes so that its tables distribute on Citus (issue 15; the layout and the rules are
 * in test/citus, the plan in test/citus/REPORT.md). PostgreSQL only: Citus is an extension of PostgreSQL, and the
 * embedded SQLite database is one file on one machine, where these keys change nothing (and where changing a
 * primary key means rebuilding the table).
 */
export interface DistributableKeys {
  /**
   * Tables whose `PRIMARY KEY (id)` becomes `PRIMARY KEY (<column>, id)`, `column` being the table's distribution
   * column: Citus enforces a unique key only when it holds that column. `id` stays the bigserial it was (unique
   * through the one sequence), and keeps a plain index of its own, so a lookup by id alone is still an index scan.
   * Only tables no foreign key points at: a referenced key widens together with its referencing tables.
   * `replacesIndex` names an index on exactly `(column, id)` that the new key makes redundant (dropped).
   */
  primaryKeys?: readonly { table: string; column: string; replacesIndex?: string }[];
  /**
   * "Who did it" foreign keys to `users` that Citus cannot keep: `users` is distributed by id, and a foreign key
   * from a reference or local table, or from another colocation group, to a distributed table is not allowed. The
   * column stays; what it holds comes from the signed-in session (never from a request body), users are never
   * deleted, and every action is also in the audit chain.
   */
  actorForeignKeys?: readonly { table: string; constraint: string }[];
}

async function makeDistributable(
  // A migration sees the database as it was when it was written (see ModuleMigration).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>,
  dialect: DialectName,
  keys: DistributableKeys,
): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const { table, constraint } of keys.actorForeignKeys ?? []) await db.schema.alterTable(table).dropConstraint(constraint).execute();
  for (const { table, column, replacesIndex } of keys.primaryKeys ?? []) {
    await db.schema.alterTable(table).dropConstraint(`${table}_pkey`).execute();
    await db.schema.alterTable(table).addPrimaryKeyConstraint(`${table}_pkey`, [column, 'id']).execute();
    await db.schema.createIndex(`${table}_by_id`).on(table).column('id').execute();
    if (replacesIndex) await db.schema.dropIndex(replacesIndex).execute();
  }
}

/** A module's migration that makes its tables distributable: `<date>_<module>_distributable_keys`, PostgreSQL only. */
export function distributableKeysMigration(date: string, module: string, keys: DistributableKeys): ModuleMigration {
  return { name: `${date}_${module}_distributable_keys`, up: (db, dialect) => makeDistributable(db, dialect, keys) };
}
