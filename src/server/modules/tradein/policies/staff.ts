import { definePolicy } from '../../../core/policy.js';

export interface StaffRecord {
  organization_id: number;
}

/**
 * Switching a merchant staff account off and on is the enterprise administrator's decision for its own
 * enterprise only: staff (role `merchant`) may create colleagues at the till, but must not be able to lock each
 * other — or their administrator — out.
 */
export const staffPolicy = definePolicy<StaffRecord, 'setStatus'>('tradein_staff', {
  setStatus: (a, r) => a.role === 'enterprise' && (!r || r.organization_id === a.organizationId),
});
