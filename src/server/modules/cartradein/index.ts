import type { HuanxinModule } from '../../core/module.js';
import { cartradeinMessages } from './messages.js';
import { carApplicationRoutes } from './applications/routes.js';
import { calendarHomeNotices, calendarMissingJob } from './calendar/missing.js';
import { calendarRoutes } from './calendar/routes.js';
import { promotionEventRoutes } from './events/routes.js';
import { carTradeinMetrics } from './metrics.js';
import { cartradeinMigrations } from './migrations.js';
import { paymentBatchRoutes } from './payments/routes.js';
import { carProgramEndingJob, carProgramNotices } from './programs/ending.js';
import { carProgramRoutes } from './programs/routes.js';
import { carBudgetRoutes } from './budget/routes.js';
import { seedCarTradeinDemo } from './programs/demo.js';
import { seedCarTradeinReference } from './programs/seed.js';
import { manualCertificateVerifier } from './applications/certificates.js';
import { eventTypeDictionary, eventTypeUsage } from './events/dictionaryUsage.js';

/** Car scrapping/replacement subsidies (programmes, applications, review, payment batches) and promotion events. */
export const cartradeinModule: HuanxinModule = {
  name: 'cartradein',
  messages: cartradeinMessages,
  migrations: cartradeinMigrations,
  // Who reviews car applications and runs programmes and events (市商务局), and who pays (市财政局).
  grantDomains: [{ domain: 'cartradein', capabilities: ['manage', 'confirm_payment'] }],
  seed: { reference: seedCarTradeinReference, demo: seedCarTradeinDemo },
  // Until the recycling module provides scrapped-vehicle records, reviewers confirm certificates by hand.
  uses: { scrappingCertificateVerifier: manualCertificateVerifier },
  metrics: carTradeinMetrics,
  jobs: [carProgramEndingJob, calendarMissingJob],
  homeNotices: [carProgramNotices, calendarHomeNotices],
  dictionaries: [eventTypeDictionary],
  dictionaryUsage: [eventTypeUsage],
  plugin: async (app, { deps }) => {
    await app.register(carProgramRoutes, { deps });
    await app.register(carBudgetRoutes, { deps });
    await app.register(calendarRoutes, { deps });
    await app.register(carApplicationRoutes, { deps });
    await app.register(paymentBatchRoutes, { deps });
    await app.register(promotionEventRoutes, { deps });
  },
};
