import type { Actor } from '../../../core/context.js';
import { definePolicy } from '../../../core/policy.js';
import { isManager, isSupervisor, type Grants } from '../../platform/grants/policy.js';
import { isOwnBusiness } from './common.js';

export interface MerchantRecord {
  grants?: Grants;
  organization_id?: number;
}

const g = (r?: MerchantRecord) => (r?.grants ? { grants: r.grants } : undefined);
const own = (a: Actor, r?: MerchantRecord) => isOwnBusiness(a, r?.organization_id === undefined ? undefined : { organization_id: r.organization_id });

/**
 * Enrolment of a business in a programme: the enterprise applies (its administrator or merchant staff),
 * 市商务局 reviews, approves, suspends and resumes; supervisors read; the business reads its own.
 */
export const merchantPolicy = definePolicy<MerchantRecord, 'apply' | 'list' | 'read' | 'review' | 'suspend' | 'resume' | 'manageStaff'>('tradein_merchant', {
  apply: (a, r) => own(a, r),
  list: (a, r) => isSupervisor(a, g(r)) || own(a, r),
  read: (a, r) => isSupervisor(a, g(r)) || own(a, r),
  review: (a, r) => isManager(a, g(r)),
  suspend: (a, r) => isManager(a, g(r)),
  resume: (a, r) => isManager(a, g(r)),
  manageStaff: (a, r) => own(a, r),
});
