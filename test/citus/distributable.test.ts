// The kernel every module's distributable-keys migration is made with (src/server/db/distributable.ts), run on a
// small parent/child/grandchild schema on both engines: on SQLite only the new columns appear (filled from the
// parents); on PostgreSQL the keys widen, and the rules that flag today's schema find nothing left in this one.
import { sql, type SqlBool } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/server/db/database.js';
import { distributableKeysMigration } from '../../src/server/db/distributable.js';
import { distributed, REFERENCE } from './layout/roles.js';
import { checkLayout } from './rules.js';
import { readSchemaAt } from './schema.js';
import { withScratchDatabase } from './scratch.js';

const SERVER_URL = 'postgres://root@127.0.0.1:5432/postgres';

const LAYOUT = {
  projects: distributed('organization_id'),
  equipment: distributed('organization_id', 'projects'),
  payments: distributed('organization_id', 'projects'),
  attachments: distributed('id'),
  kinds: REFERENCE,
};

async function createSchema(database: Database): Promise<void> {
  const id = database.dialect === 'postgres' ? ('bigserial' as const) : ('integer' as const);
  const schema = database.db.schema;
  await schema
    .createTable('kinds')
    .addColumn('id', id, (c) => c.primaryKey())
    .execute();
  await schema
    .createTable('attachments')
    .addColumn('id', id, (c) => c.primaryKey())
    .execute();
  await schema
    .createTable('projects')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('organization_id', 'bigint', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await schema
    .createIndex('projects_open_code')
    .unique()
    .on('projects')
    .column('code')
    .where(sql<SqlBool>`status <> 'withdrawn'`)
    .execute();
  await schema
    .createTable('equipment')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('project_id', 'bigint', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('attachment_id', 'bigint', (c) => c.references('attachments.id'))
    .execute();
  await schema
    .createTable('payments')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('equipment_id', 'bigint', (c) => c.notNull().references('equipment.id'))
    .addColumn('reference', 'text', (c) => c.notNull())
    .addUniqueConstraint('payments_reference', ['equipment_id', 'reference'])
    .execute();
}

const MIGRATION = distributableKeysMigration('20990101_0000', 'example', {
  childColumns: [
    { table: 'equipment', column: 'organization_id', parent: 'projects', via: 'project_id' },
    // A grandchild, filled from the child filled just before it.
    { table: 'payments', column: 'organization_id', parent: 'equipment', via: 'equipment_id' },
  ],
  droppedForeignKeys: [{ table: 'equipment', constraint: 'equipment_attachment_id_fkey' }],
  primaryKeys: [
    {
      table: 'projects',
      column: 'organization_id',
      referencedBy: [{ table: 'equipment', constraint: 'equipment_project_id_fkey', column: 'organization_id', via: 'project_id', onDelete: 'cascade' }],
    },
    {
      table: 'equipment',
      column: 'organization_id',
      referencedBy: [{ table: 'payments', constraint: 'payments_equipment_id_fkey', column: 'organization_id', via: 'equipment_id' }],
    },
    { table: 'payments', column: 'organization_id' },
  ],
  uniqueKeys: [
    { table: 'projects', column: 'organization_id', name: 'projects_open_code', kind: 'index', columns: ['code'], where: sql<SqlBool>`status <> 'withdrawn'` },
    { table: 'payments', column: 'organization_id', name: 'payments_reference', kind: 'constraint', columns: ['equipment_id', 'reference'] },
  ],
});

async function migrateExample(database: Database): Promise<void> {
  await createSchema(database);
  await database.db
    .insertInto('projects' as never)
    .values([{ organization_id: 7, code: 'P-1', status: 'open' }] as never)
    .execute();
  await database.db
    .insertInto('equipment' as never)
    .values([{ project_id: 1 }, { project_id: 1 }] as never)
    .execute();
  await database.db
    .insertInto('payments' as never)
    .values([{ equipment_id: 2, reference: 'R-1' }] as never)
    .execute();
  await MIGRATION.up(database.db, database.dialect);
}

async function organisationsOf(database: Database, table: string): Promise<unknown[]> {
  const rows = await sql<{ organization_id: unknown }>`select organization_id from ${sql.table(table)} order by id`.execute(database.db);
  return rows.rows.map((row) => Number(row.organization_id));
}

describe('distributable keys kernel', () => {
  it('on SQLite adds the distribution column to children and grandchildren, filled from their parents', async () => {
    const database = createDatabase('sqlite::memory:');
    try {
      await migrateExample(database);
      expect(await organisationsOf(database, 'equipment')).toEqual([7, 7]);
      expect(await organisationsOf(database, 'payments')).toEqual([7]);
    } finally {
      await database.close();
    }
  });

  it('on PostgreSQL widens the keys and composite foreign keys until nothing in the example would fail to distribute', async () => {
    await withScratchDatabase(SERVER_URL, `hx_citus_kernel_${process.pid}`, async (url) => {
      const database = createDatabase(url, { poolSize: 1 });
      try {
        await createSchema(database);
        const before = checkLayout(await readSchemaAt(url), LAYOUT);
        expect(before.length).toBeGreaterThan(5);
        await database.db.schema.dropTable('payments').execute();
        await database.db.schema.dropTable('equipment').execute();
        await database.db.schema.dropTable('projects').execute();
        await database.db.schema.dropTable('attachments').execute();
        await database.db.schema.dropTable('kinds').execute();
        await migrateExample(database);
        expect(checkLayout(await readSchemaAt(url), LAYOUT)).toEqual([]);
        expect(await organisationsOf(database, 'payments')).toEqual([7]);
        // The widened partial unique key still refuses a second open project with the same code.
        await expect(
          database.db
            .insertInto('projects' as never)
            .values({ organization_id: 7, code: 'P-1', status: 'open' } as never)
            .execute(),
        ).rejects.toMatchObject({ code: '23505' });
        // …and the composite foreign key a child whose organisation is not its project's.
        await expect(
          database.db
            .insertInto('equipment' as never)
            .values({ organization_id: 8, project_id: 1 } as never)
            .execute(),
        ).rejects.toMatchObject({
          code: '23503',
        });
      } finally {
        await database.close();
      }
    });
  });
});
