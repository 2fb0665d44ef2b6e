import type { AppDeps } from '../core/deps.js';
import { seedCarTradeinReference } from './cartradein/programs/seed.js';
import { seedPlans } from './plan/seed/seedPlans.js';
import { seedTradeinReference } from './tradein/programs/seed.js';

/** Reference data each module loads on start (idempotent), after the platform's organisations exist. */
export const REFERENCE_SEEDERS: readonly ((deps: AppDeps) => Promise<void>)[] = [
  async (deps) => {
    await seedPlans(deps);
  },
  seedTradeinReference,
  // After the trade-in seed: car trade-in reuses its management grants.
  seedCarTradeinReference,
];
