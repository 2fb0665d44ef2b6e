import { definePolicy, hasRole } from '../../../core/policy.js';
import type { Actor } from '../../../core/context.js';

export interface MatterRecord {
  id: number;
  /** The unit that raised it. */
  organizationId: number;
  /** The work team's organisation once escalated. */
  escalatedToOrganizationId: number | null;
}

const isOffice = hasRole('office');
const isUnit = hasRole('department', 'town');
const readsAll = hasRole('office', 'auditor');
const ownUnit = (a: Actor, r: MatterRecord | undefined) =>
  isUnit(a) && (r === undefined || (a.organizationId !== null && a.organizationId === r.organizationId));
/** A member of the work team the matter was escalated to (accounts of the work team hold the office role). */
const workTeamOf = (a: Actor, r: MatterRecord | undefined) =>
  isOffice(a) && (r === undefined || (r.escalatedToOrganizationId !== null && a.organizationId === r.escalatedToOrganizationId));

/**
 * Major matters: a department or town raises, withdraws and closes its own; the office answers or escalates;
 * only the work team a matter was escalated to responds to it. The office and auditors read all, a unit its own.
 */
export const planMatterPolicy = definePolicy<MatterRecord, 'list' | 'read' | 'raise' | 'answer' | 'escalate' | 'respond' | 'close' | 'withdraw'>(
  'plan_matter',
  {
    list: hasRole('office', 'department', 'town', 'auditor'),
    read: (a, r) => readsAll(a) || ownUnit(a, r),
    raise: (a) => isUnit(a),
    answer: isOffice,
    escalate: isOffice,
    respond: workTeamOf,
    close: ownUnit,
    withdraw: ownUnit,
  },
);
