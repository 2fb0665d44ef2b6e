import type { Actor } from '../../../core/context.js';
import { isManager, isSupervisor, type TradeinGrants } from '../../tradein/policies/common.js';

/**
 * Car trade-in uses the trade-in module's grants (table tradein_managers, resolved by `grantsOf`): the
 * organisation granted `manage` (市商务局 by default) reviews applications and runs programmes and events, the
 * one granted `confirm_payment` (市财政局) pays. As there, a policy is pure: the service resolves the grants and
 * passes them in the record; at the route (no record yet) a department is let through and the service decides.
 */
export type { TradeinGrants };
export { isManager, isSupervisor };

export interface WithGrants {
  grants: TradeinGrants;
}

export const grantsIn = (r?: { grants?: TradeinGrants }) => (r?.grants ? { grants: r.grants } : undefined);

/** A department account of the organisation granted payment confirmation (市财政局). */
export function isPayer(a: Actor, r?: { grants?: TradeinGrants }): boolean {
  return a.role === 'department' && (!r?.grants || r.grants.confirmPayment);
}
