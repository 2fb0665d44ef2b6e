import { definePolicy, hasRole } from '../../../core/policy.js';

/**
 * Which department manages a domain or confirms its payments is the work team office's decision; the
 * departments and auditors may see who holds what (as they could see trade-in's managers before), and every
 * official, the three administrators included, may ask what their own organisation holds (the web shows or hides
 * actions by it).
 */
export const grantPolicy = definePolicy<never, 'list' | 'listDomains' | 'listMine' | 'grant' | 'revoke'>('organization_grant', {
  list: hasRole('office', 'department', 'auditor'),
  listDomains: hasRole('office', 'department', 'auditor'),
  listMine: hasRole('office', 'department', 'town', 'auditor', 'admin', 'security'),
  grant: hasRole('office'),
  revoke: hasRole('office'),
});
