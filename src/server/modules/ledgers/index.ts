import type { AppDeps } from '../../core/deps.js';
import type { HuanxinModule } from '../../core/module.js';
import { ledgersMessages } from './messages.js';
import { ledgersMigrations } from './migrations.js';
import './tables.js';
import { kindsRoutes } from './kinds/routes.js';
import { seedShippedKinds } from './kinds/seed.js';
import { kindsDictionaries } from './kinds/dictionaries.js';
import { assetsRoutes } from './assets/routes.js';
import { seedAssetsDemo } from './assets/seed.js';
import { assetsDictionaryUsage } from './assets/dictionaryUsage.js';
import { importsRoutes } from './imports/routes.js';
import { importsJobs } from './imports/jobs.js';
import { ledgerMetricFamily } from './metrics/family.js';

async function seedReference(deps: AppDeps): Promise<void> {
  await seedShippedKinds(deps);
}

async function seedDemo(deps: AppDeps): Promise<void> {
  await seedAssetsDemo(deps);
}

/**
 * Asset ledgers (台账, the plan's 二(一)4–12): ledger kinds as versioned definitions — fields, what makes an asset
 * old, which events are renewal, which figures the plan reads — and their assets, renewal events and imports.
 * A new ledger is a definition made on a page, not code; its figures are metrics at once (`ledgers.<kind>.<figure>`).
 */
export const ledgersModule: HuanxinModule = {
  name: 'ledgers',
  messages: ledgersMessages,
  migrations: ledgersMigrations,
  // The office grants `manage` to a department that may define new ledger kinds; each kind names its keeper.
  grantDomains: [{ domain: 'ledgers', capabilities: ['manage'] }],
  seed: { reference: seedReference, demo: seedDemo },
  metricFamilies: [ledgerMetricFamily],
  dictionaries: kindsDictionaries,
  dictionaryUsage: assetsDictionaryUsage,
  jobs: importsJobs,
  plugin: async (app, opts) => {
    await app.register(kindsRoutes, { deps: opts.deps });
    await app.register(assetsRoutes, { deps: opts.deps });
    await app.register(importsRoutes, { deps: opts.deps });
  },
};
