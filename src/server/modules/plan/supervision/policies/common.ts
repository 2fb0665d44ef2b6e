import type { Actor } from '../../../../core/context.js';
import { hasRole } from '../../../../core/policy.js';

/**
 * Who takes part in supervision: the office raises and decides; the departments and towns an order is addressed
 * to handle their own; auditors read everything; every other role sees nothing of it.
 */
export const isOffice = hasRole('office');
export const isUnit = hasRole('department', 'town');
export const readsAllOrders = hasRole('office', 'auditor');
export const takesPartInSupervision = hasRole('office', 'department', 'town', 'auditor');

/** A unit acting on an order addressed to it (or, at the route, before the order is known). */
export const addressedTo = (a: Actor, organizationId: number | undefined) =>
  isUnit(a) && (organizationId === undefined || (a.organizationId !== null && a.organizationId === organizationId));
