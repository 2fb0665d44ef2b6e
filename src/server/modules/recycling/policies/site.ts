import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';
import { grantsIn, isManager, type Grants } from '../../platform/grants/policy.js';

export interface RecyclingSiteRecord {
  grants?: Grants;
  /** The town the site is in (for a new site: the town it is to be registered in). */
  town_id?: number;
  operator_organization_id?: number | null;
}

/** 市商务局 (the department granted recycling `manage`) and the office. */
const manager = (a: Actor, r?: RecyclingSiteRecord) => isManager(a, grantsIn(r));
/** A town account acts on the sites of its own town only. */
const ownTown = (a: Actor, r?: RecyclingSiteRecord) => a.role === 'town' && (r?.town_id === undefined || r.town_id === a.organizationId);
const registrar = (a: Actor, r?: RecyclingSiteRecord) => manager(a, r) || ownTown(a, r);
/** The recycler named as a site's operator keeps its operational details (never its status, licence or safety). */
const operator = (a: Actor, r?: RecyclingSiteRecord) =>
  a.role === 'recycler' && a.organizationId !== null && (r === undefined || r.operator_organization_id === a.organizationId);

/**
 * Recycling sites: towns register and change the sites of their own town, 市商务局 and the office any site; the
 * operator edits its own site's opening hours, capacity, materials and contact; officials (every department, since
 * several inspect), towns and auditors read the network, a recycler its own sites; the public sees operating sites.
 */
export const recyclingSitePolicy = definePolicy<
  RecyclingSiteRecord,
  'publicList' | 'list' | 'read' | 'listAll' | 'export' | 'create' | 'update' | 'updateOperations' | 'move'
>('recycling_site', {
  publicList: () => true,
  list: (a) => hasRole('office', 'department', 'town', 'auditor', 'recycler')(a),
  read: (a, r) => hasRole('office', 'department', 'town', 'auditor')(a) || operator(a, r),
  /** Sees every site (not only the ones it operates). */
  listAll: hasRole('office', 'department', 'town', 'auditor'),
  export: hasRole('office', 'department', 'town', 'auditor'),
  create: registrar,
  update: registrar,
  updateOperations: (a, r) => registrar(a, r) || operator(a, r),
  move: registrar,
});
