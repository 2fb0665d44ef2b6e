import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';
import { grantsIn, isManager, type Grants } from '../../platform/grants/policy.js';

/** What the rules look at: the site's town and operator, and the unit that inspected. Absent: "some record". */
export interface InspectionRecord {
  grants?: Grants;
  townId?: number;
  operatorOrganizationId?: number | null;
  inspectorOrganizationId?: number;
}

const ownTown = (a: Actor, r?: InspectionRecord) => a.role === 'town' && (r?.townId === undefined || r.townId === a.organizationId);
const operator = (a: Actor, r?: InspectionRecord) =>
  (a.role === 'recycler' || a.role === 'enterprise') &&
  (r === undefined || r.operatorOrganizationId === undefined || (r.operatorOrganizationId !== null && r.operatorOrganizationId === a.organizationId));
const inspectorUnit = (a: Actor, r?: InspectionRecord) =>
  (a.role === 'department' || a.role === 'town') && (r?.inspectorOrganizationId === undefined || r.inspectorOrganizationId === a.organizationId);

/**
 * Supervision of the recycling network. Departments inspect (市商务局 holds the recycling grant; 市场监管局,
 * 市城管局 and 市公安局 inspect within their own duties, so any department may), the office too, and a town
 * inspects its own town's sites. Officials and auditors read every inspection, a town its own town's, an operator
 * its own sites'. A rectification is reported by the site's operator or its town and verified by the unit that
 * inspected (or a manager of the domain: the office, 市商务局).
 */
export const inspectionPolicy = definePolicy<InspectionRecord, 'inspect' | 'list' | 'read' | 'export' | 'submitRectification' | 'verifyRectification'>(
  'recycling_inspection',
  {
    inspect: (a, r) => hasRole('office', 'department')(a) || ownTown(a, r),
    list: (a) => hasRole('office', 'department', 'town', 'auditor', 'recycler', 'enterprise')(a),
    read: (a, r) => hasRole('office', 'department', 'auditor')(a) || ownTown(a, r) || operator(a, r),
    export: (a) => hasRole('office', 'department', 'town', 'auditor')(a),
    submitRectification: (a, r) => ownTown(a, r) || operator(a, r),
    verifyRectification: (a, r) =>
      a.role === 'office' || inspectorUnit(a, r) || (a.role === 'department' && r?.grants !== undefined && isManager(a, grantsIn(r))),
  },
);
