import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import {
  claimManualRun,
  jobInFlight,
  MANUAL_KEY_PREFIX,
  nextRunAt,
  runClaimed,
  STALE_AFTER_MS,
  type JobOutcome,
  type ScheduledJob,
} from '../../../core/jobs.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { paginate, type Page } from '../../../http/pagination.js';
import { appendAudit } from '../audit/auditTrail.js';
import { scheduledJobPolicy } from '../policies/scheduledJob.js';
import type { JobRunView, JobView } from './schema.js';

const RECENT_FAILURES = 5;

interface InstalledJob {
  job: ScheduledJob;
  module: string;
}

function installedJobs(deps: AppDeps): InstalledJob[] {
  return deps.modules.flatMap((m) => (m.jobs ?? []).map((job) => ({ job, module: m.name })));
}

function findJob(deps: AppDeps, name: string): InstalledJob {
  const found = installedJobs(deps).find((j) => j.job.name === name);
  if (!found) throw new AppError(404, 'NOT_FOUND', 'error.JOB_NOT_FOUND', { name });
  return found;
}

function runs(db: Queryable) {
  return db
    .selectFrom('job_runs')
    .leftJoin('users', 'users.id', 'job_runs.requested_by')
    .select([
      'job_runs.run_key',
      'job_runs.started_at',
      'job_runs.finished_at',
      'job_runs.outcome',
      'job_runs.duration_ms',
      'job_runs.error',
      'job_runs.attempts',
      'users.username',
    ]);
}

type RunRow = {
  run_key: string;
  started_at: string;
  finished_at: string | null;
  outcome: JobOutcome | null;
  duration_ms: number | null;
  error: string | null;
  attempts: number | null;
  username: string | null;
};

function runView(r: RunRow, now: Date): JobRunView {
  // Rows written before the outcome column (and seeds' markers) say only whether they finished.
  const outcome: JobOutcome = r.outcome ?? (r.finished_at ? 'ok' : 'running');
  return {
    runKey: r.run_key,
    manual: r.run_key.startsWith(MANUAL_KEY_PREFIX),
    requestedBy: r.username,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    outcome,
    stale: outcome === 'running' && Date.parse(r.started_at) < now.getTime() - STALE_AFTER_MS,
    durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
    error: r.error,
    attempts: Number(r.attempts ?? 1),
  };
}

/** Every installed module's jobs: schedule, last run, next run and recent failures (each read by the (name, started_at) index). */
export async function listJobs(deps: AppDeps, ctx: RequestContext, now = new Date()): Promise<{ items: JobView[]; now: string }> {
  authorize(ctx.actor, scheduledJobPolicy, 'list');
  const db = deps.database.db;
  const items = await Promise.all(
    installedJobs(deps).map(async ({ job, module }): Promise<JobView> => {
      const mine = runs(db).where('job_runs.name', '=', job.name);
      const [last, failures, current] = await Promise.all([
        mine.orderBy('job_runs.started_at', 'desc').limit(1).executeTakeFirst(),
        mine.where('job_runs.error', 'is not', null).orderBy('job_runs.started_at', 'desc').limit(RECENT_FAILURES).execute(),
        currentRun(db, job, now),
      ]);
      const next = nextRunAt(job, now, current);
      return {
        name: job.name,
        module,
        schedule: job.schedule[ctx.locale],
        lastRun: last ? runView(last, now) : null,
        nextRunAt: next ? next.toISOString() : null,
        inFlight: await jobInFlight(db, job.name),
        recentFailures: failures.map((r) => runView(r, now)),
      };
    }),
  );
  return { items, now: now.toISOString() };
}

/** The run the schedule names at `now`, if it has been claimed. */
async function currentRun(db: Queryable, job: ScheduledJob, now: Date): Promise<{ outcome: JobOutcome; finishedAt: string | null } | null> {
  const key = job.runKey(now);
  if (key === null) return null;
  const row = await db.selectFrom('job_runs').select(['outcome', 'finished_at']).where('name', '=', job.name).where('run_key', '=', key).executeTakeFirst();
  return row ? { outcome: row.outcome ?? (row.finished_at ? 'ok' : 'running'), finishedAt: row.finished_at } : null;
}

/** One job's runs, newest first. */
export async function listJobRuns(
  deps: AppDeps,
  ctx: RequestContext,
  name: string,
  q: { page: number; pageSize: number; outcome?: JobOutcome | undefined },
): Promise<Page<JobRunView>> {
  authorize(ctx.actor, scheduledJobPolicy, 'list');
  const { job } = findJob(deps, name);
  let base = deps.database.db.selectFrom('job_runs').leftJoin('users', 'users.id', 'job_runs.requested_by').where('job_runs.name', '=', job.name);
  if (q.outcome === 'ok')
    base = base.where((eb) =>
      eb.or([eb('job_runs.outcome', '=', 'ok'), eb.and([eb('job_runs.outcome', 'is', null), eb('job_runs.finished_at', 'is not', null)])]),
    );
  else if (q.outcome === 'running')
    base = base.where((eb) =>
      eb.or([eb('job_runs.outcome', '=', 'running'), eb.and([eb('job_runs.outcome', 'is', null), eb('job_runs.finished_at', 'is', null)])]),
    );
  else if (q.outcome === 'failed') base = base.where('job_runs.outcome', '=', 'failed');
  const now = new Date();
  const page = await paginate(
    base,
    (qb) =>
      qb
        .select([
          'job_runs.run_key',
          'job_runs.started_at',
          'job_runs.finished_at',
          'job_runs.outcome',
          'job_runs.duration_ms',
          'job_runs.error',
          'job_runs.attempts',
          'users.username',
        ])
        .orderBy('job_runs.started_at', 'desc')
        .orderBy('job_runs.run_key', 'desc'),
    q,
  );
  return { ...page, items: page.items.map((r) => runView(r, now)) };
}

/**
 * Runs a job now, by hand, under a run key of its own (the scheduled run of the period still happens). Refused
 * with 409 while a run of the job is in flight. The request is audited when it is claimed, in the same
 * transaction; the run's outcome is in job_runs. Answers when the run has finished.
 */
export async function runJobNow(deps: AppDeps, ctx: RequestContext, name: string, log?: FastifyBaseLogger): Promise<{ run: JobRunView }> {
  authorize(ctx.actor, scheduledJobPolicy, 'runNow', undefined, name);
  const { job } = findJob(deps, name);
  const now = new Date();
  const key = await inTransaction(deps.database, async (tx) => {
    const claimed = await claimManualRun(tx, job.name, ctx.actor.userId, now);
    if (!claimed) throw new AppError(409, 'JOB_RUNNING', 'error.JOB_RUNNING', { name: job.name });
    await appendAudit(tx, ctx, { entity: 'scheduled_job', entityId: job.name, action: 'run_now', after: { runKey: claimed } });
    return claimed;
  });
  await runClaimed(deps, job, key, now, log);
  const row = await runs(deps.database.db).where('job_runs.name', '=', job.name).where('job_runs.run_key', '=', key).executeTakeFirstOrThrow();
  return { run: runView(row, new Date()) };
}
