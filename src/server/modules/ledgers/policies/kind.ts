import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';
import type { TownAccess } from '../../../../shared/ledgers/definition.js';
import { grantsIn, isManager, type Grants } from '../../platform/grants/policy.js';

/** What the rules look at of a kind; absent: "some kind" (the route's check before the service loads it). */
export interface KindRecord {
  keeperOrganizationId: number;
  coKeepers: readonly number[];
  townAccess: TownAccess;
}

/** For `create`: the actor's grants in the `ledgers` domain. */
export interface NewKindRecord {
  grants?: Grants;
}

/** The keeping department or one of its co-keepers (a department account of that organisation). */
export const keepsKind = (a: Actor, k?: KindRecord) =>
  a.role === 'department' && a.organizationId !== null && (!k || k.keeperOrganizationId === a.organizationId || k.coKeepers.includes(a.organizationId));
/** A town, when the kind lets towns see their part. */
export const townSeesKind = (a: Actor, k?: KindRecord) => a.role === 'town' && a.organizationId !== null && (!k || k.townAccess !== 'none');

/**
 * Ledger kinds: the office and every department, auditors and (for kinds open to towns) towns read the
 * definitions; the office, or a department granted `ledgers` manage, defines a new kind; the office and the
 * keeping department change one.
 */
export const kindPolicy = definePolicy<KindRecord & NewKindRecord, 'list' | 'read' | 'create' | 'define'>('ledger_kind', {
  list: hasRole('office', 'department', 'town', 'auditor'),
  read: (a, k) => hasRole('office', 'department', 'auditor')(a) || townSeesKind(a, k),
  create: (a, r) => isManager(a, grantsIn(r)),
  define: (a, k) => a.role === 'office' || (a.role === 'department' && keepsKind(a, k)),
});
