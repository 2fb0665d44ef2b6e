import type { Actor } from '../../../../core/context.js';
import { hasRole } from '../../../../core/policy.js';

/**
 * Who takes part in reporting: the office opens periods and decides on reports; departments and
 * towns report their own; auditors read everything; every other role sees nothing of it.
 */
export const isOffice = hasRole('office');
export const isReporter = hasRole('department', 'town');
export const readsAllReports = hasRole('office', 'auditor');
export const takesPartInReporting = hasRole('office', 'department', 'town', 'auditor');

/** A reporting organisation acting on its own record (or, at the route, before the record is known). */
export const ownOrganization = (a: Actor, organizationId: number | undefined) =>
  isReporter(a) && (organizationId === undefined || (a.organizationId !== null && a.organizationId === organizationId));
