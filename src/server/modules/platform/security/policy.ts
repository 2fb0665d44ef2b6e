import { definePolicy, hasRole } from '../../../core/policy.js';

/**
 * The controls page is the security administrator's (who answers for the controls) and the audit administrator's
 * (who checks them); the export is what an assessor is handed. Nobody else: it describes the system's defences.
 */
export const securityControlsPolicy = definePolicy<never, 'read' | 'export'>('security_controls', {
  read: hasRole('security', 'auditor'),
  export: hasRole('security', 'auditor'),
});
