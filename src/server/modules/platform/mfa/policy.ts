import { definePolicy, hasRole } from '../../../core/policy.js';
import type { Actor } from '../../../core/context.js';

/** What the policy needs of the account whose second factor is concerned. */
export interface MfaRecord {
  userId: number;
}

/** Officials enrol a second factor for themselves (residents and businesses keep mobile or account + password). */
export const MFA_SELF_ROLES = ['office', 'department', 'town', 'auditor', 'admin', 'security'] as const;

const signedInUser = (a: Actor) => a.kind === 'user' && a.userId !== null;

/**
 * Second factors (三员分立): each official keeps their own; only the security administrator removes someone's so they
 * can enrol again — never their own, so one stolen password of that duty cannot re-enrol it. The system and audit
 * administrators and the security administrator see who has one. A token never enrols (it has no account).
 */
export const mfaPolicy = definePolicy<MfaRecord, 'self' | 'status' | 'reset'>('user_mfa', {
  self: (a) => signedInUser(a) && hasRole(...MFA_SELF_ROLES)(a),
  status: hasRole('admin', 'auditor', 'security'),
  reset: (a, r) => signedInUser(a) && hasRole('security')(a) && (r === undefined || r.userId !== a.userId),
});
