import type { HuanxinModule } from '../../core/module.js';
import { merchantRoutes } from './merchants/routes.js';
import { tradeinMigrations } from './migrations.js';
import { programRoutes } from './programs/routes.js';
import { redemptionRoutes } from './redemptions/routes.js';
import { dailyReleaseJob } from './vouchers/releaseJob.js';
import { voucherRoutes } from './vouchers/routes.js';

/** Subsidy programmes and rules, merchants, voucher releases and claims, redemptions at the till. */
export const tradeinModule: HuanxinModule = {
  name: 'tradein',
  migrations: tradeinMigrations,
  jobs: [dailyReleaseJob],
  plugin: async (app, { deps }) => {
    await app.register(programRoutes, { deps });
    await app.register(voucherRoutes, { deps });
    await app.register(merchantRoutes, { deps });
    await app.register(redemptionRoutes, { deps });
  },
};
