import type { Actor } from '../../../core/context.js';
import { definePolicy } from '../../../core/policy.js';
import { isManager, isSupervisor, type Grants } from '../../platform/grants/policy.js';
import { isOwnBusiness } from './common.js';

export interface RedemptionRecord {
  grants?: Grants;
  organization_id?: number;
}

const g = (r?: RedemptionRecord) => (r?.grants ? { grants: r.grants } : undefined);
const own = (a: Actor, r?: RedemptionRecord) => isOwnBusiness(a, r?.organization_id === undefined ? undefined : { organization_id: r.organization_id });

/**
 * Merchant staff redeem at the till (立购立减); the business (staff and its administrator) reads and reverses its own
 * sales on a return; managers may reverse any; supervisors read; residents read their own purchases.
 */
export const redemptionPolicy = definePolicy<RedemptionRecord, 'create' | 'list' | 'listMine' | 'reverse'>('tradein_redemption', {
  create: (a, r) => a.role === 'merchant' && (!r || r.organization_id === undefined || r.organization_id === a.organizationId),
  list: (a, r) => own(a, r) || isSupervisor(a, g(r)),
  // A resident reads the purchases made with their own vouchers (the query is scoped to the holder).
  listMine: (a) => a.role === 'resident',
  // The enterprise administrator too: it answers after-sales returns, whose resolution reverses the sale.
  reverse: (a, r) => own(a, r) || isManager(a, g(r)),
});
