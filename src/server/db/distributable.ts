import { type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DialectName } from './database.js';
import { bigint, type ModuleMigration } from './migrations.js';

/**
 * What a module's migration changes so that its tables distribute on Citus (issue 15; the layout and the rules are
 * in test/citus, the plan in test/citus/REPORT.md). Keys and foreign keys change on PostgreSQL only: Citus is an
 * extension of PostgreSQL, and the embedded SQLite database is one file on one machine, where these keys change
 * nothing (and where changing a primary key means rebuilding the table). A column the services must write
 * (`childColumns`) is added on both, since the same code runs on both.
 */
export interface DistributableKeys {
  /**
   * A child table takes its parent's distribution column, so that its rows live on the parent's shard and its key
   * and foreign key can hold that column. Both databases: the column is added, filled from the parent through
   * `via` (the child's column pointing at `parent.id`), and on PostgreSQL made NOT NULL; the services write it from
   * then on. Listed parents first, so a grandchild can be filled from a child filled just before it.
   */
  childColumns?: readonly { table: string; column: string; parent: string; via: string; parentColumn?: string }[];
  /**
   * Foreign keys Citus cannot keep, dropped (the column stays): to a table in another colocation group, to
   * attachments (each upload is its own row, written before the row that points at it and never deleted; the
   * service checks it exists when it links it), from a reference table to a distributed one, or within a table
   * across shards (a replacement asset may live on any shard; the service writes both sides in one transaction).
   */
  droppedForeignKeys?: readonly { table: string; constraint: string }[];
  /**
   * "Who did it" foreign keys to `users` that Citus cannot keep: `users` is distributed by id, and a foreign key
   * from a reference or local table, or from another colocation group, to a distributed table is not allowed. The
   * column stays; what it holds comes from the signed-in session (never from a request body), users are never
   * deleted, and every action is also in the audit chain.
   */
  actorForeignKeys?: readonly { table: string; constraint: string }[];
  /**
   * Tables whose primary key `key` (default `(id)`) becomes `(<column>, ...key)`, `column` being the table's
   * distribution column: Citus enforces a unique key only when it holds that column. An `id` stays the bigserial
   * it was (unique through the one sequence), and `key` keeps a plain index of its own (`<table>_by_id`, or
   * `<table>_by_key` for another key), so a lookup by it alone is still an index scan. `constraint` names the old
   * primary key when it is not `<table>_pkey`. `replacesIndex` names an index on exactly the new key's columns,
   * which the new key makes redundant (dropped). `referencedBy` lists the foreign keys that point at the old key:
   * each is dropped first and made again on the child's (distribution column, foreign key column), pointing at the
   * new key, so both sides hold the column Citus routes by.
   */
  primaryKeys?: readonly {
    table: string;
    column: string;
    key?: readonly string[];
    constraint?: string;
    replacesIndex?: string;
    referencedBy?: readonly ReferencingKey[];
  }[];
  /**
   * Unique constraints and indexes that take the distribution column in front of their columns (same name, so the
   * services' handling of a duplicate is unchanged): `index` for a unique index (with its `where` when partial),
   * `constraint` for a unique constraint. A `where` is written with kysely's `sql` template, e.g.
   * sql<SqlBool>`status <> 'reversed'`.
   */
  uniqueKeys?: readonly {
    table: string;
    /** The table's distribution column. */
    column: string;
    name: string;
    kind: 'index' | 'constraint';
    columns: readonly string[];
    where?: Expression<SqlBool>;
  }[];
}

/** A foreign key to a table whose primary key widens: made again as `(column, via) → parent (column, id)`. */
export interface ReferencingKey {
  table: string;
  constraint: string;
  /** The child's distribution column (the parent's, added by `childColumns` when the child lacked it). */
  column: string;
  /** The child's column that holds the parent's id. */
  via: string;
  onDelete?: 'cascade' | 'restrict' | 'set null' | 'no action';
}

// A migration sees the database as it was when it was written (see ModuleMigration).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

async function addChildColumns(db: AnyDb, dialect: DialectName, columns: DistributableKeys['childColumns']): Promise<void> {
  for (const { table, column, parent, via, parentColumn = column } of columns ?? []) {
    await db.schema.alterTable(table).addColumn(column, bigint).execute();
    await db
      .updateTable(table)
      .set(column, (eb) => eb.selectFrom(parent).select(`${parent}.${parentColumn}`).whereRef(`${parent}.id`, '=', `${table}.${via}`))
      .execute();
    if (dialect === 'postgres')
      await db.schema
        .alterTable(table)
        .alterColumn(column, (c) => c.setNotNull())
        .execute();
  }
}

async function widenPrimaryKey(db: AnyDb, entry: NonNullable<DistributableKeys['primaryKeys']>[number]): Promise<void> {
  const { table, column, key = ['id'], constraint = `${table}_pkey`, replacesIndex, referencedBy = [] } = entry;
  for (const ref of referencedBy) await db.schema.alterTable(ref.table).dropConstraint(ref.constraint).execute();
  await db.schema.alterTable(table).dropConstraint(constraint).execute();
  await db.schema
    .alterTable(table)
    .addPrimaryKeyConstraint(`${table}_pkey`, [column, ...key])
    .execute();
  const byKey = key.length === 1 && key[0] === 'id' ? `${table}_by_id` : `${table}_by_key`;
  await db.schema
    .createIndex(byKey)
    .on(table)
    .columns([...key])
    .execute();
  if (replacesIndex) await db.schema.dropIndex(replacesIndex).execute();
  for (const ref of referencedBy) {
    await db.schema
      .alterTable(ref.table)
      .addForeignKeyConstraint(ref.constraint, [ref.column, ref.via], table, [column, 'id'], (fk) => fk.onDelete(ref.onDelete ?? 'no action'))
      .execute();
  }
}

async function widenUniqueKey(db: AnyDb, entry: NonNullable<DistributableKeys['uniqueKeys']>[number]): Promise<void> {
  const { table, column, name, kind, columns, where } = entry;
  if (kind === 'constraint') {
    await db.schema.alterTable(table).dropConstraint(name).execute();
    await db.schema
      .alterTable(table)
      .addUniqueConstraint(name, [column, ...columns])
      .execute();
    return;
  }
  await db.schema.dropIndex(name).execute();
  const index = db.schema
    .createIndex(name)
    .unique()
    .on(table)
    .columns([column, ...columns]);
  await (where ? index.where(where) : index).execute();
}

async function makeDistributable(db: AnyDb, dialect: DialectName, keys: DistributableKeys): Promise<void> {
  await addChildColumns(db, dialect, keys.childColumns);
  if (dialect !== 'postgres') return;
  for (const { table, constraint } of [...(keys.actorForeignKeys ?? []), ...(keys.droppedForeignKeys ?? [])]) {
    await db.schema.alterTable(table).dropConstraint(constraint).execute();
  }
  for (const entry of keys.primaryKeys ?? []) await widenPrimaryKey(db, entry);
  for (const entry of keys.uniqueKeys ?? []) await widenUniqueKey(db, entry);
}

/** A module's migration that makes its tables distributable: `<date>_<module>_distributable_keys`. */
export function distributableKeysMigration(date: string, module: string, keys: DistributableKeys): ModuleMigration {
  return { name: `${date}_${module}_distributable_keys`, up: (db, dialect) => makeDistributable(db, dialect, keys) };
}
