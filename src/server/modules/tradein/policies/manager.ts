import { definePolicy, hasRole } from '../../../core/policy.js';

/** Which organisations manage trade-in (and confirm payments) is the work team office's decision. */
export const managerPolicy = definePolicy<never, 'list' | 'grant' | 'revoke'>('tradein_manager', {
  list: hasRole('office', 'department', 'auditor'),
  grant: hasRole('office'),
  revoke: hasRole('office'),
});
