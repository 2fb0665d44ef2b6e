// Reads the shape of a PostgreSQL schema from pg_catalog: what the Citus rules (rules.ts) need to decide whether each
// table would distribute — columns and types, primary keys, unique constraints, unique indexes (partial and expression
// ones included), exclusion constraints and foreign keys, all with their column order.
import pg from 'pg';
import type { ForeignKeyDescription, SchemaDescription, TableDescription, UniqueKeyDescription } from './rules.js';

const TABLES = `
  SELECT c.relname AS table
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  ORDER BY c.relname`;

const COLUMNS = `
  SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
  ORDER BY c.relname, a.attnum`;

// Every unique index (the ones behind PRIMARY KEY and UNIQUE constraints too) and every exclusion constraint. Key
// positions come from pg_get_indexdef(index, k): a column's name, or an expression's text (indkey[k-1] = 0); INCLUDE
// columns (past indnkeyatts) are not part of the key and are left out.
const UNIQUE_KEYS = `
  SELECT t.relname AS table, i.relname AS index, con.conname AS constraint, con.contype AS constraint_type,
         x.indisprimary AS is_primary, pg_get_expr(x.indpred, x.indrelid) AS predicate,
         array(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) k ORDER BY k) AS columns,
         array(SELECT x.indkey[k - 1] = 0 FROM generate_series(1, x.indnkeyatts) k ORDER BY k) AS expressions,
         array(SELECT o.oprname::text FROM unnest(con.conexclop) WITH ORDINALITY u(op, k) JOIN pg_operator o ON o.oid = u.op
               ORDER BY u.k) AS operators
  FROM pg_index x
  JOIN pg_class i ON i.oid = x.indexrelid
  JOIN pg_class t ON t.oid = x.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid AND con.conrelid = x.indrelid AND con.contype IN ('p', 'u', 'x')
  WHERE n.nspname = $1 AND (x.indisunique OR con.contype = 'x')
  ORDER BY t.relname, i.relname`;

// Foreign keys with their columns in key order (conkey[k] references confkey[k]).
const FOREIGN_KEYS = `
  SELECT t.relname AS table, con.conname AS name, r.relname AS referenced_table,
         con.confdeltype AS on_delete, con.confupdtype AS on_update,
         array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY u(attnum, k)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = u.attnum ORDER BY u.k) AS columns,
         array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY u(attnum, k)
               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = u.attnum ORDER BY u.k) AS referenced_columns
  FROM pg_constraint con
  JOIN pg_class t ON t.oid = con.conrelid
  JOIN pg_class r ON r.oid = con.confrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  WHERE n.nspname = $1 AND con.contype = 'f'
  ORDER BY t.relname, con.conname`;

interface UniqueKeyRow {
  table: string;
  index: string;
  constraint: string | null;
  constraint_type: 'p' | 'u' | 'x' | null;
  is_primary: boolean;
  predicate: string | null;
  columns: string[];
  expressions: boolean[];
  operators: string[];
}

interface ForeignKeyRow {
  table: string;
  name: string;
  referenced_table: string;
  on_delete: string;
  on_update: string;
  columns: string[];
  referenced_columns: string[];
}

function uniqueKeyOf(row: UniqueKeyRow): UniqueKeyDescription {
  const kind = row.is_primary
    ? 'primary key'
    : row.constraint_type === 'u'
      ? 'unique constraint'
      : row.constraint_type === 'x'
        ? 'exclusion constraint'
        : 'unique index';
  return {
    name: row.constraint ?? row.index,
    kind,
    // An expression position is kept as its text: it never equals a column name, so it never counts as containing one.
    columns: row.columns.map((column, k) => (row.expressions[k] ? `(${column})` : column)),
    ...(row.predicate ? { predicate: row.predicate } : {}),
    ...(row.constraint_type === 'x' ? { operators: row.operators } : {}),
  };
}

// 'c' cascade, 'n' set null, 'd' set default: the actions that write to the referencing table (pg_constraint docs).
const CASCADING = new Set(['c', 'n', 'd']);

function foreignKeyOf(row: ForeignKeyRow): ForeignKeyDescription {
  return {
    name: row.name,
    columns: row.columns,
    referencedTable: row.referenced_table,
    referencedColumns: row.referenced_columns,
    cascades: CASCADING.has(row.on_delete) || CASCADING.has(row.on_update),
  };
}

/** The tables of one schema (default `public`) of the database at `client`, with keys and foreign keys. */
export async function readSchema(client: pg.ClientBase, schema = 'public'): Promise<SchemaDescription> {
  const tables = new Map<string, TableDescription>();
  for (const row of (await client.query<{ table: string }>(TABLES, [schema])).rows) {
    tables.set(row.table, { name: row.table, columns: [], uniqueKeys: [], foreignKeys: [] });
  }
  const tableOf = (name: string): TableDescription | undefined => tables.get(name);
  type ColumnRow = { table: string; name: string; type: string; not_null: boolean };
  for (const row of (await client.query<ColumnRow>(COLUMNS, [schema])).rows) {
    tableOf(row.table)?.columns.push({ name: row.name, type: row.type, notNull: row.not_null });
  }
  for (const row of (await client.query<UniqueKeyRow>(UNIQUE_KEYS, [schema])).rows) tableOf(row.table)?.uniqueKeys.push(uniqueKeyOf(row));
  for (const row of (await client.query<ForeignKeyRow>(FOREIGN_KEYS, [schema])).rows) tableOf(row.table)?.foreignKeys.push(foreignKeyOf(row));
  return { tables: [...tables.values()] };
}

/** Reads the schema of the database at `url` on a connection of its own. */
export async function readSchemaAt(url: string, schema = 'public'): Promise<SchemaDescription> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await readSchema(client, schema);
  } finally {
    await client.end();
  }
}
