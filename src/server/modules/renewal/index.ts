import type { AppDeps } from '../../core/deps.js';
import type { HuanxinModule } from '../../core/module.js';
import { renewalMessages } from './messages.js';
import { renewalMigrations } from './migrations.js';
import './tables.js';
import { seedDefaultGrants, type DefaultGrant } from '../platform/grants/service.js';
import { renewalMetrics } from './metrics.js';
import { projectsParameters } from './projects/parameters.js';
import { projectsRoutes } from './projects/routes.js';
import { seedProjectsDemo } from './projects/seed.js';
import { fundingParameters } from './funding/parameters.js';
import { fundingRoutes } from './funding/routes.js';
import { seedFundingDemo } from './funding/seed.js';
import { projectsDictionaries } from './projects/dictionaries.js';
import { fundingDictionaries } from './funding/dictionaries.js';
import { fundingSourceUsage } from './funding/dictionaryUsage.js';
import { projectsDictionaryUsage } from './projects/dictionaryUsage.js';
import { projectImportRecoveryJob } from './projects/importRecovery.js';

/** 市工信局 approves projects into the library and 市财政局 records payments; the first time only, so the office's changes stay. */
const DEFAULT_GRANTS: readonly DefaultGrant[] = [
  { organization: '市工信局', capability: 'manage' },
  { organization: '市财政局', capability: 'confirm_payment' },
];

async function seedReference(deps: AppDeps): Promise<void> {
  await seedDefaultGrants(deps, 'renewal', DEFAULT_GRANTS);
}

async function seedDemo(deps: AppDeps): Promise<void> {
  await seedProjectsDemo(deps);
  await seedFundingDemo(deps);
}

/**
 * Equipment renewal (the plan's 二(一)): technical-retrofit and renewal projects through their approval into the
 * project library and completion, and the funding each draws from the named sources.
 */
export const renewalModule: HuanxinModule = {
  name: 'renewal',
  messages: renewalMessages,
  migrations: renewalMigrations,
  // 市工信局 approves projects into the library (or the sector's department); 市发改局 and 市财政局 keep funding.
  grantDomains: [{ domain: 'renewal', capabilities: ['manage', 'confirm_payment'] }],
  parameters: [...projectsParameters, ...fundingParameters],
  seed: { reference: seedReference, demo: seedDemo },
  metrics: renewalMetrics,
  dictionaries: [...projectsDictionaries, ...fundingDictionaries],
  dictionaryUsage: [...projectsDictionaryUsage, fundingSourceUsage],
  jobs: [projectImportRecoveryJob],
  plugin: async (app, opts) => {
    await app.register(projectsRoutes, { deps: opts.deps });
    await app.register(fundingRoutes, { deps: opts.deps });
  },
};
