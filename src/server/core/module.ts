import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleMigration } from '../db/migrations.js';
import type { AppDeps } from './deps.js';
import type { ScheduledJob } from './jobs.js';
import type { MetricDefinition } from './metrics.js';

export interface ModuleOptions {
  deps: AppDeps;
}

/** A module plugin: registers its own routes with its dependencies passed in. */
export type ModulePlugin = FastifyPluginAsyncZod<ModuleOptions>;

export interface HuanxinModule {
  name: string;
  plugin: ModulePlugin;
  migrations: readonly ModuleMigration[];
  /** In-process scheduled jobs (daily releases, reminders), safe with several app processes. */
  jobs?: readonly ScheduledJob[];
  /** Aggregates the module offers the plan's computed indicators (registered by name at start-up). */
  metrics?: readonly MetricDefinition[];
}
