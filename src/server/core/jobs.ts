import { performance } from 'node:perf_hooks';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { sql } from 'kysely';
import type { LocalisedText } from '../../shared/i18n/messages.js';
import { dialectOf, type Database, type Tx } from '../db/database.js';
import { nowIso } from '../db/time.js';
import type { AppDeps } from './deps.js';

/**
 * A job that runs in-process on every app instance. `runKey` names one run (for a daily job, the
 * Asia/Shanghai date): the first instance to insert (name, runKey) into job_runs does the work, the others
 * skip it, so several processes never run the same run twice. The work itself must still be idempotent: a
 * process that dies half-way leaves a run that is retried after `staleAfterMs`, and a run that failed is
 * retried after the same delay.
 */
export interface ScheduledJob {
  name: string;
  /** When it runs, in words (the admin console shows it): `每日 09:00（北京时间）` / `Daily at 09:00 (Shanghai)`. */
  schedule: LocalisedText;
  /** Which run is due now, or null when nothing is due (e.g. before the release hour). */
  runKey(now: Date): string | null;
  /** `log` is the scheduler's logger: what a job finds wrong (not only what fails) belongs in the job log. */
  run(deps: AppDeps, now: Date, log: FastifyBaseLogger): Promise<void>;
}

export type JobOutcome = 'ok' | 'failed' | 'running';

// Runs started outside the scheduler (tests, a CLI) have no job log unless they pass one.
const NO_LOG: FastifyBaseLogger = pino({ level: 'silent' });

/** A running run older than this is taken to be dead (its process stopped); a failed run is retried after it. */
export const STALE_AFTER_MS = 15 * 60_000;
/** Long enough for a stack's first line and a database error's detail; job_runs is not a log. */
export const MAX_ERROR_LENGTH = 1000;
/** Run keys of runs started by hand; never produced by a schedule, so the scheduled run still happens. */
export const MANUAL_KEY_PREFIX = 'manual:';

async function claimRun(database: Database, name: string, runKey: string): Promise<boolean> {
  const inserted = await database.db
    .insertInto('job_runs')
    .values({ name, run_key: runKey, started_at: nowIso(), finished_at: null, outcome: 'running', attempts: 1 })
    .onConflict((oc) => oc.columns(['name', 'run_key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
  // Take over a run whose process died before finishing it, or retry one that failed.
  const retryBefore = new Date(Date.now() - STALE_AFTER_MS).toISOString();
  const taken = await database.db
    .updateTable('job_runs')
    .set((eb) => ({
      started_at: nowIso(),
      finished_at: null,
      outcome: 'running',
      duration_ms: null,
      attempts: eb(eb.fn.coalesce('attempts', eb.lit(1)), '+', 1),
    }))
    .where('name', '=', name)
    .where('run_key', '=', runKey)
    .where((eb) =>
      eb.or([
        eb.and([eb('finished_at', 'is', null), eb('started_at', '<', retryBefore)]),
        eb.and([eb('outcome', '=', 'failed'), eb('finished_at', '<', retryBefore)]),
      ]),
    )
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/** Runs the claimed run (name, key) and records its outcome, duration and (failed) error; rethrows a failure. */
async function execute(deps: AppDeps, job: ScheduledJob, key: string, now: Date, log: FastifyBaseLogger): Promise<void> {
  const started = performance.now();
  const finish = (outcome: JobOutcome, error?: string) =>
    deps.database.db
      .updateTable('job_runs')
      .set({ finished_at: nowIso(), outcome, duration_ms: Math.round(performance.now() - started), ...(error === undefined ? {} : { error }) })
      .where('name', '=', job.name)
      .where('run_key', '=', key)
      .execute();
  try {
    await job.run(deps, now, log);
  } catch (err) {
    await finish('failed', errorText(err));
    throw err;
  }
  await finish('ok');
}

export async function runJobOnce(deps: AppDeps, job: ScheduledJob, now = new Date(), log: FastifyBaseLogger = NO_LOG): Promise<boolean> {
  const key = job.runKey(now);
  if (!key || !(await claimRun(deps.database, job.name, key))) return false;
  await execute(deps, job, key, now, log);
  return true;
}

/** Whether a run of the job is under way (started and neither finished nor given up as dead). */
export async function jobInFlight(db: Database['db'] | Tx, name: string, except?: string): Promise<boolean> {
  let q = db
    .selectFrom('job_runs')
    .select('run_key')
    .where('name', '=', name)
    .where('finished_at', 'is', null)
    .where('started_at', '>=', new Date(Date.now() - STALE_AFTER_MS).toISOString());
  if (except !== undefined) q = q.where('run_key', '<>', except);
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}

/**
 * Claims a run by hand inside the caller's transaction (so the caller's audit record commits with it), under a
 * key of its own. Returns null when a run of the job is in flight. On PostgreSQL a transaction-scoped advisory
 * lock per job makes two requests at once see each other's claim; SQLite has one writer anyway.
 */
export async function claimManualRun(tx: Tx, name: string, requestedBy: number | null, now = new Date()): Promise<string | null> {
  if (dialectOf(tx) === 'postgres') await sql`select pg_advisory_xact_lock(hashtext(${`job_runs:${name}`}))`.execute(tx);
  const key = `${MANUAL_KEY_PREFIX}${now.toISOString()}`;
  if (await jobInFlight(tx, name)) return null;
  const inserted = await tx
    .insertInto('job_runs')
    .values({ name, run_key: key, started_at: nowIso(), finished_at: null, outcome: 'running', attempts: 1, requested_by: requestedBy })
    .onConflict((oc) => oc.columns(['name', 'run_key']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? key : null;
}

/** Runs a run claimed by `claimManualRun` (after its transaction committed); records the outcome, never throws. */
export async function runClaimed(deps: AppDeps, job: ScheduledJob, key: string, now = new Date(), log: FastifyBaseLogger = NO_LOG): Promise<JobOutcome> {
  try {
    await execute(deps, job, key, now, log);
    return 'ok';
  } catch (err) {
    log.error({ err, job: job.name, runKey: key }, 'job run by hand failed');
    return 'failed';
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const HORIZON_MS = 400 * 24 * HOUR;

/**
 * When the scheduler will next start the job, seen at `now`: `now` itself when the current run is due and not
 * yet run (`currentRun` says whether it ran, and a failed one is retried `STALE_AFTER_MS` after it finished);
 * otherwise the first instant at which `runKey` names a run other than the current one. That instant is found by
 * stepping forward (1 min, doubling to at most an hour) and then halving the last step down to the millisecond: about
 * one call of `runKey` per hour ahead (~750 for a month), not one per scheduler tick (~45,000). It assumes what
 * every schedule here is: keys do not come back, and a due window lasts longer than an hour. The scheduler ticks every minute, so the run starts within a
 * minute of the instant. Null when nothing is due within 400 days.
 */
export function nextRunAt(
  job: Pick<ScheduledJob, 'runKey'>,
  now: Date,
  currentRun: { outcome: JobOutcome; finishedAt: string | null } | null = null,
): Date | null {
  const current = job.runKey(now);
  if (current !== null) {
    if (!currentRun) return now;
    if (currentRun.outcome === 'failed' && currentRun.finishedAt) {
      const retry = new Date(Date.parse(currentRun.finishedAt) + STALE_AFTER_MS);
      return retry < now ? now : retry;
    }
  }
  const isNew = (t: number) => {
    const key = job.runKey(new Date(t));
    return key !== null && key !== current;
  };
  const start = now.getTime();
  let before = start;
  let step = MINUTE;
  let at = start + step;
  while (!isNew(at)) {
    if (at - start > HORIZON_MS) return null;
    before = at;
    step = Math.min(step * 2, HOUR);
    at += step;
  }
  while (at - before > 1) {
    const mid = before + Math.floor((at - before) / 2);
    if (isNew(mid)) at = mid;
    else before = mid;
  }
  return new Date(at);
}

/** Ticks every `intervalMs` and runs whatever is due; returns a function that stops it. */
export function startScheduler(deps: AppDeps, jobs: readonly ScheduledJob[], log: FastifyBaseLogger, intervalMs = 60_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const job of jobs) {
        try {
          if (await runJobOnce(deps, job, new Date(), log)) log.info({ job: job.name }, 'scheduled job ran');
        } catch (err) {
          // runJobOnce has recorded the failure (outcome, error, duration) in job_runs.
          log.error({ err, job: job.name }, 'scheduled job failed');
        }
      }
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
