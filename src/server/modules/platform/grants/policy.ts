import type { Actor } from '../../../core/context.js';

/**
 * What the actor's organisation has been granted in one domain (`tradein`, `cartradein`, …), as
 * `grantsOf(db, actor, domain)` resolves it from organization_grants: by default 市商务局 manages, 市财政局
 * confirms payments. Policies are pure functions, so the service resolves the grants and passes them in the
 * record; at the route (no record yet) a department is let through and the service decides once it knows them.
 */
export interface Grants {
  manage: boolean;
  confirmPayment: boolean;
}

export type GrantCapability = 'manage' | 'confirm_payment';
export const GRANT_CAPABILITIES = ['manage', 'confirm_payment'] as const satisfies readonly GrantCapability[];

export const NO_GRANTS: Grants = Object.freeze({ manage: false, confirmPayment: false });

export interface WithGrants {
  grants: Grants;
}

/** For records whose grants are optional: a record without them counts as "no record yet". */
export const grantsIn = (r?: { grants?: Grants }): WithGrants | undefined => (r?.grants ? { grants: r.grants } : undefined);

/** The office, or a department account of an organisation granted `manage` in the domain. */
export function isManager(a: Actor, r?: WithGrants): boolean {
  return a.role === 'office' || (a.role === 'department' && (!r || r.grants.manage));
}

/** Managers, the payment confirmer (市财政局) and auditors read everything of the domain. */
export function isSupervisor(a: Actor, r?: WithGrants): boolean {
  return isManager(a, r) || a.role === 'auditor' || (a.role === 'department' && (!r || r.grants.manage || r.grants.confirmPayment));
}

/** A department account of the organisation granted `confirm_payment` in the domain (市财政局). */
export function isPayer(a: Actor, r?: { grants?: Grants }): boolean {
  return a.role === 'department' && (!r?.grants || r.grants.confirmPayment);
}
