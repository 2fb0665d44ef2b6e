import { z } from 'zod';

export const queueView = z.object({
  name: z.string(),
  label: z.string(),
  /** `database`: the whole installation's; `process`: this app process's only. */
  scope: z.enum(['database', 'process']),
  depth: z.number().int(),
});

export const serviceStatusView = z.object({
  version: z.string(),
  node: z.string(),
  pid: z.number().int(),
  startedAt: z.string(),
  uptimeSeconds: z.number().int(),
  now: z.string(),
  database: z.object({
    kind: z.enum(['sqlite', 'postgres']),
    /** Pages in use × page size (SQLite), pg_database_size (PostgreSQL). */
    sizeBytes: z.number().int().nullable(),
    /** SQLite only: the database file and its write-ahead log on disk. */
    fileBytes: z.number().int().nullable(),
  }),
  /** The streaming replica dashboards, exports and public lists read from (DATABASE_REPLICA_URL), as last measured. */
  replica: z.object({
    configured: z.boolean(),
    maxLagSeconds: z.number(),
    /** Null when not configured, unreachable or unknown. */
    lagSeconds: z.number().nullable(),
    /** Where those reads go now: the replica, or the primary when it fell back (or none is configured). */
    reads: z.enum(['replica', 'primary']),
    reason: z.enum(['unreachable', 'lagging', 'not_standby', 'not_receiving', 'lag_unknown']).nullable(),
    checkedAt: z.string().nullable(),
  }),
  migrations: z.object({ applied: z.number().int(), pending: z.number().int(), latest: z.string().nullable(), pendingNames: z.array(z.string()) }),
  queues: z.array(queueView),
  /** 5xx answers of this process (counted in memory since it started; other processes count their own). */
  serverErrors: z.object({ scope: z.literal('process'), since: z.string(), lastHour: z.number().int(), last24h: z.number().int() }),
});
export type ServiceStatus = z.infer<typeof serviceStatusView>;
