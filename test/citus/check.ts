// The Citus distributability check: `node --import tsx test/citus/check.ts [--database-url URL] [--sql-out FILE]`.
// Without a URL it creates a scratch database on the CI PostgreSQL, migrates it with the app's own migrations, reads
// the schema, applies Citus's rules (rules.ts) to the layout (layout.ts), prints a report table by table and the
// distribution script, drops the database, and exits 1 when a table would not distribute (CI's gate).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrations.js';
import { ALL_MIGRATIONS } from '../../src/server/modules/migrations.js';
import { LAYOUT, type Layout } from './layout.js';
import { checkLayout, colocationRoot, distributionScript, type SchemaDescription, type Violation } from './rules.js';
import { readSchemaAt } from './schema.js';
import { withScratchDatabase } from './scratch.js';

const SERVER_URL = 'postgres://root@127.0.0.1:5432/postgres';

/** Brings the database at `url` to the latest schema with every module's migrations, as `main.ts migrate` does. */
export async function migrate(url: string): Promise<void> {
  const database = createDatabase(url, { poolSize: 2 });
  try {
    await migrateToLatest(database, ALL_MIGRATIONS);
  } finally {
    await database.close();
  }
}

function describeRole(layout: Layout, table: string): string {
  const role = layout[table];
  if (!role) return 'not in the layout';
  if (role.kind !== 'distributed') return role.kind;
  const root = colocationRoot(layout, table);
  return `distributed by ${role.column}${root === table ? ' (colocation group root)' : `, colocated with ${root}`}`;
}

/** The report: one line per table with its role, and its violations under it. */
export function formatReport(schema: SchemaDescription, layout: Layout, violations: Violation[]): string {
  const byTable = new Map<string, Violation[]>();
  for (const violation of violations) byTable.set(violation.table, [...(byTable.get(violation.table) ?? []), violation]);
  const names = [...new Set([...schema.tables.map((table) => table.name), ...byTable.keys()])].sort();
  const lines = names.flatMap((name) => {
    const found = byTable.get(name) ?? [];
    return [`${found.length ? '✗' : '✓'} ${name}: ${describeRole(layout, name)}`, ...found.map((v) => `    - [${v.rule}] ${v.message}`)];
  });
  const failing = byTable.size;
  lines.push('', `${names.length} tables, ${violations.length} violations in ${failing} tables`);
  return lines.join('\n');
}

interface Outputs {
  sqlOut?: string | undefined;
}

async function checkAt(url: string, out: Outputs): Promise<number> {
  const schema = await readSchemaAt(url);
  const violations = checkLayout(schema, LAYOUT);
  console.log(formatReport(schema, LAYOUT, violations));
  const script = distributionScript(schema, LAYOUT).join('\n');
  console.log(`\n-- Distribution script (run on the Citus coordinator)\n${script}`);
  if (out.sqlOut) fs.writeFileSync(out.sqlOut, `${script}\n`);
  return violations.length ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { 'database-url': { type: 'string' }, 'sql-out': { type: 'string' } },
  });
  const out: Outputs = { sqlOut: values['sql-out'] };
  if (values['database-url']) return checkAt(values['database-url'], out);
  return withScratchDatabase(SERVER_URL, `hx_citus_check_${process.pid}`, async (url) => {
    await migrate(url);
    return checkAt(url, out);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
