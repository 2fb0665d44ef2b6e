import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ModuleMigration } from '../db/migrations.js';
import type { LocalisedText } from '../../shared/i18n/messages.js';
import type { MessageKey } from './messages.js';
import type { RequestContext } from './context.js';
import type { AppDeps } from './deps.js';
import type { DictionaryDefinition, DictionaryUsageChecker, ExtensionName, ExtensionPoints } from './extensions.js';
import type { ParameterDefinition } from './parameters.js';
import type { ScheduledJob } from './jobs.js';
import type { MetricDefinition, MetricFamily } from './metrics.js';

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

/**
 * A backlog the service status page reports: how many things wait to be worked (imports queued, claims waiting in
 * this process's batcher). `scope` says whether the number is the whole installation's (database) or this process's.
 */
export interface QueueProbe {
  /** Stable, prefixed by the module (`plan.imports`). */
  name: string;
  label: LocalisedText;
  scope: 'database' | 'process';
  depth(deps: AppDeps): Promise<number>;
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

/** A module's resource plugin: registers its own routes with its dependencies passed in. */
export type ModulePlugin = FastifyPluginAsyncZod<ModuleOptions>;

/** Loads data at start-up; idempotent, safe from several processes at once. */
export type Seeder = (deps: AppDeps) => Promise<unknown>;

/**
 * The contract of a server module: everything the rest of the system learns about it, declared in its own
 * `index.ts`. The composition root (`modules/index.ts`, one line per module) lists the modules; routes,
 * migrations, seeds, jobs, metrics, notices, grant domains and extension points are all read from here, and its
 * table types join the database schema by declaration merging (see `db/schema.ts`). Nothing about a module is
 * written anywhere else.
 */
export interface HuanxinModule {
  /** Lower-case, the folder name; prefixes its jobs (`tradein.daily-release`) and its audit chains. */
  name: string;
  plugin: FastifyPluginAsyncZod<ModuleRootOptions>;
  /** Forward-only, named as db/migrations.ts says. */
  migrations: readonly ModuleMigration[];
  /** Its messages, zh-CN and en side by side (`<name>/messages.ts`, which also registers them for translate). */
  messages?: Readonly<Record<string, LocalisedText>>;
  seed?: {
    /** Reference data every installation has (loaded at every start, after the platform's organisations). */
    reference?: Seeder;
    /** Demo data, when demo data is on (after the demo accounts). */
    demo?: Seeder;
  };
  /** In-process scheduled jobs (daily releases, reminders), safe with several app processes. */
  jobs?: readonly ScheduledJob[];
  /** Aggregates the module offers the plan's computed indicators (registered by name at start-up). */
  metrics?: readonly MetricDefinition[];
  /** Metrics whose names are data (`ledgers.<kind>.<figure>`, a ledger kind defined at run time): prefix = the module's name. */
  metricFamilies?: readonly MetricFamily[];
  /** Notices for the home page (read by the platform module's GET /api/home/notices). */
  homeNotices?: readonly HomeNoticeProvider[];
  /** Grant domains the module's policies answer to (kept by the platform module's /api/grants). */
  grantDomains?: readonly GrantDomain[];
  /** Backlogs shown on the service status page (platform/status). */
  queues?: readonly QueueProbe[];
  /** Extension points the module calls, each with the implementation it falls back to when no module provides one. */
  uses?: Partial<ExtensionPoints>;
  /** Extension points the module implements for others. */
  provides?: Partial<ExtensionPoints>;
  /** Code lists the module owns (kept by the platform's /api/dictionaries, seeded at every start). */
  dictionaries?: readonly DictionaryDefinition[];
  /** How many of the module's records use a dictionary's codes: a code in use can be disabled, not deleted. */
  dictionaryUsage?: readonly DictionaryUsageChecker[];
  /** Values safe to change at run time (keys `<name>.…`), read through `deps.parameters`. */
  parameters?: readonly ParameterDefinition[];
}

/** Every module's migrations in one list (names sort in run order; see db/migrations.ts). */
export function migrationsOf(modules: readonly HuanxinModule[]): ModuleMigration[] {
  return modules.flatMap((m) => m.migrations);
}

// A provider may build on the fallback the using module named (`withFallback`), keeping it for what it does not know.
function buildOn(impl: unknown, fallback: unknown): unknown {
  const withFallback = (impl as { withFallback?: (f: unknown) => unknown }).withFallback;
  return typeof withFallback === 'function' && fallback !== undefined ? withFallback.call(impl, fallback) : impl;
}

/**
 * Picks each extension point's implementation: the one a module provides, or else the fallback of a module that
 * uses it. `overrides` (tests, a deployment) win over both.
 */
export function resolveExtensions(modules: readonly HuanxinModule[], overrides: Partial<ExtensionPoints> = {}): ExtensionPoints {
  const chosen: Partial<Record<ExtensionName, unknown>> = {};
  for (const m of modules) for (const [name, impl] of Object.entries(m.uses ?? {})) chosen[name as ExtensionName] ??= impl;
  for (const m of modules)
    for (const [name, impl] of Object.entries(m.provides ?? {})) chosen[name as ExtensionName] = buildOn(impl, chosen[name as ExtensionName]);
  Object.assign(chosen, overrides);
  return chosen as ExtensionPoints;
}

const MODULE_NAME = /^[a-z][a-z0-9]*$/;
const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort().join(',');
const MIGRATION_NAME = /^(\d{4}|\d{8}_\d{4})_[a-z][a-z0-9_]*$/;

/**
 * What is wrong with a set of modules, in words; empty when every contract is complete and nothing collides.
 * The app refuses to start otherwise, and a test runs it over the installed modules.
 */
export function moduleContractProblems(modules: readonly HuanxinModule[]): string[] {
  const problems: string[] = [];
  const seen = <T>(label: string, values: T[]) => {
    const dup = values.filter((v, i) => values.indexOf(v) !== i);
    for (const v of new Set(dup)) problems.push(`${label} declared twice: ${String(v)}`);
  };
  for (const m of modules) {
    if (!MODULE_NAME.test(m.name)) problems.push(`module name "${m.name}" is not a lower-case word`);
    if (typeof m.plugin !== 'function') problems.push(`${m.name}: no routes plugin`);
    for (const mig of m.migrations)
      if (!MIGRATION_NAME.test(mig.name)) problems.push(`${m.name}: migration "${mig.name}" is not named NNNN_… or YYYYMMDD_HHMM_…`);
    for (const job of m.jobs ?? []) if (!job.name.startsWith(`${m.name}.`)) problems.push(`${m.name}: job "${job.name}" is not named ${m.name}.…`);
    for (const job of m.jobs ?? [])
      if (!job.schedule?.['zh-CN']?.trim() || !job.schedule?.en?.trim())
        problems.push(`${m.name}: job "${job.name}" lacks a schedule description in a language`);
    for (const p of m.parameters ?? []) if (!p.key.startsWith(`${m.name}.`)) problems.push(`${m.name}: parameter "${p.key}" is not named ${m.name}.…`);
    for (const f of m.metricFamilies ?? []) if (f.prefix !== m.name) problems.push(`${m.name}: metric family "${f.prefix}" is not named ${m.name}`);
    for (const x of m.metrics ?? [])
      if ((m.metricFamilies ?? []).some((f) => x.name.startsWith(`${f.prefix}.`))) problems.push(`${m.name}: metric ${x.name} is inside its own family`);
  }
  for (const m of modules)
    for (const [key, text] of Object.entries(m.messages ?? {})) {
      if (!text['zh-CN']?.trim() || !text.en?.trim()) problems.push(`${m.name}: message ${key} lacks a language`);
      else if (placeholders(text['zh-CN']) !== placeholders(text.en)) problems.push(`${m.name}: message ${key} has different placeholders in zh-CN and en`);
    }
  seen(
    'module',
    modules.map((m) => m.name),
  );
  seen(
    'message',
    modules.flatMap((m) => Object.keys(m.messages ?? {})),
  );
  seen(
    'migration',
    modules.flatMap((m) => m.migrations.map((x) => x.name)),
  );
  seen(
    'job',
    modules.flatMap((m) => (m.jobs ?? []).map((j) => j.name)),
  );
  seen(
    'metric',
    modules.flatMap((m) => (m.metrics ?? []).map((x) => x.name)),
  );
  seen(
    'grant domain',
    modules.flatMap((m) => (m.grantDomains ?? []).map((d) => d.domain)),
  );
  seen(
    'parameter',
    modules.flatMap((m) => (m.parameters ?? []).map((p) => p.key)),
  );
  seen(
    'dictionary',
    modules.flatMap((m) => (m.dictionaries ?? []).map((d) => d.code)),
  );
  seen(
    'provided extension',
    modules.flatMap((m) => Object.keys(m.provides ?? {})),
  );
  return problems;
}
