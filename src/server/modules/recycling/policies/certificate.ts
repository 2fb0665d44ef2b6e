import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';
import { grantsIn, isManager, type Grants } from '../../platform/grants/policy.js';

export interface CertificateRecord {
  grants?: Grants;
}

/**
 * Recycling certificates: a merchant checks one before citing it at the till, as do 市商务局 (recycling `manage`)
 * and the office; a resident lists their own, a recycler the ones it issued.
 */
export const certificatePolicy = definePolicy<CertificateRecord, 'check' | 'listMine' | 'listIssued'>('recycling_certificate', {
  check: (a: Actor, r?: CertificateRecord) => a.role === 'merchant' || isManager(a, grantsIn(r)),
  listMine: hasRole('resident'),
  listIssued: hasRole('recycler'),
});
