// Citus's rules for distributing a schema, as pure functions over a schema description and a layout. The rules are
// those of the Citus documentation, "Creating and Modifying Distributed Objects (DDL)"
// (https://docs.citusdata.com/en/v11.3/develop/reference_ddl.html), sections "Creating and Distributing Tables",
// "Reference Tables", "Co-Locating Tables" and "Table Management › Constraints", and of create_distributed_table in
// "Citus Utility Functions" (https://docs.citusdata.com/en/v11.3/develop/api_udf.html).
import type { Layout, TableRole } from './layout/roles.js';

export interface ColumnDescription {
  name: string;
  /** format_type() text: `bigint`, `text`, `character varying(64)`. */
  type: string;
  notNull: boolean;
}

export interface UniqueKeyDescription {
  name: string;
  kind: 'primary key' | 'unique constraint' | 'unique index' | 'exclusion constraint';
  /** Key columns in order; an expression position is its text in parentheses, e.g. `(lower(code))`. */
  columns: string[];
  /** The WHERE of a partial unique index. */
  predicate?: string;
  /** Exclusion constraints: the operator of each key position (`=`, `&&`). */
  operators?: string[];
}

export interface ForeignKeyDescription {
  name: string;
  columns: string[];
  referencedTable: string;
  /** referencedColumns[k] is what columns[k] references. */
  referencedColumns: string[];
  /** ON DELETE / ON UPDATE CASCADE, SET NULL or SET DEFAULT. */
  cascades: boolean;
}

export interface TableDescription {
  name: string;
  columns: ColumnDescription[];
  uniqueKeys: UniqueKeyDescription[];
  foreignKeys: ForeignKeyDescription[];
}

export interface SchemaDescription {
  tables: TableDescription[];
}

export type ViolationRule = 'unlisted table' | 'stale layout entry' | 'distribution column' | 'colocation' | 'unique key' | 'foreign key';

export interface Violation {
  table: string;
  rule: ViolationRule;
  message: string;
}

type Distributed = Extract<TableRole, { kind: 'distributed' }>;

/**
 * The colocation group of a distributed table: the table its colocateWith chain ends at. Tables distributed without
 * colocateWith start a group of their own (the script says colocate_with => 'none'): Citus would otherwise colocate
 * every table whose distribution column has the same type, so a group would be an accident of types, not a decision.
 */
export function colocationRoot(layout: Layout, table: string): string {
  const seen = new Set<string>();
  let current = table;
  for (;;) {
    const role = layout[current];
    if (role?.kind !== 'distributed' || !role.colocateWith || seen.has(current)) return current;
    seen.add(current);
    current = role.colocateWith;
  }
}

function columnOf(table: TableDescription, name: string): ColumnDescription | undefined {
  return table.columns.find((column) => column.name === name);
}

// (e) Every table has a role and every role a table, so that a migration adding a table has to decide its role.
function coverage(schema: SchemaDescription, layout: Layout): Violation[] {
  const names = new Set(schema.tables.map((table) => table.name));
  const unlisted = schema.tables
    .filter((table) => !layout[table.name])
    .map((table): Violation => ({ table: table.name, rule: 'unlisted table', message: 'not in the layout: declare it distributed, reference or local' }));
  const stale = Object.keys(layout)
    .filter((name) => !names.has(name))
    .map((name): Violation => ({ table: name, rule: 'stale layout entry', message: 'in the layout but not in the schema' }));
  return [...unlisted, ...stale];
}

// (d) The distribution column exists and is NOT NULL: Citus refuses an INSERT with NULL in the distribution column
// ("cannot perform an INSERT with NULL in the partition column"). Colocated tables must hash the same type: Citus
// co-locates only tables whose distribution columns have the same type (create_distributed_table, colocate_with).
function distributionColumn(schema: SchemaDescription, layout: Layout, table: TableDescription, role: Distributed): Violation[] {
  const found = columnOf(table, role.column);
  if (!found) return [{ table: table.name, rule: 'distribution column', message: `distribution column ${role.column} does not exist` }];
  const out: Violation[] = [];
  if (!found.notNull) out.push({ table: table.name, rule: 'distribution column', message: `distribution column ${role.column} is nullable` });
  if (role.colocateWith) {
    const target = layout[role.colocateWith];
    const targetTable = schema.tables.find((t) => t.name === role.colocateWith);
    if (target?.kind !== 'distributed') {
      out.push({ table: table.name, rule: 'colocation', message: `colocateWith ${role.colocateWith} is not a distributed table` });
    } else if (colocationRoot(layout, table.name) === table.name) {
      out.push({ table: table.name, rule: 'colocation', message: `colocateWith chain from ${table.name} is a cycle` });
    } else {
      const targetColumn = targetTable && columnOf(targetTable, target.column);
      if (targetColumn && targetColumn.type !== found.type) {
        out.push({
          table: table.name,
          rule: 'colocation',
          message: `${role.column} is ${found.type} but ${role.colocateWith}.${target.column} is ${targetColumn.type}: colocated tables hash the same type`,
        });
      }
    }
  }
  return out;
}

function describeKey(key: UniqueKeyDescription): string {
  const where = key.predicate ? ` WHERE ${key.predicate}` : '';
  return `${key.kind} ${key.name} (${key.columns.join(', ')})${where}`;
}

// (a, f) Uniqueness is enforced shard by shard, so every primary key, unique constraint and unique index — partial
// and expression ones too — must contain the distribution column as a plain key column; an exclusion constraint must
// contain it with the equality operator (Table Management › Constraints: "Citus ... must include the distribution column").
function uniqueKeys(table: TableDescription, role: Distributed): Violation[] {
  return table.uniqueKeys.flatMap((key): Violation[] => {
    const position = key.columns.indexOf(role.column);
    if (position >= 0 && (key.kind !== 'exclusion constraint' || key.operators?.[position] === '=')) return [];
    const why = position >= 0 ? `uses ${role.column} with ${key.operators?.[position] ?? '?'}, not =` : `does not include ${role.column}`;
    return [{ table: table.name, rule: 'unique key', message: `${describeKey(key)} ${why}` }];
  });
}

function describeForeignKey(fk: ForeignKeyDescription): string {
  return `foreign key ${fk.name} (${fk.columns.join(', ')}) → ${fk.referencedTable} (${fk.referencedColumns.join(', ')})`;
}

// (b, c) Foreign keys Citus supports (Table Management › Constraints): local → local, reference → reference,
// local → reference, reference → local without cascading actions, distributed → reference, and distributed →
// distributed when the two are colocated and the key includes the distribution column of both at the same position.
// Not: reference or local → distributed, distributed → local.
function foreignKeys(layout: Layout, table: TableDescription, role: TableRole): Violation[] {
  return table.foreignKeys.flatMap((fk): Violation[] => {
    const target = layout[fk.referencedTable];
    if (!target) return []; // reported by coverage
    const fail = (why: string): Violation[] => [{ table: table.name, rule: 'foreign key', message: `${describeForeignKey(fk)}: ${why}` }];
    if (target.kind === 'distributed') {
      if (role.kind !== 'distributed') return fail(`a ${role.kind} table may not reference a distributed table`);
      if (colocationRoot(layout, table.name) !== colocationRoot(layout, fk.referencedTable)) {
        return fail(`${table.name} and ${fk.referencedTable} are not colocated`);
      }
      const position = fk.columns.indexOf(role.column);
      if (position < 0 || fk.referencedColumns[position] !== target.column) {
        return fail(`must pair ${role.column} with ${fk.referencedTable}.${target.column}`);
      }
      return [];
    }
    if (target.kind === 'local') {
      if (role.kind === 'distributed') return fail('a distributed table may not reference a local table');
      if (role.kind === 'reference' && fk.cascades) return fail('a reference table may reference a local table only without cascading actions');
    }
    return [];
  });
}

/** Every way `schema` would not distribute under `layout`; empty when it would. */
export function checkLayout(schema: SchemaDescription, layout: Layout): Violation[] {
  const out = coverage(schema, layout);
  for (const table of schema.tables) {
    const role = layout[table.name];
    if (!role) continue;
    if (role.kind === 'distributed') out.push(...distributionColumn(schema, layout, table, role), ...uniqueKeys(table, role));
    out.push(...foreignKeys(layout, table, role));
  }
  return out;
}

/** Tables ordered so that every table comes after the tables it references (a cycle keeps the input order). */
function referencedFirst(names: string[], schema: SchemaDescription): string[] {
  const byName = new Map(schema.tables.map((table) => [table.name, table]));
  const wanted = new Set(names);
  const done = new Set<string>();
  const out: string[] = [];
  const visit = (name: string, path: Set<string>): void => {
    if (done.has(name) || path.has(name)) return;
    path.add(name);
    for (const fk of byName.get(name)?.foreignKeys ?? []) if (wanted.has(fk.referencedTable)) visit(fk.referencedTable, path);
    done.add(name);
    out.push(name);
  };
  for (const name of [...names].sort()) visit(name, new Set());
  return out;
}

const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;

/**
 * The statements a Citus coordinator runs to distribute the schema: reference tables first (a distributed table's
 * foreign key to a reference table needs the reference table in place), then each colocation group's root with
 * colocate_with => 'none', then its members; within each step a referenced table comes before the tables that
 * reference it. create_distributed_table copies the rows a table already has onto the shards.
 */
export function distributionScript(schema: SchemaDescription, layout: Layout): string[] {
  const present = schema.tables.map((table) => table.name).filter((name) => layout[name]);
  const reference = referencedFirst(
    present.filter((name) => layout[name]?.kind === 'reference'),
    schema,
  );
  const distributed = referencedFirst(
    present.filter((name) => layout[name]?.kind === 'distributed'),
    schema,
  );
  const roots = distributed.filter((name) => colocationRoot(layout, name) === name);
  const members = distributed.filter((name) => colocationRoot(layout, name) !== name);
  const statement = (name: string): string => {
    const role = layout[name] as Distributed;
    const colocate = role.colocateWith ? quote(colocationRoot(layout, name)) : `'none'`;
    return `SELECT create_distributed_table(${quote(name)}, ${quote(role.column)}, colocate_with => ${colocate});`;
  };
  return [
    ...reference.map((name) => `SELECT create_reference_table(${quote(name)});`),
    ...roots.map(statement),
    ...roots.flatMap((root) => members.filter((name) => colocationRoot(layout, name) === root).map(statement)),
  ];
}
