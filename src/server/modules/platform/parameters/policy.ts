import { definePolicy, hasRole } from '../../../core/policy.js';

/**
 * System parameters change how the whole system behaves (who is signed out, who is locked out, who is warned),
 * so only the work team office and the system administrators change them; auditors read them and their history.
 * (Kept beside the feature rather than in ../policies so that the folder is the whole of it.)
 */
export const parameterPolicy = definePolicy<never, 'list' | 'history' | 'set' | 'reset'>('system_parameter', {
  list: hasRole('office', 'admin', 'auditor'),
  history: hasRole('office', 'admin', 'auditor'),
  set: hasRole('office', 'admin'),
  reset: hasRole('office', 'admin'),
});
