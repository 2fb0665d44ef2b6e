import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';
import { grantsIn, isManager, isSupervisor, type Grants } from '../../platform/grants/policy.js';

export interface DismantlingQualificationRecord {
  grants?: Grants;
  organization_id?: number;
}

/**
 * Dismantling qualifications: 市商务局 (recycling `manage`) and the office register and revoke them; supervisors
 * read every one, a recycler its own.
 */
export const dismantlingQualificationPolicy = definePolicy<DismantlingQualificationRecord, 'list' | 'register' | 'revoke'>(
  'recycling_dismantling_qualification',
  {
    list: (a: Actor, r) => isSupervisor(a, grantsIn(r)) || hasRole('recycler')(a),
    register: (a, r) => isManager(a, grantsIn(r)),
    revoke: (a, r) => isManager(a, grantsIn(r)),
  },
);
