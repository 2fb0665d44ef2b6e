import { definePolicy, hasRole } from '../../../core/policy.js';

/** The audit trail and the login log are read by auditors and the work team office; nobody writes them by hand. */
export const auditPolicy = definePolicy<never, 'read' | 'export' | 'verify' | 'readLogins'>('audit', {
  read: hasRole('auditor', 'office'),
  export: hasRole('auditor', 'office'),
  verify: hasRole('auditor', 'office'),
  readLogins: hasRole('auditor', 'office', 'admin'),
});
