import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';
import { readsPlan } from './common.js';

export interface MilestoneRecord {
  id: number;
  /** The organisation of the milestone's lead unit (first named), if it is a known organisation. */
  leadOrganizationId: number | null;
}

/**
 * A milestone is marked done (with evidence) or reopened by the office, or by the department that leads it:
 * the lead unit answers for the commitment. Without a record (at the route) any department may try; the service
 * checks again with the milestone.
 */
const officeOrLead = (a: Actor, r?: MilestoneRecord) =>
  hasRole('office')(a) || (a.role === 'department' && (!r || (r.leadOrganizationId !== null && r.leadOrganizationId === a.organizationId)));

export const milestonePolicy = definePolicy<MilestoneRecord, 'read' | 'complete' | 'reopen'>('milestone', {
  read: readsPlan,
  complete: officeOrLead,
  reopen: officeOrLead,
});
