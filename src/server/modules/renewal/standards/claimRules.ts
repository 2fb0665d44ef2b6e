import type { Actor } from '../../../core/context.js';
import { hasRole, type Rule } from '../../../core/policy.js';
import { grantsIn, isManager, type Grants } from '../../platform/grants/policy.js';

/** What the claim policies look at; absent: "some record" (the route's check before the service loads it). */
export interface ClaimRecord {
  /** The actor's grants in the model's domain (renewal_standards, renewal, renewal_rd). */
  grants?: Grants;
  organization_id?: number;
  /** Who recorded it: a confirmer edits and submits only what it recorded itself (for a body without an account). */
  created_by?: number;
}

/** The record's own enterprise (or public body). */
export const owner: Rule<ClaimRecord> = (a: Actor, r?: ClaimRecord) =>
  a.role === 'enterprise' && a.organizationId !== null && (r?.organization_id === undefined || r.organization_id === a.organizationId);
/** The office, or a department granted `manage` in the model's domain: it confirms, returns and withdraws. */
export const confirmer: Rule<ClaimRecord> = (a: Actor, r?: ClaimRecord) => isManager(a, grantsIn(r));
/** The confirmer that recorded the record itself (never an enterprise's own record). */
const recorder: Rule<ClaimRecord> = (a: Actor, r?: ClaimRecord) => confirmer(a, r) && (r?.created_by === undefined || r.created_by === a.userId);
/** Every department, the office and auditors read every organisation's records (the plan reports them city-wide). */
export const official = hasRole('office', 'department', 'auditor');

/** The actions of every claim model, with the rules of the model's confirmer. */
export const claimRules = {
  /** The enterprise records its own; the confirmer records one for a body without an account. */
  create: (a: Actor, r?: ClaimRecord) => owner(a, r) || confirmer(a, r),
  listMine: hasRole('enterprise'),
  listAll: official,
  read: (a: Actor, r?: ClaimRecord) => owner(a, r) || official(a),
  update: (a: Actor, r?: ClaimRecord) => owner(a, r) || recorder(a, r),
  submit: (a: Actor, r?: ClaimRecord) => owner(a, r) || recorder(a, r),
  confirm: confirmer,
  export: official,
};
export type ClaimPolicyAction = keyof typeof claimRules;
