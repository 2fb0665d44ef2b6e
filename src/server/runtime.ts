import type { Config } from './config.js';
import { createSealer } from './core/crypto.js';
import type { AppDeps } from './core/deps.js';
import { createDiskStorage } from './core/storage.js';
import { createDatabase, type DatabaseOptions } from './db/database.js';
import { migrateToLatest } from './db/migrations.js';
import { ALL_MIGRATIONS } from './modules/migrations.js';
import { seedReferenceOrganizations } from './modules/platform/seed/seedReference.js';
import { seedDemo, type DemoAccount } from './modules/platform/seed/seedDemo.js';
import { DEMO_SEEDERS, REFERENCE_SEEDERS } from './modules/seeders.js';

export function createDeps(config: Config, dbOptions: DatabaseOptions = {}): AppDeps {
  return {
    config,
    database: createDatabase(config.databaseUrl, { poolSize: config.pgPoolSize, ...dbOptions }),
    sealer: createSealer(config.encryptionKey, config.lookupKey),
    storage: createDiskStorage(config.uploadDir),
  };
}

export interface PrepareReport {
  migrationsApplied: string[];
  demoAccounts: DemoAccount[] | null;
}

/**
 * Brings a database up to date: migrations, reference data, and (when enabled) demo data — the accounts on first
 * start and, when asked (`serve`, `seed --demo`), the modules' demo programmes around today at every start. Tests
 * take the accounts without the demo programmes, so what they count is what they made.
 */
export async function prepareDatabase(deps: AppDeps, options: { demo: boolean; demoProgrammes?: boolean }): Promise<PrepareReport> {
  const migrations = await migrateToLatest(deps.database, ALL_MIGRATIONS);
  await seedReferenceOrganizations(deps.database);
  for (const seeder of REFERENCE_SEEDERS) await seeder(deps);
  const demoAccounts = options.demo ? await seedDemo(deps) : null;
  if (options.demo && options.demoProgrammes) for (const seeder of DEMO_SEEDERS) await seeder(deps);
  return { migrationsApplied: migrations.applied, demoAccounts };
}
