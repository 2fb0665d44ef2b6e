import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import type { Database } from '../db/database.js';
import { nowIso } from '../db/time.js';
import type { AppDeps } from './deps.js';

/**
 * A job that runs in-process on every app instance. `runKey` names one run (for a daily job, the
 * Asia/Shanghai date): the first instance to insert (name, runKey) into job_runs does the work, the others
 * skip it, so several processes never run the same run twice. The work itself must still be idempotent: a
 * process that dies half-way leaves a run that is retried after `staleAfterMs`.
 */
export interface ScheduledJob {
  name: string;
  /** Which run is due now, or null when nothing is due (e.g. before the release hour). */
  runKey(now: Date): string | null;
  /** `log` is the scheduler's logger: what a job finds wrong (not only what fails) belongs in the job log. */
  run(deps: AppDeps, now: Date, log: FastifyBaseLogger): Promise<void>;
}

// Runs started outside the scheduler (tests, a CLI) have no job log unless they pass one.
const NO_LOG: FastifyBaseLogger = pino({ level: 'silent' });

const STALE_AFTER_MS = 15 * 60_000;

async function claimRun(database: Database, name: string, runKey: string): Promise<boolean> {
  const inserted = await database.db
    .insertInto('job_runs')
    .values({ name, run_key: runKey, started_at: nowIso(), finished_at: null })
    .onConflict((oc) => oc.columns(['name', 'run_key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
  // Take over a run whose process died before finishing it.
  const staleBefore = new Date(Date.now() - STALE_AFTER_MS).toISOString();
  const taken = await database.db
    .updateTable('job_runs')
    .set({ started_at: nowIso() })
    .where('name', '=', name)
    .where('run_key', '=', runKey)
    .where('finished_at', 'is', null)
    .where('started_at', '<', staleBefore)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

export async function runJobOnce(deps: AppDeps, job: ScheduledJob, now = new Date(), log: FastifyBaseLogger = NO_LOG): Promise<boolean> {
  const key = job.runKey(now);
  if (!key || !(await claimRun(deps.database, job.name, key))) return false;
  await job.run(deps, now, log);
  await deps.database.db.updateTable('job_runs').set({ finished_at: nowIso() }).where('name', '=', job.name).where('run_key', '=', key).execute();
  return true;
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
