import { definePolicy, hasRole } from '../../../core/policy.js';

export interface UserRecord {
  id: number;
  organization_id: number;
}

/**
 * Accounts are the system administrator's (三员分立: `admin`) alone. The audit administrator reads them (what it
 * audits), and the security administrator reads them too: it resets second factors and must find the account;
 * neither changes one.
 */
export const userPolicy = definePolicy<UserRecord, 'list' | 'create' | 'update' | 'changeRole' | 'disable' | 'enable' | 'resetPassword' | 'import'>('user', {
  list: hasRole('admin', 'auditor', 'security'),
  create: hasRole('admin'),
  update: hasRole('admin'),
  changeRole: hasRole('admin'),
  disable: hasRole('admin'),
  enable: hasRole('admin'),
  resetPassword: hasRole('admin'),
  import: hasRole('admin'),
});
