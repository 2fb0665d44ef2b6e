import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';
import { grantsIn, isSupervisor, type Grants } from '../../platform/grants/policy.js';

export interface PickupRecord {
  grants?: Grants;
  resident_user_id?: number;
  recycler_organization_id?: number | null;
  /** Whether the actor's organisation runs an operating site of the booking's kind in its town (see service). */
  servedByActor?: boolean;
}

const owner = (a: Actor, r?: PickupRecord) => a.role === 'resident' && a.userId !== null && (r === undefined || r.resident_user_id === a.userId);
const recycler = hasRole('recycler');
/** The recycler the booking was assigned to. */
const assigned = (a: Actor, r?: PickupRecord) =>
  recycler(a) && a.organizationId !== null && (r === undefined || r.recycler_organization_id === a.organizationId);
/** A recycler that serves the booking's town (its organisation runs an operating site of the right kind there). */
const serving = (a: Actor, r?: PickupRecord) => recycler(a) && (r === undefined || r.servedByActor === true);
/** 市商务局 (recycling `manage`), the office, auditors: they answer escalations and disputes. */
const supervisor = (a: Actor, r?: PickupRecord) => isSupervisor(a, grantsIn(r));

/**
 * Pickup bookings: a resident books and follows their own, confirms, rates, disputes, cancels and reschedules; the
 * recyclers serving the town see the open ones and one of them accepts; the assigned recycler completes it or
 * reports a no-show; 市商务局, the office and auditors read every booking.
 */
export const pickupPolicy = definePolicy<
  PickupRecord,
  'book' | 'listMine' | 'listOpen' | 'listAssigned' | 'listAll' | 'read' | 'accept' | 'complete' | 'noShow' | 'confirm' | 'dispute' | 'cancel' | 'reschedule'
>('recycling_pickup', {
  book: hasRole('resident'),
  listMine: hasRole('resident'),
  listOpen: recycler,
  listAssigned: recycler,
  listAll: supervisor,
  read: (a, r) => owner(a, r) || assigned(a, r) || (serving(a, r) && (r === undefined || r.recycler_organization_id === null)) || supervisor(a, r),
  accept: serving,
  complete: assigned,
  noShow: assigned,
  confirm: owner,
  dispute: owner,
  cancel: owner,
  reschedule: owner,
});
