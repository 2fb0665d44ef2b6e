import type { ModuleMigration } from '../../../db/migrations.js';

/**
 * How each job run ended, how long it took and why it failed, for the admin console. Until now a failed run left
 * `finished_at` empty (and was retried as if its process had died); finished rows are read as ok, unfinished ones
 * as running. Markers written by seeds (`name = 'seed'`) keep working without the new columns.
 */
export const jobMigrations: ModuleMigration[] = [
  {
    name: '20261201_1206_platform_job_runs_outcome',
    async up(db) {
      await db.schema.alterTable('job_runs').addColumn('outcome', 'text').execute();
      await db.schema.alterTable('job_runs').addColumn('duration_ms', 'bigint').execute();
      await db.schema.alterTable('job_runs').addColumn('error', 'text').execute();
      await db.schema.alterTable('job_runs').addColumn('attempts', 'integer').execute();
      await db.schema.alterTable('job_runs').addColumn('requested_by', 'bigint').execute();
      await db.updateTable('job_runs').set({ outcome: 'ok', attempts: 1 }).where('finished_at', 'is not', null).execute();
      await db.updateTable('job_runs').set({ outcome: 'running', attempts: 1 }).where('finished_at', 'is', null).execute();
      // The console reads each job's latest runs and its history, newest first.
      await db.schema.createIndex('job_runs_name_started').on('job_runs').columns(['name', 'started_at']).execute();
    },
  },
];
