import { definePolicy, hasRole } from '../../../core/policy.js';

/** Integration tokens are created and revoked by the administrator only. */
export const apiTokenPolicy = definePolicy<{ id: number }, 'list' | 'create' | 'revoke'>('api_token', {
  list: hasRole('admin'),
  create: hasRole('admin'),
  revoke: hasRole('admin'),
});
