import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import { startCheckpointer } from './checkpointer.js';
import type { DatabaseSchema } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

/** The application's handle on its database: the typed query builder plus what differs between dialects. */
export interface Database {
  db: Kysely<DatabaseSchema>;
  dialect: DialectName;
  /** PostgreSQL schema in use when not the default (tests give each file its own). */
  schema?: string;
  close(): Promise<void>;
}

export type Tx = Transaction<DatabaseSchema>;
/** Anything queries can run against: the database or an open transaction. */
export type Queryable = Kysely<DatabaseSchema> | Tx;

export interface DatabaseOptions {
  /** PostgreSQL only: the schema to use (tests give each file its own). */
  schema?: string;
  poolSize?: number;
}

// COUNT(*), SUM and bigserial ids come back from pg as strings; every number we store fits in 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export function createDatabase(url: string, options: DatabaseOptions = {}): Database {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      idleTimeoutMillis: 30_000,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    });
    // An idle pooled connection closed by the server (restart, failover, admin) emits 'error'; unhandled it would
    // crash the process. pg drops that client and connects afresh on the next checkout, so a real outage still
    // surfaces on the next query.
    pool.on('error', () => undefined);
    const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', ...(options.schema ? { schema: options.schema } : {}), close: () => db.destroy() };
  }
  const file = url.replace(/^sqlite:(\/\/)?/, '') || ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // 64 MiB of page cache instead of SQLite's 2 MiB: at 120,000 sessions the signed-in lookup every request makes
  // went from ~22 µs to ~16 µs once its pages stayed in memory.
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  if (file === ':memory:') return { db, dialect: 'sqlite', close: () => db.destroy() };
  // Without statistics SQLite picks an index by its shape: on a 500,000-asset ledger it walked a city-wide date
  // range (300 ms) instead of the town's (10 ms) (bench/ledgers). Gather them where missing or stale at open,
  // sampling 1,000 rows per index (under a second at that size); imports refresh them after a bulk write.
  sqlite.pragma('analysis_limit = 1000');
  sqlite.pragma('optimize = 0x10002');
  // Checkpoints run beside the server (see checkpointer.ts); this connection's own only past ~200 MiB of log.
  sqlite.pragma('wal_autocheckpoint = 50000');
  const checkpointer = startCheckpointer(file);
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      await checkpointer.stop();
      await db.destroy();
    },
  };
}

/**
 * Kysely prepares every statement afresh; the same few hundred SQL texts run again and again, so keep the
 * prepared statements (least recently used dropped past `size`). better-sqlite3 re-prepares a cached
 * statement by itself if a migration changes the schema under it.
 */
function withStatementCache(sqlite: BetterSqlite3.Database, size = 1000): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text) {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text);
      } else {
        stmt = sqlite.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, stmt);
      return stmt;
    },
  };
}

/** The dialect behind a query builder or transaction, for the few statements written per dialect. */
export function dialectOf(q: Queryable): DialectName {
  return q.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Runs one use case in one transaction; every write goes through here. */
export function inTransaction<T>(database: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(work);
}

export async function ping(database: Database): Promise<void> {
  await sql`select 1`.execute(database.db);
}

/**
 * After a bulk write (an import), lets the planner see the new sizes: SQLite re-analyses the tables that grew
 * enough to matter (`pragma optimize`). PostgreSQL's autovacuum does it by itself, but its first analysis of a
 * table just filled can be a minute away, and until then a plan may scan the whole table: the session lookup took
 * 11 ms instead of 0.2 ms right after 40,000 residents were added. `tables` names the tables to analyse now.
 */
export async function refreshStatistics(q: Queryable, tables: readonly (keyof DatabaseSchema & string)[] = []): Promise<void> {
  if (dialectOf(q) === 'sqlite') return void (await sql`pragma optimize`.execute(q));
  for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(q);
}
