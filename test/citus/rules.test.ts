import { describe, expect, it } from 'vitest';
import { distributed, LOCAL, REFERENCE, type Layout } from './layout/roles.js';
import { checkLayout, distributionScript, type SchemaDescription, type TableDescription } from './rules.js';

/** A table whose columns are all NOT NULL bigint unless given as `name?` (nullable) or `name:type`. */
function table(name: string, columns: string[], parts: Partial<Omit<TableDescription, 'name' | 'columns'>> = {}): TableDescription {
  return {
    name,
    columns: columns.map((spec) => {
      const [column = '', type = 'bigint'] = spec.replace('?', '').split(':');
      return { name: column, type, notNull: !spec.includes('?') };
    }),
    uniqueKeys: parts.uniqueKeys ?? [],
    foreignKeys: parts.foreignKeys ?? [],
  };
}

const pk = (...columns: string[]) => ({ name: 'pk', kind: 'primary key' as const, columns });
const fk = (columns: string[], referencedTable: string, referencedColumns: string[], cascades = false) => ({
  name: `fk_${referencedTable}`,
  columns,
  referencedTable,
  referencedColumns,
  cascades,
});

// A good schema: holders and their vouchers colocated, programmes as a reference table, migrations local.
const users = table('users', ['id'], { uniqueKeys: [pk('id')] });
const programs = table('programs', ['id', 'code:text'], { uniqueKeys: [pk('id'), { name: 'code', kind: 'unique constraint', columns: ['code'] }] });
const vouchers = table('vouchers', ['holder_id', 'id', 'program_id', 'code:text'], {
  uniqueKeys: [pk('holder_id', 'id'), { name: 'one_active', kind: 'unique index', columns: ['holder_id', 'code'], predicate: "status = 'active'" }],
  foreignKeys: [fk(['holder_id'], 'users', ['id']), fk(['program_id'], 'programs', ['id'])],
});
const migrations = table('migrations', ['name:text'], { uniqueKeys: [pk('name')] });
const good: SchemaDescription = { tables: [users, programs, vouchers, migrations] };
const goodLayout: Layout = { users: distributed('id'), vouchers: distributed('holder_id', 'users'), programs: REFERENCE, migrations: LOCAL };

const rulesOf = (schema: SchemaDescription, layout: Layout) => checkLayout(schema, layout).map((v) => `${v.table}: ${v.rule}`);
const replace = (schema: SchemaDescription, changed: TableDescription): SchemaDescription => ({
  tables: schema.tables.map((t) => (t.name === changed.name ? changed : t)),
});

describe('Citus rules', () => {
  it('pass a schema that distributes', () => {
    expect(checkLayout(good, goodLayout)).toEqual([]);
  });

  it('want every table in the layout and every layout entry in the schema', () => {
    const { migrations: _dropped, ...withoutMigrations } = goodLayout;
    expect(rulesOf(good, { ...withoutMigrations, ghosts: REFERENCE })).toEqual(['migrations: unlisted table', 'ghosts: stale layout entry']);
  });

  it('want the distribution column to exist and be NOT NULL', () => {
    expect(rulesOf(good, { ...goodLayout, vouchers: distributed('owner_id', 'users') })).toContain('vouchers: distribution column');
    const nullable = replace(good, { ...vouchers, columns: vouchers.columns.map((c) => (c.name === 'holder_id' ? { ...c, notNull: false } : c)) });
    expect(checkLayout(nullable, goodLayout)[0]?.message).toMatch(/holder_id is nullable/);
  });

  it('want colocated tables to hash the same type and colocate with a distributed table', () => {
    const textHolder = replace(good, { ...vouchers, columns: vouchers.columns.map((c) => (c.name === 'holder_id' ? { ...c, type: 'text' } : c)) });
    expect(checkLayout(textHolder, goodLayout).map((v) => v.message)).toEqual([expect.stringMatching(/holder_id is text but users.id is bigint/)]);
    expect(rulesOf(good, { ...goodLayout, vouchers: distributed('holder_id', 'programs') })).toContain('vouchers: colocation');
  });

  it('want the distribution column in the primary key, unique constraints and partial unique indexes', () => {
    const byId = replace(good, { ...vouchers, uniqueKeys: [pk('id'), { name: 'code', kind: 'unique index', columns: ['code'], predicate: 'x' }] });
    expect(checkLayout(byId, goodLayout).map((v) => v.message)).toEqual([
      'primary key pk (id) does not include holder_id',
      'unique index code (code) WHERE x does not include holder_id',
    ]);
  });

  it('do not count the distribution column inside an expression', () => {
    const expression = replace(good, {
      ...vouchers,
      uniqueKeys: [pk('holder_id', 'id'), { name: 'lower', kind: 'unique index', columns: ['(lower(holder_id))'] }],
    });
    expect(rulesOf(expression, goodLayout)).toEqual(['vouchers: unique key']);
  });

  it('want exclusion constraints to use the distribution column with =', () => {
    const exclusion = (operators: string[]) =>
      replace(good, { ...vouchers, uniqueKeys: [pk('holder_id', 'id'), { name: 'x', kind: 'exclusion constraint', columns: ['holder_id', 'id'], operators }] });
    expect(checkLayout(exclusion(['=', '&&']), goodLayout)).toEqual([]);
    expect(checkLayout(exclusion(['&&', '=']), goodLayout)[0]?.message).toMatch(/uses holder_id with &&, not =/);
  });

  it('want foreign keys between distributed tables colocated and on the distribution columns', () => {
    const redemptions = table('redemptions', ['holder_id', 'id', 'voucher_id'], {
      uniqueKeys: [pk('holder_id', 'id')],
      foreignKeys: [fk(['holder_id', 'voucher_id'], 'vouchers', ['holder_id', 'id'])],
    });
    const schema: SchemaDescription = { tables: [...good.tables, redemptions] };
    expect(checkLayout(schema, { ...goodLayout, redemptions: distributed('holder_id', 'vouchers') })).toEqual([]);
    // Not colocated: its own group.
    expect(checkLayout(schema, { ...goodLayout, redemptions: distributed('holder_id') })[0]?.message).toMatch(/not colocated/);
    // Colocated, but the key pairs the distribution column with a different column.
    const crossed = replace(schema, { ...redemptions, foreignKeys: [fk(['voucher_id', 'holder_id'], 'vouchers', ['holder_id', 'id'])] });
    expect(checkLayout(crossed, { ...goodLayout, redemptions: distributed('holder_id', 'vouchers') })[0]?.message).toMatch(/must pair holder_id/);
    const withoutColumn = replace(schema, { ...redemptions, foreignKeys: [fk(['voucher_id'], 'vouchers', ['id'])] });
    expect(rulesOf(withoutColumn, { ...goodLayout, redemptions: distributed('holder_id', 'vouchers') })).toEqual(['redemptions: foreign key']);
  });

  it('refuse foreign keys from reference or local tables to distributed ones, and from distributed to local', () => {
    const auditing = (name: string) => table(name, ['id', 'created_by'], { uniqueKeys: [pk('id')], foreignKeys: [fk(['created_by'], 'users', ['id'])] });
    const schema: SchemaDescription = { tables: [...good.tables, auditing('kinds'), auditing('runs')] };
    expect(checkLayout(schema, { ...goodLayout, kinds: REFERENCE, runs: LOCAL }).map((v) => v.message)).toEqual([
      expect.stringMatching(/a reference table may not reference a distributed table/),
      expect.stringMatching(/a local table may not reference a distributed table/),
    ]);
    const toLocal = replace(good, { ...vouchers, foreignKeys: [...vouchers.foreignKeys, fk(['program_id'], 'migrations', ['name'])] });
    expect(checkLayout(toLocal, goodLayout)[0]?.message).toMatch(/a distributed table may not reference a local table/);
  });

  it('allow reference → local only without cascading actions, and local → reference', () => {
    const settings = (cascades: boolean) => table('settings', ['id', 'migration:text'], { foreignKeys: [fk(['migration'], 'migrations', ['name'], cascades)] });
    const layout = { ...goodLayout, settings: REFERENCE };
    expect(checkLayout({ tables: [...good.tables, settings(false)] }, layout)).toEqual([]);
    expect(rulesOf({ tables: [...good.tables, settings(true)] }, layout)).toEqual(['settings: foreign key']);
    const jobs = table('jobs', ['id', 'program_id'], { foreignKeys: [fk(['program_id'], 'programs', ['id'])] });
    expect(checkLayout({ tables: [...good.tables, jobs] }, { ...goodLayout, jobs: LOCAL })).toEqual([]);
  });

  it('write reference tables first, then group roots, then their members', () => {
    expect(distributionScript(good, goodLayout)).toEqual([
      "SELECT create_reference_table('programs');",
      "SELECT create_distributed_table('users', 'id', colocate_with => 'none');",
      "SELECT create_distributed_table('vouchers', 'holder_id', colocate_with => 'users');",
    ]);
  });
});
