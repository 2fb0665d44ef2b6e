import { definePolicy, hasRole } from '../../../core/policy.js';

/** Keys are the security administrator's (三员分立); the audit administrator may see their state and the runs. */
export const keyPolicy = definePolicy<never, 'read' | 'reencrypt'>('key', {
  read: hasRole('security', 'auditor'),
  reencrypt: hasRole('security'),
});
