import type { Actor } from '../../../core/context.js';

/**
 * What the actor's organisation has been granted in the trade-in programmes (table tradein_managers): 市商务局
 * manages by default, 市财政局 confirms payments. The service resolves the grants and passes them in the record,
 * because a policy is a pure function; at the route (no record yet) a department is let through and the
 * service decides once it knows the grants.
 */
export interface TradeinGrants {
  manage: boolean;
  confirmPayment: boolean;
}

export const NO_GRANTS: TradeinGrants = { manage: false, confirmPayment: false };

export interface WithGrants {
  grants: TradeinGrants;
}

/** The office, or a department account of an organisation granted trade-in management. */
export function isManager(a: Actor, r?: WithGrants): boolean {
  return a.role === 'office' || (a.role === 'department' && (!r || r.grants.manage));
}

/** Managers, the payment confirmer (市财政局) and auditors read everything of the programmes. */
export function isSupervisor(a: Actor, r?: WithGrants): boolean {
  return (
    isManager(a, r) || a.role === 'auditor' || (a.role === 'department' && (!r || r.grants.manage || r.grants.confirmPayment))
  );
}

/** An account of the enterprise that owns the record (enterprise administrators and merchant staff). */
export function isOwnBusiness(a: Actor, r?: { organization_id: number }): boolean {
  return (a.role === 'enterprise' || a.role === 'merchant') && (!r || r.organization_id === a.organizationId);
}
