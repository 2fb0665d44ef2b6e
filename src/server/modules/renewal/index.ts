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
import { surveyParameters } from './survey/parameters.js';
import { surveyRoutes } from './survey/routes.js';
import { seedSurveyDemo } from './survey/seed.js';
import { surveyDictionaries } from './survey/dictionaries.js';
import { standardsParameters } from './standards/parameters.js';
import { standardsRoutes } from './standards/routes.js';
import { seedStandardsDemo } from './standards/seed.js';
import { standardsDictionaries } from './standards/dictionaries.js';
import { surveyDictionaryUsage } from './survey/dictionaryUsage.js';
import { standardsDictionaryUsage } from './standards/dictionaryUsage.js';
import { overviewRoutes } from './overview/routes.js';

/** 市工信局 approves projects into the library and 市财政局 records payments; the first time only, so the office's changes stay. */
const DEFAULT_GRANTS: readonly DefaultGrant[] = [
  { organization: '市工信局', capability: 'manage' },
  { organization: '市财政局', capability: 'confirm_payment' },
];

/** 市市场监管局 confirms the standards local organisations lead or join (四(一)). */
const STANDARDS_GRANTS: readonly DefaultGrant[] = [{ organization: '市市场监管局', capability: 'manage' }];
/** 市科技局 confirms enterprises' yearly R&D investment reports (五(三)). */
const RD_GRANTS: readonly DefaultGrant[] = [{ organization: '市科技局', capability: 'manage' }];

async function seedReference(deps: AppDeps): Promise<void> {
  await seedDefaultGrants(deps, 'renewal', DEFAULT_GRANTS);
  await seedDefaultGrants(deps, 'renewal_standards', STANDARDS_GRANTS);
  await seedDefaultGrants(deps, 'renewal_rd', RD_GRANTS);
}

async function seedDemo(deps: AppDeps): Promise<void> {
  await seedProjectsDemo(deps);
  await seedFundingDemo(deps);
  await seedSurveyDemo(deps);
  await seedStandardsDemo(deps);
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
  grantDomains: [
    { domain: 'renewal', capabilities: ['manage', 'confirm_payment'] },
    // Standards are 市市场监管局's to confirm, R&D reports 市科技局's; certifications, brands and the survey 市工信局's.
    { domain: 'renewal_standards', capabilities: ['manage'] },
    { domain: 'renewal_rd', capabilities: ['manage'] },
  ],
  parameters: [...projectsParameters, ...fundingParameters, ...surveyParameters, ...standardsParameters],
  seed: { reference: seedReference, demo: seedDemo },
  metrics: renewalMetrics,
  dictionaries: [...projectsDictionaries, ...fundingDictionaries, ...surveyDictionaries, ...standardsDictionaries],
  dictionaryUsage: [...projectsDictionaryUsage, fundingSourceUsage, ...surveyDictionaryUsage, ...standardsDictionaryUsage],
  jobs: [projectImportRecoveryJob],
  plugin: async (app, opts) => {
    await app.register(projectsRoutes, { deps: opts.deps });
    await app.register(fundingRoutes, { deps: opts.deps });
    await app.register(surveyRoutes, { deps: opts.deps });
    await app.register(standardsRoutes, { deps: opts.deps });
    await app.register(overviewRoutes, { deps: opts.deps });
  },
};
