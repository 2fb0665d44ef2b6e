import type { Actor } from '../../../core/context.js';
import { definePolicy, hasRole } from '../../../core/policy.js';
import { grantsIn, isManager, isPayer, type Grants } from '../../platform/grants/policy.js';

/** What the rules look at; absent: "some record" (the route's check before the service loads it). */
export interface FundingRecord {
  grants?: Grants;
  /** The enterprise (or public body) whose project it is. */
  projectOrganizationId?: number;
}

/** The project's own enterprise. */
const ownProject = (a: Actor, r?: FundingRecord) =>
  a.role === 'enterprise' && a.organizationId !== null && (r?.projectOrganizationId === undefined || r.projectOrganizationId === a.organizationId);
/** The department holding the renewal `manage` grant (市工信局 by default) and the office. */
const manager = (a: Actor, r?: FundingRecord) => isManager(a, grantsIn(r));
/** The department holding the renewal `confirm_payment` grant (市财政局 by default). */
const payer = (a: Actor, r?: FundingRecord) => isPayer(a, r);
/**
 * Every department, the office and auditors read every project's funding: the grant holders act on it, and the
 * plan puts funding on 市发改局 (where the office sits) and 市财政局 (三(二)), 工信局 and 金融局 (三(三)) alike.
 */
const official = hasRole('office', 'department', 'auditor');

/**
 * Funding applications: the project's enterprise applies (or the managers record one on behalf of a public body
 * without an account), the `manage` department grants or rejects, the `confirm_payment` department (市财政局)
 * records payments; the office, auditors and every department read the applications, the overview and its export.
 */
export const fundingPolicy = definePolicy<
  FundingRecord,
  'listProjects' | 'list' | 'listAll' | 'read' | 'apply' | 'grant' | 'reject' | 'pay' | 'overview' | 'export'
>('renewal_funding_application', {
  listProjects: (a, r) => ownProject(a, r) || official(a),
  list: (a, r) => ownProject(a, r) || official(a),
  /** Sees every project's applications (not only its own enterprise's). */
  listAll: official,
  read: (a, r) => ownProject(a, r) || official(a),
  apply: (a, r) => ownProject(a, r) || manager(a, r),
  grant: manager,
  reject: manager,
  pay: payer,
  overview: hasRole('office', 'department', 'auditor'),
  export: hasRole('office', 'department', 'auditor'),
});
