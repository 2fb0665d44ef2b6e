import { hasRole } from '../../../core/policy.js';

/**
 * The plan is public information inside government: the office, departments, towns and auditors read all of it.
 * Businesses and residents do not see the plan's supervision at all; the administrator only runs accounts.
 */
export const readsPlan = hasRole('office', 'department', 'town', 'auditor');
/** Only the work team office changes the plan. */
export const editsPlan = hasRole('office');
