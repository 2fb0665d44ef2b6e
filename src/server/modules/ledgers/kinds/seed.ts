import type { AppDeps } from '../../../core/deps.js';

/** The ledger kinds the platform ships, created once (S1 fills this in). */
export async function seedShippedKinds(_deps: AppDeps): Promise<void> {}
