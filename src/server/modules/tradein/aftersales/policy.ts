import type { Actor } from '../../../core/context.js';
import { definePolicy } from '../../../core/policy.js';
import { isManager, isSupervisor, type Grants } from '../../platform/grants/policy.js';
import { isOwnBusiness } from '../policies/common.js';

export interface AfterSalesRecord {
  grants?: Grants;
  organization_id?: number;
  /** The resident who bought the item (the voucher's holder). */
  holder_user_id?: number;
}

const g = (r?: AfterSalesRecord) => (r?.grants ? { grants: r.grants } : undefined);
const own = (a: Actor, r?: AfterSalesRecord) => isOwnBusiness(a, r?.organization_id === undefined ? undefined : { organization_id: r.organization_id });
const holder = (a: Actor, r?: AfterSalesRecord) => a.role === 'resident' && (!r || r.holder_user_id === undefined || r.holder_user_id === a.userId);

/**
 * A resident opens returns, repairs and complaints on their own purchases and rates the answer; the merchant of the
 * sale (enterprise administrator or merchant staff) answers them; 市商务局 and the other supervisors read every
 * case and the merchants' service figures; only managers act on those figures (the suspension itself is the
 * merchant policy's `suspend`).
 */
export const afterSalesPolicy = definePolicy<AfterSalesRecord, 'open' | 'listMine' | 'rate' | 'list' | 'read' | 'answer' | 'readService' | 'manageService'>(
  'tradein_after_sales',
  {
    open: holder,
    listMine: (a) => a.role === 'resident',
    rate: holder,
    list: (a, r) => own(a, r) || isSupervisor(a, g(r)),
    read: (a, r) => holder(a, r) || own(a, r) || isSupervisor(a, g(r)),
    answer: (a, r) => own(a, r),
    readService: (a, r) => isSupervisor(a, g(r)),
    manageService: (a, r) => isManager(a, g(r)),
  },
);
