import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';
import { grantsIn, isSupervisor, type Grants } from '../../platform/grants/policy.js';

export interface ScrappedVehicleRecord {
  grants?: Grants;
  dismantler_organization_id?: number;
  /** Whether the actor is the vehicle's owner (a resident whose ID number's hash is the owner's; see the service). */
  ownedByActor?: boolean;
}

const recycler = hasRole('recycler');
/** The dismantler that took the vehicle in. */
const dismantler = (a: Actor, r?: ScrappedVehicleRecord) =>
  recycler(a) && a.organizationId !== null && (r?.dismantler_organization_id === undefined || r.dismantler_organization_id === a.organizationId);
/** 市商务局 (recycling `manage`), the office, auditors. */
const supervisor = (a: Actor, r?: ScrappedVehicleRecord) => isSupervisor(a, grantsIn(r));
const owner = (a: Actor, r?: ScrappedVehicleRecord) => a.role === 'resident' && a.userId !== null && (r === undefined || r.ownedByActor === true);

/**
 * Scrapped vehicles (报废解体—车辆注销): a recycler records the vehicles it takes in (the service also asks for a
 * valid dismantling qualification: 409 otherwise) and carries its own through the steps, corrects or withdraws
 * them; 市商务局, the office and auditors read and export the whole register; the owner follows their own vehicle.
 */
export const scrappedVehiclePolicy = definePolicy<
  ScrappedVehicleRecord,
  'record' | 'list' | 'listAll' | 'read' | 'export' | 'listMine' | 'advance' | 'correct' | 'withdraw'
>('recycling_scrapped_vehicle', {
  record: recycler,
  /** A dismantler lists its own vehicles, supervisors every one. */
  list: (a, r) => dismantler(a, r) || supervisor(a, r),
  listAll: supervisor,
  read: (a, r) => dismantler(a, r) || supervisor(a, r) || owner(a, r),
  export: (a, r) => dismantler(a, r) || supervisor(a, r),
  listMine: hasRole('resident'),
  advance: dismantler,
  correct: dismantler,
  withdraw: dismantler,
});
