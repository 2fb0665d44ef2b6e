import type { Actor } from '../../../core/context.js';
import { definePolicy } from '../../../core/policy.js';
import { grantsIn, isManager, isSupervisor, type Grants } from '../../platform/grants/policy.js';

export interface CarApplicationRecord {
  grants?: Grants;
  applicant_user_id?: number;
}

const resident = (a: Actor) => a.role === 'resident' && a.userId !== null;
/** The resident whose application it is (at the route, any resident: the service checks the record). */
const applicant = (a: Actor, r?: CarApplicationRecord) => resident(a) && (r?.applicant_user_id === undefined || r.applicant_user_id === a.userId);

/**
 * Residents apply and see only their own applications; 市商务局 (or the office) reviews; 市财政局 and auditors
 * read (the payer needs the approved ones); towns, enterprises and other departments have no part in them.
 */
export const carApplicationPolicy = definePolicy<CarApplicationRecord, 'precheck' | 'submit' | 'list' | 'read' | 'resubmit' | 'review' | 'listOverdue'>(
  'cartradein_application',
  {
    precheck: resident,
    submit: resident,
    list: (a, r) => resident(a) || isSupervisor(a, grantsIn(r)),
    read: (a, r) => applicant(a, r) || isSupervisor(a, grantsIn(r)),
    resubmit: applicant,
    review: (a, r) => isManager(a, grantsIn(r)),
    listOverdue: (a, r) => isSupervisor(a, grantsIn(r)),
  },
);
