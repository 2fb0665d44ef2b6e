import { definePolicy, hasRole } from '../../../core/policy.js';

/** What the policy needs of a parameter: whether it is a security parameter (core/parameters.ts). */
export interface ParameterRecord {
  security: boolean;
}

/**
 * System parameters change how the whole system behaves. Security parameters (session time-out, sign-in lockout)
 * are the security administrator's alone (三员分立); every other one is business and the work team office's. The
 * audit administrator reads them all and their history, the system administrator reads them; neither changes one.
 * Without a record (at the route) the answer is "may change some parameter".
 * (Kept beside the feature rather than in ../policies so that the folder is the whole of it.)
 */
const change = (a: Parameters<ReturnType<typeof hasRole>>[0], r?: ParameterRecord) =>
  r === undefined ? hasRole('office', 'security')(a) : r.security ? hasRole('security')(a) : hasRole('office')(a);

export const parameterPolicy = definePolicy<ParameterRecord, 'list' | 'history' | 'set' | 'reset'>('system_parameter', {
  list: hasRole('office', 'security', 'auditor', 'admin'),
  history: hasRole('office', 'security', 'auditor', 'admin'),
  set: change,
  reset: change,
});
