import { definePolicy, hasRole } from '../../../core/policy.js';

/**
 * The audit trail is the audit administrator's (and the work team office, which supervises the plan, reads it);
 * nobody writes it by hand, and the system administrator does not read it, so it never reviews its own actions.
 * The sign-in log is read by them, by the security administrator, who watches for attacks on accounts, and by the
 * system administrator, who answers locked-out users.
 */
export const auditPolicy = definePolicy<never, 'read' | 'export' | 'verify' | 'readLogins'>('audit', {
  read: hasRole('auditor', 'office'),
  export: hasRole('auditor', 'office'),
  verify: hasRole('auditor', 'office'),
  readLogins: hasRole('auditor', 'office', 'security', 'admin'),
});
