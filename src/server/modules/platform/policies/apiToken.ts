import { definePolicy, hasRole } from '../../../core/policy.js';

/**
 * Integration tokens are accounts of a kind: created and revoked by the system administrator only; the audit
 * administrator reads which exist. (A token never carries an administrator duty: users/service.ts.)
 */
export const apiTokenPolicy = definePolicy<{ id: number }, 'list' | 'create' | 'revoke'>('api_token', {
  list: hasRole('admin', 'auditor'),
  create: hasRole('admin'),
  revoke: hasRole('admin'),
});
