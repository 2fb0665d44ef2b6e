import type { Actor } from '../../../core/context.js';
import { definePolicy } from '../../../core/policy.js';
import { isSupervisor, type Grants } from '../../platform/grants/policy.js';
import { isOwnBusiness } from '../policies/common.js';

export interface OnlineRecord {
  grants?: Grants;
  organization_id?: number;
  /** The resident whose voucher an order is against. */
  holder_user_id?: number;
}

const g = (r?: OnlineRecord) => (r?.grants ? { grants: r.grants } : undefined);
const own = (a: Actor, r?: OnlineRecord) => isOwnBusiness(a, r?.organization_id === undefined ? undefined : { organization_id: r.organization_id });
const staff = (a: Actor, r?: OnlineRecord) => a.role === 'merchant' && own(a, r);
const holder = (a: Actor, r?: OnlineRecord) => a.role === 'resident' && (!r || r.holder_user_id === undefined || r.holder_user_id === a.userId);

/**
 * Online stores: the enterprise enrols, edits and closes its shops (its administrator or merchant staff);
 * supervisors read every shop.
 */
export const onlineStorePolicy = definePolicy<OnlineRecord, 'create' | 'update' | 'close' | 'list'>('tradein_online_store', {
  create: (a, r) => own(a, r),
  update: (a, r) => own(a, r),
  close: (a, r) => own(a, r),
  list: (a, r) => own(a, r) || isSupervisor(a, g(r)),
});

/**
 * Online orders: merchant staff enter and cancel the orders of their shops (the enterprise administrator reads
 * them); the resident whose voucher an order is against reads, confirms or declines it; supervisors read all.
 */
export const onlineOrderPolicy = definePolicy<OnlineRecord, 'create' | 'cancel' | 'list' | 'export' | 'listMine' | 'confirm' | 'decline'>(
  'tradein_online_order',
  {
    create: (a, r) => staff(a, r),
    cancel: (a, r) => staff(a, r),
    list: (a, r) => own(a, r) || isSupervisor(a, g(r)),
    export: (a, r) => own(a, r) || isSupervisor(a, g(r)),
    listMine: (a) => a.role === 'resident',
    confirm: (a, r) => holder(a, r),
    decline: (a, r) => holder(a, r),
  },
);
