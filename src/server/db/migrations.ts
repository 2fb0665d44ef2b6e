import { Migrator, type Kysely, type Migration, type MigrationProvider, type CreateTableBuilder } from 'kysely';
import type { Database, DialectName } from './database.js';

/**
 * A forward-only migration of one module. Names are global and sort in the order they must run. The first
 * migrations took a block of numbers per module (platform 0001–0099, plan 0100–0199, tradein 0200–0299,
 * cartradein 0300–0399); every later one is named by when it was written, `YYYYMMDD_HHMM_<module>_<what>`, so it
 * sorts after everything an installation has already applied, whichever module it belongs to (a migration that
 * sorted before an applied one would stop the migrator on an upgrade).
 */
export interface ModuleMigration {
  name: string;
  // A migration sees the database as it was when it was written, not today's schema types (Kysely's advice).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

/** Adds the portable surrogate key: integer autoincrement on SQLite, bigserial on PostgreSQL. */
export function withId<T extends string>(table: CreateTableBuilder<T, never>, dialect: DialectName) {
  return dialect === 'postgres'
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Integer column wide enough for money in fen and ids referencing bigserial keys. */
export const bigint = 'bigint' as const;

class ListProvider implements MigrationProvider {
  constructor(
    private readonly list: readonly ModuleMigration[],
    private readonly dialect: DialectName,
  ) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const m of this.list) {
      if (out[m.name]) throw new Error(`Duplicate migration name ${m.name}`);
      out[m.name] = { up: (db) => m.up(db, this.dialect) };
    }
    return out;
  }
}

// Kysely looks for its bookkeeping tables across all schemas; naming ours keeps parallel test schemas apart.
function migratorFor(database: Database, list: readonly ModuleMigration[]): Migrator {
  return new Migrator({
    db: database.db,
    provider: new ListProvider(list, database.dialect),
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
}

export interface MigrationReport {
  applied: string[];
  total: number;
}

/** Applies pending migrations (Kysely's migrator holds a lock, so several processes may start at once). */
export async function migrateToLatest(database: Database, list: readonly ModuleMigration[]): Promise<MigrationReport> {
  const migrator = migratorFor(database, list);
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
  const all = await migrator.getMigrations();
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    total: all.filter((m) => m.executedAt).length,
  };
}

export async function appliedMigrationCount(database: Database, list: readonly ModuleMigration[]): Promise<number> {
  const migrator = migratorFor(database, list);
  return (await migrator.getMigrations()).filter((m) => m.executedAt).length;
}
