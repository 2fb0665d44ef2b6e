import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database, Queryable } from './database.js';
import type { DatabaseSchema } from './schema.js';

/**
 * Read routing to a PostgreSQL streaming replica (DATABASE_REPLICA_URL). Only pure reads that may be a few seconds
 * old ask for `reader()` (dashboards, exports, public lists); writes, and reads of what the same request or user
 * just wrote, keep using `deps.database.db`.
 */

/** Why reads went to the primary although a replica is configured. */
export type FallbackReason = 'unreachable' | 'lagging' | 'not_standby' | 'not_receiving' | 'lag_unknown';

/** What one look at the replica found. */
export interface ReplicaProbe {
  /** pg_is_in_recovery(): false once promoted, when it no longer follows the primary. */
  standby: boolean;
  /** A WAL receiver is running: without one nothing new arrives, and "replayed all received" says nothing. */
  receiving: boolean;
  /** Seconds behind; null when the replica cannot tell (it has replayed no transaction since it started). */
  lagSeconds: number | null;
}

export interface ReplicaState {
  configured: boolean;
  maxLagSeconds: number;
  /** The lag last measured; null when not configured, unreachable or unknown. */
  lagSeconds: number | null;
  /** Where the routed reads go now. */
  reads: 'replica' | 'primary';
  reason: FallbackReason | null;
  /** When the replica was last looked at (ISO); null when not configured. */
  checkedAt: string | null;
}

export interface ReadRouter {
  /** The handle for a pure read that may lag by up to the configured limit: the replica when fit, else the primary. */
  reader(): Promise<Queryable>;
  /**
   * Runs a pure read on `reader()`; when it was the replica's and the replica failed it (connection lost, standby
   * shutting down, a query cancelled by replay), runs it again on the primary and sends the next reads there until
   * the replica is measured again. A failure the primary would repeat (a bad query) is not retried.
   */
  read<T>(work: (db: Queryable) => Promise<T>): Promise<T>;
  state(): Promise<ReplicaState>;
  close(): Promise<void>;
}

export interface ReadRouterOptions {
  url: string | null;
  maxLagSeconds: number;
  /** The primary's PostgreSQL schema: the replica is the same database, so the same search_path. */
  schema?: string | undefined;
  poolSize?: number;
  /** How long a measurement is trusted (1 s): not one extra query per request. */
  probeEveryMs?: number;
  /** A look at the replica that gets no answer in this time counts as unreachable. */
  probeTimeoutMs?: number;
  now?: () => number;
  probe?: (db: Kysely<DatabaseSchema>) => Promise<ReplicaProbe>;
}

/**
 * The lag as the replica itself sees it. `now() - pg_last_xact_replay_timestamp()` alone grows while the primary
 * is idle (nothing to replay, so the last replayed commit gets older) and would send every read of a quiet
 * installation to the primary; comparing with the primary's pg_current_wal_lsn() gives bytes, not seconds, and
 * costs a query on the primary per measurement. So: everything received has been replayed → 0 (the replica is as
 * current as the stream, provided a WAL receiver is running, which `receiving` checks); otherwise the age of the
 * last replayed commit, an upper bound on how far behind the replayed data is. The receiver row is read by
 * existence only: its columns are hidden from roles without pg_read_all_stats.
 */
export async function probeReplica(db: Kysely<DatabaseSchema>): Promise<ReplicaProbe> {
  const r = await sql<{ standby: boolean; receiving: boolean; lag: number | string | null }>`
    select pg_is_in_recovery() as standby,
           exists (select 1 from pg_stat_wal_receiver) as receiving,
           case when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0
                else extract(epoch from now() - pg_last_xact_replay_timestamp()) end as lag`.execute(db);
  const row = r.rows[0]!;
  return { standby: row.standby, receiving: row.receiving, lagSeconds: row.lag === null ? null : Math.max(0, Number(row.lag)) };
}

/** The routing decision for one measurement (or the error that stood in for it). */
export function decideRoute(probe: ReplicaProbe | Error, maxLagSeconds: number): Pick<ReplicaState, 'reads' | 'reason' | 'lagSeconds'> {
  if (probe instanceof Error) return { reads: 'primary', reason: 'unreachable', lagSeconds: null };
  const { lagSeconds } = probe;
  const primary = (reason: FallbackReason) => ({ reads: 'primary' as const, reason, lagSeconds });
  if (!probe.standby) return primary('not_standby');
  if (!probe.receiving) return primary('not_receiving');
  if (lagSeconds === null) return primary('lag_unknown');
  if (lagSeconds > maxLagSeconds) return primary('lagging');
  return { reads: 'replica', reason: null, lagSeconds };
}

/**
 * Whether a failed replica read is the replica's fault rather than the query's: no SQLSTATE (a refused or dropped
 * connection, a pool timeout), connection exceptions (08), operator intervention such as a standby shutting down
 * (57), insufficient resources (53), and 40001, which a hot standby raises when replay cancels a conflicting query.
 */
export function isReplicaFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const sqlstate = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
  return sqlstate === null || /^(08|57|53)/.test(sqlstate) || sqlstate === '40001';
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`replica gave no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Routes reads to the replica of `options.url` while its lag is within the limit; with no URL, always the primary. */
export function createReadRouter(primary: Database, options: ReadRouterOptions): ReadRouter {
  const { url, maxLagSeconds } = options;
  if (!url) {
    const state: ReplicaState = { configured: false, maxLagSeconds, lagSeconds: null, reads: 'primary', reason: null, checkedAt: null };
    return { reader: async () => primary.db, read: (work) => work(primary.db), state: async () => state, close: async () => undefined };
  }
  const probeEveryMs = options.probeEveryMs ?? 1000;
  const probeTimeoutMs = options.probeTimeoutMs ?? 1000;
  const now = options.now ?? Date.now;
  const probe = options.probe ?? probeReplica;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: probeTimeoutMs,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // As for the primary's pool (database.ts): a connection the server drops must not crash the process.
  pool.on('error', () => undefined);
  const replica = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });

  let current: { at: number; state: ReplicaState } | null = null;
  let inFlight: Promise<ReplicaState> | null = null;
  const measure = async (): Promise<ReplicaState> => {
    const at = now();
    const found = await withTimeout(probe(replica), probeTimeoutMs).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    const state: ReplicaState = { configured: true, maxLagSeconds, ...decideRoute(found, maxLagSeconds), checkedAt: new Date(at).toISOString() };
    current = { at, state };
    return state;
  };
  const state = (): Promise<ReplicaState> => {
    if (current && now() - current.at < probeEveryMs) return Promise.resolve(current.state);
    // Requests arriving while the replica is looked at share the one look.
    return (inFlight ??= measure().finally(() => (inFlight = null)));
  };
  const reader = async (): Promise<Queryable> => ((await state()).reads === 'replica' ? replica : primary.db);
  return {
    reader,
    async read(work) {
      const db = await reader();
      if (db !== replica) return work(db);
      try {
        return await work(db);
      } catch (error) {
        if (!isReplicaFailure(error)) throw error;
        // Until the next measurement: the reads after this one go straight to the primary.
        const at = now();
        current = {
          at,
          state: { configured: true, maxLagSeconds, reads: 'primary', reason: 'unreachable', lagSeconds: null, checkedAt: new Date(at).toISOString() },
        };
        return work(primary.db);
      }
    },
    state,
    close: async () => {
      await inFlight?.catch(() => undefined);
      await replica.destroy();
    },
  };
}
