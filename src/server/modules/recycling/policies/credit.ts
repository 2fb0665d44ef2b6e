import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';
import { grantsIn, isManager, type Grants } from '../../platform/grants/policy.js';

export interface CreditRecord {
  grants?: Grants;
  /** The department that recorded the violation. */
  issuingOrganizationId?: number;
  /** The dealer's enterprise, for its own records. */
  dealerOrganizationId?: number | null;
}

const issuer = (a: Actor, r?: CreditRecord) =>
  a.role === 'department' && a.organizationId !== null && (r?.issuingOrganizationId === undefined || r.issuingOrganizationId === a.organizationId);
const member = (a: Actor, r?: CreditRecord) =>
  hasRole('enterprise', 'merchant', 'recycler')(a) && a.organizationId !== null && (r === undefined || r.dealerOrganizationId === a.organizationId);

/**
 * Credit records of second-hand dealers (the plan: 将二手商品企业经营违规行为纳入企业信用记录，向社会公布违规情况).
 * A department records a violation it found within its own duties (商务, 市场监管, 公安 — its organisation is the
 * issuing unit the public page names); the issuing unit, or 市商务局 (recycling `manage`) and the office, revokes
 * one on appeal. 市商务局 and the office publish the grading rules. Officials and auditors read every record and
 * its evidence; a dealer reads its own records (not the evidence). The disclosure and the rules are public.
 */
export const creditPolicy = definePolicy<
  CreditRecord,
  'publicDisclosure' | 'readRules' | 'publishRules' | 'recordViolation' | 'revokeViolation' | 'listViolations' | 'readViolation' | 'readEvidence'
>('recycling_credit', {
  publicDisclosure: () => true,
  readRules: () => true,
  publishRules: (a, r) => isManager(a, grantsIn(r)),
  recordViolation: hasRole('department'),
  revokeViolation: (a, r) => issuer(a, r) || isManager(a, grantsIn(r)),
  listViolations: (a) => hasRole('office', 'department', 'auditor', 'town')(a) || member(a),
  readViolation: (a, r) => hasRole('office', 'department', 'auditor', 'town')(a) || member(a, r),
  readEvidence: hasRole('office', 'department', 'auditor'),
});
