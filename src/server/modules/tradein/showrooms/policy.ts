import type { Actor } from '../../../core/context.js';
import { definePolicy } from '../../../core/policy.js';
import { grantsIn, isSupervisor, type Grants } from '../../platform/grants/policy.js';
import { isOwnBusiness } from '../policies/common.js';

export interface ShowroomRecord {
  grants?: Grants;
  organization_id?: number;
}

const own = (a: Actor, r?: ShowroomRecord) => isOwnBusiness(a, r?.organization_id === undefined ? undefined : { organization_id: r.organization_id });

/**
 * A business keeps its own showrooms and sample rooms (its administrator or merchant staff); supervisors read and
 * export them all. The public finder needs no policy: it shows only what is open and in a running programme.
 */
export const showroomPolicy = definePolicy<ShowroomRecord, 'list' | 'create' | 'update' | 'setStatus' | 'export'>('tradein_showroom', {
  list: (a, r) => own(a, r) || isSupervisor(a, grantsIn(r)),
  create: own,
  update: own,
  setStatus: own,
  export: (a, r) => isSupervisor(a, grantsIn(r)),
});
