import { definePolicy, hasRole } from '../../../core/policy.js';

export interface UserRecord {
  id: number;
  organization_id: number;
}

/** Accounts are the administrator's; auditors may look. */
export const userPolicy = definePolicy<UserRecord, 'list' | 'create' | 'update' | 'disable' | 'enable' | 'resetPassword' | 'import'>('user', {
  list: hasRole('admin', 'auditor'),
  create: hasRole('admin'),
  update: hasRole('admin'),
  disable: hasRole('admin'),
  enable: hasRole('admin'),
  resetPassword: hasRole('admin'),
  import: hasRole('admin'),
});
