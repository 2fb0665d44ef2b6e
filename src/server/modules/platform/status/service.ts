import fs from 'node:fs';
import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { STALE_AFTER_MS } from '../../../core/jobs.js';
import { migrationsOf, type QueueProbe } from '../../../core/module.js';
import { authorize } from '../../../core/policy.js';
import type { Database } from '../../../db/database.js';
import type { ResponseStats } from '../../../http/responseStats.js';
import { serviceStatusPolicy } from '../policies/serviceStatus.js';
import type { ServiceStatus } from './schema.js';

const PROCESS_STARTED = new Date(Date.now() - process.uptime() * 1000);

function packageVersion(fallback: string): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL('../../../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : fallback;
  } catch {
    return fallback;
  }
}

/** The platform's own backlogs; every module may add its own (`queues` of its contract). */
export const platformQueues: readonly QueueProbe[] = [
  {
    name: 'platform.jobsInFlight',
    label: { 'zh-CN': '运行中的定时任务', en: 'Scheduled job runs in flight' },
    scope: 'database',
    depth: async (deps) => {
      const r = await deps.database.db
        .selectFrom('job_runs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('finished_at', 'is', null)
        .where('started_at', '>=', new Date(Date.now() - STALE_AFTER_MS).toISOString())
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  },
  {
    // Notifications are only shown in the app (nothing is sent by SMS or mail), so what waits is what is unread.
    name: 'platform.unreadNotifications',
    label: { 'zh-CN': '未读站内通知', en: 'Unread in-app notifications' },
    scope: 'database',
    depth: async (deps) => {
      const r = await deps.database.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
  },
];

async function databaseSize(deps: AppDeps): Promise<ServiceStatus['database']> {
  const { database, config } = deps;
  if (database.dialect === 'postgres') {
    const r = await sql<{ size: number }>`select pg_database_size(current_database()) as size`.execute(database.db);
    return { kind: 'postgres', sizeBytes: Number(r.rows[0]?.size ?? 0), fileBytes: null };
  }
  const r = await sql<{ size: number }>`select page_count * page_size as size from pragma_page_count(), pragma_page_size()`.execute(database.db);
  const file = config.databaseUrl.replace(/^sqlite:(\/\/)?/, '');
  const onDisk = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  const fileBytes = file && file !== ':memory:' ? onDisk(file) + onDisk(`${file}-wal`) : null;
  return { kind: 'sqlite', sizeBytes: Number(r.rows[0]?.size ?? 0), fileBytes };
}

/** Which of the installed modules' migrations the database has run (Kysely's own bookkeeping, read only). */
async function migrationState(deps: AppDeps): Promise<ServiceStatus['migrations']> {
  const list = migrationsOf(deps.modules);
  const provider: MigrationProvider = {
    getMigrations: async () => Object.fromEntries(list.map((m): [string, Migration] => [m.name, { up: async () => undefined }])),
  };
  const database: Database = deps.database;
  const migrator = new Migrator({ db: database.db, provider, ...(database.schema ? { migrationTableSchema: database.schema } : {}) });
  const all = await migrator.getMigrations();
  const applied = all.filter((m) => m.executedAt);
  const pending = all.filter((m) => !m.executedAt).map((m) => m.name);
  return { applied: applied.length, pending: pending.length, latest: applied.at(-1)?.name ?? null, pendingNames: pending };
}

export async function serviceStatus(deps: AppDeps, ctx: RequestContext, stats: ResponseStats): Promise<ServiceStatus> {
  authorize(ctx.actor, serviceStatusPolicy, 'read');
  const probes = [...platformQueues, ...deps.modules.flatMap((m) => m.queues ?? [])];
  const [database, replica, migrations, queues] = await Promise.all([
    databaseSize(deps),
    deps.reads.state(),
    migrationState(deps),
    Promise.all(probes.map(async (p) => ({ name: p.name, label: p.label[ctx.locale], scope: p.scope, depth: await p.depth(deps) }))),
  ]);
  return {
    version: packageVersion(deps.config.version),
    node: process.version,
    pid: process.pid,
    startedAt: PROCESS_STARTED.toISOString(),
    uptimeSeconds: Math.floor(process.uptime()),
    now: new Date().toISOString(),
    database,
    replica,
    migrations,
    queues,
    serverErrors: { scope: 'process', since: stats.since, ...stats.serverErrors() },
  };
}
