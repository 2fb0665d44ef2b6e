import type { Actor } from '../../../core/context.js';

// Grants (who manages trade-in, who confirms its payments) and isManager/isSupervisor/isPayer are the
// platform's: modules/platform/grants/policy.ts, resolved for the `tradein` domain.

/** An account of the enterprise that owns the record (enterprise administrators and merchant staff). */
export function isOwnBusiness(a: Actor, r?: { organization_id: number }): boolean {
  return (a.role === 'enterprise' || a.role === 'merchant') && (!r || r.organization_id === a.organizationId);
}
