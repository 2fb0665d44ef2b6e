import type { HuanxinModule } from '../../core/module.js';
import { tradeinMessages } from './messages.js';
import { budgetRoutes } from './budget/routes.js';
import { merchantRoutes } from './merchants/routes.js';
import { tradeinMetrics } from './metrics.js';
import { tradeinMigrations } from './migrations.js';
import { programEndingJob, tradeinProgramNotices } from './programs/ending.js';
import { seedTradeinDemo } from './programs/demo.js';
import { programRoutes } from './programs/routes.js';
import { seedTradeinReference } from './programs/seed.js';
import { manualProofVerifier } from './redemptions/oldItemProof.js';
import { redemptionRoutes } from './redemptions/routes.js';
import { riskRoutes } from './risk/routes.js';
import { settlementCloseJob } from './settlement/job.js';
import { settlementRoutes } from './settlement/routes.js';
import { dailyReleaseJob } from './vouchers/releaseJob.js';
import { voucherRoutes } from './vouchers/routes.js';

/**
 * Subsidy programmes and rules, merchants, voucher releases and claims, redemptions at the till, risk control
 * and its review queue, monthly settlement of merchants, programme budgets, and the metrics the plan reads.
 */
export const tradeinModule: HuanxinModule = {
  name: 'tradein',
  messages: tradeinMessages,
  migrations: tradeinMigrations,
  // Who manages trade-in programmes (市商务局 by default) and who confirms their payments (市财政局).
  grantDomains: [{ domain: 'tradein', capabilities: ['manage', 'confirm_payment'] }],
  seed: { reference: seedTradeinReference, demo: seedTradeinDemo },
  // Until the recycling module provides intake records, an old item is proved by a photo reviewed by hand.
  uses: { oldItemProofVerifier: manualProofVerifier },
  jobs: [dailyReleaseJob, settlementCloseJob, programEndingJob],
  homeNotices: [tradeinProgramNotices],
  metrics: tradeinMetrics,
  plugin: async (app, { deps }) => {
    await app.register(programRoutes, { deps });
    await app.register(voucherRoutes, { deps });
    await app.register(merchantRoutes, { deps });
    await app.register(redemptionRoutes, { deps });
    await app.register(riskRoutes, { deps });
    await app.register(settlementRoutes, { deps });
    await app.register(budgetRoutes, { deps });
  },
};
