import type { AppDeps } from '../core/deps.js';
import { seedCarTradeinReference } from './cartradein/programs/seed.js';
import { seedPlans } from './plan/seed/seedPlans.js';
import { seedTradeinReference } from './tradein/programs/seed.js';
import { seedCarTradeinDemo } from './cartradein/programs/demo.js';
import { seedTradeinDemo } from './tradein/programs/demo.js';

/** Reference data each module loads on start (idempotent), after the platform's organisations exist. */
export const REFERENCE_SEEDERS: readonly ((deps: AppDeps) => Promise<void>)[] = [
  async (deps) => {
    await seedPlans(deps);
  },
  seedTradeinReference,
  seedCarTradeinReference,
];

/** Demo data each module makes at every start when demo data is on (idempotent; after the demo accounts). */
export const DEMO_SEEDERS: readonly ((deps: AppDeps) => Promise<void>)[] = [seedTradeinDemo, seedCarTradeinDemo];
