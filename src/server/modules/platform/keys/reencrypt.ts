import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../../../core/deps.js';
import { systemContext, type RequestContext } from '../../../core/context.js';
import type { KeyringSealer } from '../../../core/crypto.js';
import { createKeyring, sealedPrefix, type Keyring } from '../../../core/cryptoSuites.js';
import { jobInFlight, type ScheduledJob } from '../../../core/jobs.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../audit/auditTrail.js';
import { sealedColumns, type AnyDb, type SealedColumn } from './registry.js';

export const REENCRYPT_JOB = 'platform.keys.reencrypt';
/** Values re-sealed per transaction: small enough that a batch never holds its rows' locks for long. */
export const REENCRYPT_BATCH = 200;
const EVERY_MS = 5 * 60_000;

export function keyringOf(deps: AppDeps): Keyring {
  const sealer = deps.sealer as Partial<KeyringSealer>;
  return sealer.keyring ?? createKeyring(deps.config.cryptoSuite, deps.config.encryptionKeys);
}

function stale(db: AnyDb | Tx, c: SealedColumn, prefix: string) {
  return (db as AnyDb).selectFrom(c.table).where(c.column, 'is not', null).where(c.column, 'not like', `${prefix}%`);
}

/** Values of each sealed column not yet in the active suite and version. */
export async function countStale(db: Queryable, keyring: Keyring): Promise<{ column: SealedColumn; count: number }[]> {
  const prefix = sealedPrefix(keyring.suite, keyring.active.version);
  const columns = await sealedColumns(db);
  return Promise.all(
    columns.map(async (column) => {
      const row = await stale(db as AnyDb, column, prefix)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      return { column, count: Number(row.n) };
    }),
  );
}

/** Creates the run and its progress rows (totals counted now) inside the caller's transaction. */
export async function createRun(tx: Tx, keyring: Keyring, startedBy: number | null): Promise<number> {
  const run = await tx
    .insertInto('key_reencryption_runs')
    .values({
      target_version: keyring.active.version,
      target_suite: keyring.suite,
      status: 'running',
      started_by: startedBy,
      started_at: nowIso(),
      finished_at: null,
      error: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const counts = await countStale(tx, keyring);
  if (counts.length)
    await tx
      .insertInto('key_reencryption_progress')
      .values(counts.map((c) => ({ run_id: Number(run.id), table_name: c.column.table, column_name: c.column.column, total: c.count, done: 0 })))
      .execute();
  return Number(run.id);
}

/**
 * Re-seals one column in batches, each in its own transaction with its progress. A value is replaced only where
 * it is still the value read (`where col = old`): a row a user changed meanwhile was sealed with the active key
 * anyway, and the same ciphertext copied into several rows is replaced in all of them at once. Nothing of an
 * interrupted run is lost: a later run (or the resumption below) starts from the values still stale.
 */
async function resealColumn(deps: AppDeps, keyring: Keyring, runId: number, c: SealedColumn): Promise<void> {
  const prefix = sealedPrefix(keyring.suite, keyring.active.version);
  for (;;) {
    const values = await stale(deps.database.db as AnyDb, c, prefix)
      .select(`${c.column} as v`)
      .distinct()
      .limit(REENCRYPT_BATCH)
      .execute();
    if (values.length === 0) return;
    await inTransaction(deps.database, async (tx) => {
      let changed = 0;
      for (const { v } of values as { v: string }[]) {
        const fresh = keyring.seal(keyring.open(v));
        const r = await (tx as AnyDb)
          .updateTable(c.table)
          .set({ [c.column]: fresh })
          .where(c.column, '=', v)
          .executeTakeFirst();
        changed += Number(r.numUpdatedRows);
      }
      await tx
        .updateTable('key_reencryption_progress')
        .set((eb) => ({ done: eb('done', '+', changed) }))
        .where('run_id', '=', runId)
        .where('table_name', '=', c.table)
        .where('column_name', '=', c.column)
        .execute();
    });
  }
}

/** Runs (or resumes) a run to its end: every column re-sealed, then every other key version retired (audited). */
export async function processRun(deps: AppDeps, runId: number, log?: FastifyBaseLogger): Promise<void> {
  const keyring = keyringOf(deps);
  const ctx = systemContext('platform.keys');
  try {
    const columns = await sealedColumns(deps.database.db);
    for (const c of columns) await resealColumn(deps, keyring, runId, c);
    await inTransaction(deps.database, async (tx) => {
      const left = (await countStale(tx, keyring)).reduce((n, c) => n + c.count, 0);
      if (left > 0) throw new Error(`${left} sealed values are still not in key version ${keyring.active.version}`);
      const progress = await tx.selectFrom('key_reencryption_progress').select(['done']).where('run_id', '=', runId).execute();
      const retired = await tx
        .updateTable('key_versions')
        .set({ state: 'retired', retired_at: nowIso() })
        .where('version', '<>', keyring.active.version)
        .where('state', '<>', 'retired')
        .returning('version')
        .execute();
      await tx.updateTable('key_reencryption_runs').set({ status: 'done', finished_at: nowIso() }).where('id', '=', runId).execute();
      await appendAudit(tx, ctx, {
        entity: 'key_reencryption',
        entityId: runId,
        action: 'finish',
        after: {
          version: keyring.active.version,
          suite: keyring.suite,
          resealed: progress.reduce((n, p) => n + Number(p.done), 0),
          retired: retired.map((r) => Number(r.version)),
        },
      });
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log?.error({ err, runId }, 're-encryption run failed');
    await inTransaction(deps.database, async (tx) => {
      await tx
        .updateTable('key_reencryption_runs')
        .set({ status: 'failed', finished_at: nowIso(), error: message.slice(0, 1000) })
        .where('id', '=', runId)
        .execute();
      await appendAudit(tx, ctx, { entity: 'key_reencryption', entityId: runId, action: 'fail', after: { error: message.slice(0, 300) } });
    });
    throw err;
  }
}

/** The job a run started by hand runs as (same name, so the jobs console and `jobInFlight` see it). */
export function reencryptionJob(runId: number): ScheduledJob {
  return { ...reencryptResumeJob, run: (deps, _now, log) => processRun(deps, runId, log) };
}

/**
 * Every 5 minutes: resumes a run whose process stopped (a restart, a crash) — one still `running` with no run of
 * the job in flight — from the values still stale. Does nothing otherwise.
 */
export const reencryptResumeJob: ScheduledJob = {
  name: REENCRYPT_JOB,
  schedule: {
    'zh-CN': '按需（安全管理员发起）；中断的运行每 5 分钟续做',
    en: 'On demand (security administrator); an interrupted run resumes within 5 minutes',
  },
  runKey: (now) => new Date(Math.floor(now.getTime() / EVERY_MS) * EVERY_MS).toISOString(),
  async run(deps, now, log) {
    const open = await deps.database.db
      .selectFrom('key_reencryption_runs')
      .select('id')
      .where('status', '=', 'running')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (!open) return;
    if (await jobInFlight(deps.database.db, REENCRYPT_JOB, reencryptResumeJob.runKey(now)!)) return;
    await processRun(deps, Number(open.id), log);
  },
};

/** Starting a run, audited with its claim; the work itself is done by the caller after the commit. */
export async function auditStart(tx: Tx, ctx: RequestContext, runId: number, keyring: Keyring, totals: number): Promise<void> {
  await appendAudit(tx, ctx, {
    entity: 'key_reencryption',
    entityId: runId,
    action: 'start',
    after: { version: keyring.active.version, suite: keyring.suite, values: totals },
  });
}
