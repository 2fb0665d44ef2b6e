import { definePolicy, hasRole } from '../../../core/policy.js';

export interface SessionRecord {
  user_id: number;
}

/** Who is signed in, and ending their sessions: the administrator (and auditors may look). */
export const sessionPolicy = definePolicy<SessionRecord, 'list' | 'end'>('session', {
  list: hasRole('admin', 'auditor'),
  end: hasRole('admin'),
});
