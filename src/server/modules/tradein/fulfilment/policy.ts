import type { Actor } from '../../../core/context.js';
import { definePolicy } from '../../../core/policy.js';
import { isSupervisor, type Grants } from '../../platform/grants/policy.js';
import { isOwnBusiness } from '../policies/common.js';

export interface FulfilmentRecord {
  grants?: Grants;
  organization_id?: number;
  holder_user_id?: number;
}

const g = (r?: FulfilmentRecord) => (r?.grants ? { grants: r.grants } : undefined);
const own = (a: Actor, r?: FulfilmentRecord) => isOwnBusiness(a, r?.organization_id === undefined ? undefined : { organization_id: r.organization_id });
const holder = (a: Actor, r?: FulfilmentRecord) => a.role === 'resident' && (!r || r.holder_user_id === undefined || r.holder_user_id === a.userId);

/**
 * The merchant's staff record deliveries and installations of their own sales; the resident confirms delivery of
 * their own purchase; supervisors (市商务局, the office, auditors, 市财政局) read every sale's fulfilment.
 */
export const fulfilmentPolicy = definePolicy<FulfilmentRecord, 'list' | 'read' | 'recordDelivery' | 'recordInstallation' | 'confirmDelivery' | 'summary'>(
  'tradein_fulfilment',
  {
    list: (a, r) => own(a, r) || isSupervisor(a, g(r)),
    read: (a, r) => own(a, r) || holder(a, r) || isSupervisor(a, g(r)),
    recordDelivery: (a, r) => own(a, r),
    recordInstallation: (a, r) => own(a, r),
    confirmDelivery: (a, r) => holder(a, r),
    // The city's figures of sales beyond the till: supervisors only, a business sees its own lists.
    summary: (a, r) => isSupervisor(a, g(r)),
  },
);
