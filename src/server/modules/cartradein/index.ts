import type { HuanxinModule } from '../../core/module.js';
import { carApplicationRoutes } from './applications/routes.js';
import { calendarHomeNotices, calendarMissingJob } from './calendar/missing.js';
import { calendarRoutes } from './calendar/routes.js';
import { promotionEventRoutes } from './events/routes.js';
import { carTradeinMetrics } from './metrics.js';
import { cartradeinMigrations } from './migrations.js';
import { paymentBatchRoutes } from './payments/routes.js';
import { carProgramEndingJob, carProgramNotices } from './programs/ending.js';
import { carProgramRoutes } from './programs/routes.js';

export { useScrappingCertificateVerifier, type ScrappingCertificateVerifier } from './applications/certificates.js';
export { seedCarTradeinReference } from './programs/seed.js';

/** Car scrapping/replacement subsidies (programmes, applications, review, payment batches) and promotion events. */
export const cartradeinModule: HuanxinModule = {
  name: 'cartradein',
  migrations: cartradeinMigrations,
  // Who reviews car applications and runs programmes and events (市商务局), and who pays (市财政局).
  grantDomains: [{ domain: 'cartradein', capabilities: ['manage', 'confirm_payment'] }],
  metrics: carTradeinMetrics,
  jobs: [carProgramEndingJob, calendarMissingJob],
  homeNotices: [carProgramNotices, calendarHomeNotices],
  plugin: async (app, { deps }) => {
    await app.register(carProgramRoutes, { deps });
    await app.register(calendarRoutes, { deps });
    await app.register(carApplicationRoutes, { deps });
    await app.register(paymentBatchRoutes, { deps });
    await app.register(promotionEventRoutes, { deps });
  },
};
