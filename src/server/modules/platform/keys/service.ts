import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { claimManualRun, runClaimed } from '../../../core/jobs.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { keyPolicy } from './policy.js';
import { auditStart, countStale, createRun, keyringOf, reencryptionJob, REENCRYPT_JOB } from './reencrypt.js';
import type { KeyStatusView, ReencryptionRunView } from './schema.js';

const HISTORY = 10;

const ALGORITHMS = {
  aes: { cipher: 'AES-256-GCM', hash: 'SHA-256', keyedHash: 'HMAC-SHA-256' },
  sm: { cipher: 'SM4-CBC + HMAC-SM3', hash: 'SM3', keyedHash: 'HMAC-SM3' },
} as const;

const suiteOf = (s: string): 'aes' | 'sm' => (s === 'sm' ? 'sm' : 'aes');

async function runViews(db: Queryable, where: { id?: number; limit: number }): Promise<ReencryptionRunView[]> {
  let q = db
    .selectFrom('key_reencryption_runs')
    .leftJoin('users', 'users.id', 'key_reencryption_runs.started_by')
    .selectAll('key_reencryption_runs')
    .select('users.username')
    .orderBy('key_reencryption_runs.id', 'desc')
    .limit(where.limit);
  if (where.id !== undefined) q = q.where('key_reencryption_runs.id', '=', where.id);
  const runs = await q.execute();
  if (runs.length === 0) return [];
  const progress = await db
    .selectFrom('key_reencryption_progress')
    .selectAll()
    .where(
      'run_id',
      'in',
      runs.map((r) => Number(r.id)),
    )
    .orderBy('table_name')
    .orderBy('column_name')
    .execute();
  return runs.map((r) => {
    // A value changed by its owner during the run is counted by neither side: done never reads above total.
    const mine = progress
      .filter((p) => Number(p.run_id) === Number(r.id))
      .map((p) => ({ table: p.table_name, column: p.column_name, total: Number(p.total), done: Math.min(Number(p.done), Number(p.total)) }));
    return {
      id: Number(r.id),
      targetVersion: Number(r.target_version),
      targetSuite: suiteOf(r.target_suite),
      status: r.status,
      startedBy: r.username,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      error: r.error,
      total: mine.reduce((n, p) => n + p.total, 0),
      done: mine.reduce((n, p) => n + p.done, 0),
      progress: mine,
    };
  });
}

/** The suite in use, every key version (fingerprints only), what is left to re-seal, and the runs. */
export async function keyStatus(deps: AppDeps, ctx: RequestContext): Promise<KeyStatusView> {
  authorize(ctx.actor, keyPolicy, 'read');
  return readKeyStatus(deps);
}

export async function readKeyStatus(deps: AppDeps): Promise<KeyStatusView> {
  const db = deps.database.db;
  const keyring = keyringOf(deps);
  const configured = new Set(keyring.versions.map((v) => v.version));
  const [versions, stale, history] = await Promise.all([
    db.selectFrom('key_versions').selectAll().orderBy('version', 'desc').execute(),
    countStale(db, keyring),
    runViews(db, { limit: HISTORY }),
  ]);
  return {
    suite: keyring.suite,
    algorithms: { ...ALGORITHMS[keyring.suite] },
    activeVersion: keyring.active.version,
    versions: versions.map((v) => ({
      version: Number(v.version),
      suite: suiteOf(v.suite),
      fingerprint: v.fingerprint,
      state: v.state,
      configured: configured.has(Number(v.version)),
      createdAt: v.created_at,
      retiredAt: v.retired_at,
    })),
    stale: stale.map((s) => ({ table: s.column.table, column: s.column.column, count: s.count })),
    current: history.find((r) => r.status === 'running') ?? null,
    history,
  };
}

/**
 * Starts re-sealing every sealed column with the active suite and key version. The claim (one run at a time, by
 * the jobs kernel), the run with its totals and the audit record commit together; the work goes on in the
 * background and the page follows it. Answers 202 with the run as it starts.
 */
export async function startReencryption(
  deps: AppDeps,
  ctx: RequestContext,
  log?: FastifyBaseLogger,
): Promise<{ run: ReencryptionRunView; done: Promise<unknown> }> {
  authorize(ctx.actor, keyPolicy, 'reencrypt');
  return beginReencryption(deps, ctx, log);
}

/**
 * The same, without the role check: for the command line, whose operator holds the keys' configuration anyway
 * (`keys:reencrypt`, audited as `cli`).
 */
export async function beginReencryption(
  deps: AppDeps,
  ctx: RequestContext,
  log?: FastifyBaseLogger,
): Promise<{ run: ReencryptionRunView; done: Promise<unknown> }> {
  const keyring = keyringOf(deps);
  const now = new Date();
  const { key, runId } = await inTransaction(deps.database, async (tx) => {
    const running = await tx.selectFrom('key_reencryption_runs').select('id').where('status', '=', 'running').executeTakeFirst();
    const claimed = running ? null : await claimManualRun(tx, REENCRYPT_JOB, ctx.actor.userId, now);
    if (!claimed) throw new AppError(409, 'REENCRYPTION_RUNNING', 'error.REENCRYPTION_RUNNING');
    const id = await createRun(tx, keyring, ctx.actor.userId);
    const [run] = await runViews(tx, { id, limit: 1 });
    await auditStart(tx, ctx, id, keyring, run!.total);
    return { key: claimed, runId: id };
  });
  const done = runClaimed(deps, reencryptionJob(runId), key, now, log);
  const [run] = await runViews(deps.database.db, { id: runId, limit: 1 });
  return { run: run!, done };
}
