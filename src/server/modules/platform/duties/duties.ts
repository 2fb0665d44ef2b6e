import type { Role } from '../../../../shared/roles.js';

/**
 * The three administrator duties of 等保2.0 (三员分立) and the role that carries each. One account has one role, so
 * one duty at most; the `administrator_duties` table (keyed by the account) records who holds which, and the
 * database refuses a second one (migrations.ts).
 */
export const DUTIES = ['system', 'security', 'audit'] as const;
export type Duty = (typeof DUTIES)[number];

export const DUTY_OF_ROLE: Partial<Record<Role, Duty>> = { admin: 'system', security: 'security', auditor: 'audit' };
export const DUTY_ROLES = ['admin', 'security', 'auditor'] as const satisfies readonly Role[];
export type DutyRole = (typeof DUTY_ROLES)[number];

export const dutyOf = (role: Role): Duty | null => DUTY_OF_ROLE[role] ?? null;
export const isDutyRole = (role: Role): role is DutyRole => dutyOf(role) !== null;

/**
 * Roles the city cannot be without: each administrator duty, and the work team office that runs the plan. No
 * account may disable, demote or delete the last active holder of one of them, nor suspend the organisation that
 * holds it (guard.ts, and the triggers of migrations.ts behind it).
 */
export const GUARDED_ROLES = ['admin', 'security', 'auditor', 'office'] as const satisfies readonly Role[];
export type GuardedRole = (typeof GUARDED_ROLES)[number];
export const isGuardedRole = (role: Role): role is GuardedRole => (GUARDED_ROLES as readonly Role[]).includes(role);

/**
 * The messages the triggers raise: the services check first and answer with their own 409 or 400, so a trigger
 * fires only when two transactions raced past that check or SQL was written by hand; guard.ts maps these back.
 */
export const TRIGGER_MESSAGES = {
  secondDuty: 'HX_DUTY_SECOND',
  outsideOffice: 'HX_DUTY_OUTSIDE_OFFICE',
  mismatch: 'HX_DUTY_MISMATCH',
  lastHolder: 'HX_DUTY_LAST_HOLDER',
} as const;

/**
 * The PostgreSQL advisory lock every change that can take a holder away waits for, in the service (guard.ts) and
 * in the triggers: two transactions disabling the last two administrators one each would otherwise both count
 * the other as still active (read committed) and both pass. SQLite runs one write transaction at a time.
 */
export const DUTY_LOCK_KEY = 7_420_180_001;
