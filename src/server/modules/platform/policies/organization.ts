import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';

export interface OrganizationRecord {
  id: number;
  kind: string;
  town_id: number | null;
}

const government = hasRole('office', 'department', 'auditor', 'admin');
const inActorsTown = (a: Actor, r?: OrganizationRecord) => a.role === 'town' && (!r || r.id === a.townId || r.town_id === a.townId);
const ownOrganization = (a: Actor, r?: OrganizationRecord) => hasRole('enterprise', 'merchant', 'recycler')(a) && (!r || r.id === a.organizationId);

/**
 * Organisations: everyone in government reads them. Registrations are reviewed as business (the office anywhere,
 * a town in its jurisdiction). Suspending and resuming switch every account of an organisation off and on, so it is
 * account administration — the system administrator's (三员分立), and a town's only for the enterprises in its
 * jurisdiction; the office no longer does it. Nobody suspends their own organisation or the last holder of a duty
 * (duties/guard.ts).
 */
export const organizationPolicy = definePolicy<OrganizationRecord, 'list' | 'read' | 'export' | 'review' | 'update' | 'suspend'>('organization', {
  list: (a) => government(a) || a.role === 'town',
  // Towns see the public bodies and what lies in their own jurisdiction.
  read: (a, r) => government(a) || (a.role === 'town' && (!r || r.kind !== 'enterprise' || r.town_id === a.townId)) || ownOrganization(a, r),
  export: (a) => government(a) || a.role === 'town',
  // Approving an enterprise's registration: the office anywhere, a town in its own jurisdiction.
  review: (a, r) => hasRole('office')(a) || (inActorsTown(a, r) && (!r || r.kind === 'enterprise')),
  update: (a, r) => hasRole('office', 'admin')(a) || inActorsTown(a, r) || ownOrganization(a, r),
  suspend: (a, r) => hasRole('admin')(a) || (inActorsTown(a, r) && (!r || r.kind === 'enterprise')),
});
