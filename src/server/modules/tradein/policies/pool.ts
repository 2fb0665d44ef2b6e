import { definePolicy, signedIn } from '../../../core/policy.js';
import { isManager, type WithGrants } from '../../platform/grants/policy.js';

export type PoolRecord = WithGrants;

/** Releases: managers open them; everybody signed in sees what is open and how much is left. */
export const poolPolicy = definePolicy<PoolRecord, 'list' | 'create'>('tradein_pool', {
  list: signedIn,
  create: isManager,
});
