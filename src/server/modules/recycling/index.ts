import type { HuanxinModule } from '../../core/module.js';
import { recyclingMessages } from './messages.js';
import { recyclingMigrations } from './migrations.js';
import './tables.js';
import { recyclingMetrics } from './metrics.js';
import { siteMaterialUsage } from './sites/dictionaryUsage.js';
import { recyclingSiteRoutes } from './sites/routes.js';
import { seedSitesDemo, seedSitesReference } from './sites/seed.js';
import { rectificationOverdueJob } from './inspections/jobs.js';
import { inspectionRoutes } from './inspections/routes.js';
import { pickupEscalationJob } from './pickups/escalation.js';
import { pickupParameters } from './pickups/parameters.js';
import { pickupRoutes } from './pickups/routes.js';
import { certificateParameters } from './certificates/parameters.js';
import { certificateRoutes } from './certificates/routes.js';
import { oldItemProofVerifier } from './certificates/verifier.js';
import { intakeParameters } from './intake/parameters.js';
import { intakeRoutes } from './intake/routes.js';
import { seedIntakeDemo } from './intake/seed.js';
import { vehiclesParameters } from './vehicles/parameters.js';
import { vehiclesRoutes } from './vehicles/routes.js';
import { seedVehiclesDemo } from './vehicles/seed.js';
import { scrappingCertificateVerifier } from './vehicles/verifier.js';
import { dealersParameters } from './dealers/parameters.js';
import { dealersRoutes } from './dealers/routes.js';
import { seedDealersDemo } from './dealers/seed.js';
import type { AppDeps } from '../../core/deps.js';

async function seedDemo(deps: AppDeps): Promise<void> {
  await seedSitesDemo(deps);
  await seedIntakeDemo(deps);
  await seedVehiclesDemo(deps);
  await seedDealersDemo(deps);
}

/**
 * Recycling and the circular economy (the plan's 二(三)): the recycling network and its supervision. Pickup
 * booking, intake with reverse invoicing, certificates, scrapped vehicles and second-hand credit follow.
 */
export const recyclingModule: HuanxinModule = {
  name: 'recycling',
  messages: recyclingMessages,
  migrations: recyclingMigrations,
  // Who registers and supervises the recycling network (市商务局, with 市城管局 and 供销社 as the plan names them).
  grantDomains: [{ domain: 'recycling', capabilities: ['manage'] }],
  jobs: [rectificationOverdueJob, pickupEscalationJob],
  parameters: [...pickupParameters, ...certificateParameters, ...intakeParameters, ...vehiclesParameters, ...dealersParameters],
  // A redemption's old item is proved by a certificate issued at a pickup; manual proofs stay trade-in's fallback.
  // A car application's scrapping certificate is checked against the dismantler's record of the vehicle.
  provides: { oldItemProofVerifier, scrappingCertificateVerifier },
  seed: { reference: seedSitesReference, demo: seedDemo },
  metrics: recyclingMetrics,
  dictionaryUsage: [siteMaterialUsage],
  plugin: async (app, opts) => {
    await app.register(recyclingSiteRoutes, { deps: opts.deps });
    await app.register(inspectionRoutes, { deps: opts.deps });
    await app.register(pickupRoutes, { deps: opts.deps });
    await app.register(certificateRoutes, { deps: opts.deps });
    await app.register(intakeRoutes, { deps: opts.deps });
    await app.register(vehiclesRoutes, { deps: opts.deps });
    await app.register(dealersRoutes, { deps: opts.deps });
  },
};
