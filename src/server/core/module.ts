import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleMigration } from '../db/migrations.js';
import type { MessageKey } from '../../shared/i18n/messages.js';
import type { RequestContext } from './context.js';
import type { AppDeps } from './deps.js';
import type { ScheduledJob } from './jobs.js';
import type { MetricDefinition } from './metrics.js';

/**
 * Something the signed-in user should know on opening the home page (a programme about to end, next year's
 * working calendar missing). A provider answers for the actor in front of it: it shows a notice only to those who
 * can act on it. Computed on request from the records, so it is never stale and needs no clearing.
 */
export interface HomeNotice {
  /** Stable per notice (`tradein.program-ending:12`), for the page's keys and the tests. */
  key: string;
  level: 'info' | 'warning' | 'error';
  messageKey: MessageKey;
  params?: Record<string, string | number>;
  /** Where the user acts on it, a path of the web app. */
  link?: string | null;
}

export type HomeNoticeProvider = (deps: AppDeps, ctx: RequestContext, now: Date) => Promise<HomeNotice[]>;

/**
 * A domain in which the office grants departments capabilities (`manage`, `confirm_payment`), declared by the
 * module that owns it; the platform keeps the grants and accepts only declared domains and capabilities.
 */
export interface GrantDomain {
  domain: string;
  capabilities: readonly ('manage' | 'confirm_payment')[];
}

/** What the composition root collects from every module and hands to each module plugin. */
export interface ModuleExtensions {
  homeNotices: readonly HomeNoticeProvider[];
  grantDomains: readonly GrantDomain[];
}

export interface ModuleOptions {
  deps: AppDeps;
}

/** A module's root plugin is also given what the other modules offer it. */
export interface ModuleRootOptions extends ModuleOptions {
  extensions: ModuleExtensions;
}

/** A module plugin: registers its own routes with its dependencies passed in. */
export type ModulePlugin = FastifyPluginAsyncZod<ModuleOptions>;

export interface HuanxinModule {
  name: string;
  plugin: FastifyPluginAsyncZod<ModuleRootOptions>;
  migrations: readonly ModuleMigration[];
  /** In-process scheduled jobs (daily releases, reminders), safe with several app processes. */
  jobs?: readonly ScheduledJob[];
  /** Aggregates the module offers the plan's computed indicators (registered by name at start-up). */
  metrics?: readonly MetricDefinition[];
  /** Notices for the home page (read by the platform module's GET /api/home/notices). */
  homeNotices?: readonly HomeNoticeProvider[];
  /** Grant domains the module's policies answer to (kept by the platform module's /api/grants). */
  grantDomains?: readonly GrantDomain[];
}
