import type { Config } from './config.js';
import { createSuiteSealer } from './core/crypto.js';
import type { AppDeps } from './core/deps.js';
import type { ExtensionPoints } from './core/extensions.js';
import { moduleContractProblems, resolveExtensions, type HuanxinModule } from './core/module.js';
import { createDiskStorage } from './core/storage.js';
import { createDatabase, type DatabaseOptions } from './db/database.js';
import { migrateToLatest } from './db/migrations.js';
import { createReadRouter } from './db/replica.js';
import { MODULES } from './modules/index.js';
import { seedDemo, type DemoAccount } from './modules/platform/seed/seedDemo.js';
import { createParameterReader } from './modules/platform/parameters/reader.js';
import { useAuditHashSuite } from './modules/platform/audit/auditTrail.js';
import { syncKeyVersions } from './modules/platform/keys/registry.js';

export interface RuntimeOptions {
  /** The modules to run: the installed ones by default (a test may add an example module). */
  modules?: readonly HuanxinModule[];
  /** Extension points to use whatever the modules provide (tests). */
  extensions?: Partial<ExtensionPoints>;
}

/** The dependencies every module is given, for one installation; refuses modules whose contracts are incomplete. */
export function createDeps(config: Config, dbOptions: DatabaseOptions = {}, options: RuntimeOptions = {}): AppDeps {
  const modules = options.modules ?? MODULES;
  const problems = moduleContractProblems(modules);
  if (problems.length) throw new Error(`module contracts are incomplete:\n  ${problems.join('\n  ')}`);
  const primary = createDatabase(config.databaseUrl, { poolSize: config.pgPoolSize, ...dbOptions });
  const reads = createReadRouter(primary, {
    url: config.replicaUrl,
    maxLagSeconds: config.replicaMaxLagSeconds,
    schema: primary.schema,
    poolSize: dbOptions.poolSize ?? config.pgPoolSize,
  });
  // Every stop path (serve, the CLI, tests, benches) closes the database; the replica's pool goes with it.
  const database = {
    ...primary,
    close: async () => {
      await reads.close();
      await primary.close();
    },
  };
  // The audit trail's append functions keep their signatures (~80 callers): the suite is set for the process.
  useAuditHashSuite(config.cryptoSuite);
  return {
    config,
    database,
    reads,
    // The configured suite seals with the highest key version; every configured version (and suite) still opens.
    sealer: createSuiteSealer(config.cryptoSuite, config.encryptionKeys, config.lookupKey),
    storage: createDiskStorage(config.uploadDir),
    extensions: resolveExtensions(modules, options.extensions),
    modules,
    parameters: createParameterReader(database, config, modules),
  };
}

export interface PrepareReport {
  migrationsApplied: string[];
  demoAccounts: DemoAccount[] | null;
}

/**
 * Brings a database up to date: every module's migrations, then each module's reference data (the platform's
 * organisations first), and (when enabled) demo data — the accounts on first start and, when asked (`serve`,
 * `seed --demo`), the modules' demo programmes around today at every start. Tests take the accounts without the
 * demo programmes, so what they count is what they made.
 */
export async function prepareDatabase(deps: AppDeps, options: { demo: boolean; demoProgrammes?: boolean }): Promise<PrepareReport> {
  const migrations = await migrateToLatest(
    deps.database,
    deps.modules.flatMap((m) => m.migrations),
  );
  // Key versions as configured (a key that does not match its registered fingerprint refuses the start).
  if (deps.modules.some((m) => m.name === 'platform')) await syncKeyVersions(deps);
  // Loaded before anything is served: after this, a read inside a transaction never waits for a query (reader.ts).
  await deps.parameters.refresh();
  for (const m of deps.modules) await m.seed?.reference?.(deps);
  const demoAccounts = options.demo ? await seedDemo(deps) : null;
  if (options.demo && options.demoProgrammes) for (const m of deps.modules) await m.seed?.demo?.(deps);
  return { migrationsApplied: migrations.applied, demoAccounts };
}
