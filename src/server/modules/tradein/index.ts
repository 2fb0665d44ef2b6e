import type { HuanxinModule } from '../../core/module.js';
import { tradeinMessages } from './messages.js';
import { afterSalesMessages } from './aftersales/messages.js';
import { afterSalesMetrics } from './aftersales/metrics.js';
import { afterSalesRoutes } from './aftersales/routes.js';
import { deliveryOverdueJob } from './fulfilment/overdueJob.js';
import { fulfilmentMessages } from './fulfilment/messages.js';
import { fulfilmentMetrics } from './fulfilment/metrics.js';
import { fulfilmentRoutes } from './fulfilment/routes.js';
import { onlineOrderExpiryJob } from './online/expiryJob.js';
import { onlineMessages } from './online/messages.js';
import { onlineRoutes } from './online/routes.js';
import { tradeinParameters } from './parameters.js';
import { seedShowroomDemo } from './showrooms/demo.js';
import { showroomMessages } from './showrooms/messages.js';
import { showroomRoutes } from './showrooms/routes.js';
import { budgetRoutes } from './budget/routes.js';
import { merchantRoutes } from './merchants/routes.js';
import { tradeinMetrics } from './metrics.js';
import { tradeinMigrations } from './migrations.js';
import { programEndingJob, tradeinProgramNotices } from './programs/ending.js';
import { seedTradeinDemo } from './programs/demo.js';
import { seedTradeinSalesDemo } from './programs/demoSales.js';
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
 * Subsidy programmes and rules, merchants, voucher releases and claims, redemptions at the till and online, delivery
 * and installation before settlement, after-sales, showrooms, risk control and its review queue, monthly settlement
 * of merchants, programme budgets, and the metrics the plan reads.
 */
export const tradeinModule: HuanxinModule = {
  name: 'tradein',
  messages: { ...tradeinMessages, ...onlineMessages, ...fulfilmentMessages, ...afterSalesMessages, ...showroomMessages },
  migrations: tradeinMigrations,
  // Who manages trade-in programmes (市商务局 by default) and who confirms their payments (市财政局).
  grantDomains: [{ domain: 'tradein', capabilities: ['manage', 'confirm_payment'] }],
  seed: {
    reference: seedTradeinReference,
    // Showrooms and the demo sales belong to the demo enrolments the programme demo makes. The sales are seeded
    // here and not by the programme demo, whose callers (tests among them) count what it makes.
    demo: async (deps) => {
      await seedTradeinDemo(deps);
      await seedShowroomDemo(deps);
      await seedTradeinSalesDemo(deps);
    },
  },
  // Until the recycling module provides intake records, an old item is proved by a photo reviewed by hand.
  uses: { oldItemProofVerifier: manualProofVerifier },
  parameters: tradeinParameters,
  jobs: [dailyReleaseJob, settlementCloseJob, programEndingJob, onlineOrderExpiryJob, deliveryOverdueJob],
  homeNotices: [tradeinProgramNotices],
  metrics: [...tradeinMetrics, ...fulfilmentMetrics, ...afterSalesMetrics],
  plugin: async (app, { deps }) => {
    await app.register(programRoutes, { deps });
    await app.register(voucherRoutes, { deps });
    await app.register(merchantRoutes, { deps });
    await app.register(redemptionRoutes, { deps });
    await app.register(riskRoutes, { deps });
    await app.register(settlementRoutes, { deps });
    await app.register(budgetRoutes, { deps });
    await app.register(onlineRoutes, { deps });
    await app.register(fulfilmentRoutes, { deps });
    await app.register(afterSalesRoutes, { deps });
    await app.register(showroomRoutes, { deps });
  },
};
