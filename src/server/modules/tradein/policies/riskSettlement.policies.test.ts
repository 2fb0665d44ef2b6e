import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor } from '../../../core/context.js';
import { ROLES, type Role } from '../../../../shared/roles.js';
import { NO_GRANTS, type Grants } from '../../platform/grants/policy.js';
import { budgetPolicy } from './budget.js';
import { riskReviewPolicy } from './riskReview.js';
import { riskRulePolicy } from './riskRule.js';
import { settlementBatchPolicy } from './settlementBatch.js';

const OWN_ORG = 500;
const OTHER_ORG = 501;

function actor(role: Role): Actor {
  const enterprise = role === 'enterprise' || role === 'merchant' || role === 'recycler';
  return {
    kind: 'user',
    userId: 42,
    username: role,
    role,
    organizationId: enterprise ? OWN_ORG : 1,
    organizationKind: enterprise ? 'enterprise' : role === 'resident' ? 'public' : role === 'department' ? 'department' : role === 'town' ? 'town' : 'office',
    townId: null,
    sessionId: 's',
  };
}

const MANAGE: Grants = { manage: true, confirmPayment: false };
const FINANCE: Grants = { manage: false, confirmPayment: true };
/** The department column is answered three times: 市商务局 (manage), 市财政局 (confirm payments), any other. */
type Row = [name: string, check: (a: Actor, grants: Grants) => boolean, allowed: Role[], departments: { manage: boolean; finance: boolean; other: boolean }];
const SUPERVISORS = { manage: true, finance: true, other: false };
const MANAGERS = { manage: true, finance: false, other: false };
const PAYER = { manage: false, finance: true, other: false };

const rows: Row[] = [
  ['risk_rule.list', (a, g) => riskRulePolicy.can(a, 'list', { grants: g }), ['office', 'auditor'], SUPERVISORS],
  ['risk_rule.update', (a, g) => riskRulePolicy.can(a, 'update', { grants: g }), ['office'], MANAGERS],
  ['risk_rule.readHistory', (a, g) => riskRulePolicy.can(a, 'readHistory', { grants: g }), ['office', 'auditor'], SUPERVISORS],
  ['risk_review.list', (a, g) => riskReviewPolicy.can(a, 'list', { grants: g }), ['office', 'auditor'], SUPERVISORS],
  ['risk_review.read', (a, g) => riskReviewPolicy.can(a, 'read', { grants: g }), ['office', 'auditor'], SUPERVISORS],
  ['risk_review.decide', (a, g) => riskReviewPolicy.can(a, 'decide', { grants: g }), ['office'], MANAGERS],
  [
    'settlement_batch.list (own)',
    (a, g) => settlementBatchPolicy.can(a, 'list', { grants: g, organization_id: OWN_ORG }),
    ['office', 'auditor', 'enterprise', 'merchant'],
    SUPERVISORS,
  ],
  [
    'settlement_batch.read (other)',
    (a, g) => settlementBatchPolicy.can(a, 'read', { grants: g, organization_id: OTHER_ORG }),
    ['office', 'auditor'],
    SUPERVISORS,
  ],
  ['settlement_batch.create', (a, g) => settlementBatchPolicy.can(a, 'create', { grants: g }), ['office'], MANAGERS],
  ['settlement_batch.approve', (a, g) => settlementBatchPolicy.can(a, 'approve', { grants: g, organization_id: OTHER_ORG }), ['office'], MANAGERS],
  ['settlement_batch.confirm', (a, g) => settlementBatchPolicy.can(a, 'confirm', { grants: g, organization_id: OTHER_ORG }), [], PAYER],
  ['settlement_batch.markPaid', (a, g) => settlementBatchPolicy.can(a, 'markPaid', { grants: g, organization_id: OTHER_ORG }), [], PAYER],
  ['settlement_batch.export', (a, g) => settlementBatchPolicy.can(a, 'export', { grants: g, organization_id: OWN_ORG }), ['office', 'auditor'], SUPERVISORS],
  ['settlement_batch.readFullAccount', (a, g) => settlementBatchPolicy.can(a, 'readFullAccount', { grants: g }), [], PAYER],
  ['budget.read', (a, g) => budgetPolicy.can(a, 'read', { grants: g }), ['office', 'auditor'], SUPERVISORS],
];

describe('trade-in risk, settlement and budget policies: role × action', () => {
  for (const [name, check, allowed, departments] of rows) {
    it(name, () => {
      const nonDepartment = ROLES.filter((r) => r !== 'department');
      const answers = Object.fromEntries(nonDepartment.map((r) => [r, check(actor(r), NO_GRANTS)]));
      expect(answers).toEqual(Object.fromEntries(nonDepartment.map((r) => [r, allowed.includes(r)])));
      const d = actor('department');
      expect({ manage: check(d, MANAGE), finance: check(d, FINANCE), other: check(d, NO_GRANTS) }).toEqual(departments);
      expect(check(ANONYMOUS, NO_GRANTS)).toBe(false);
    });
  }

  it('covers every action of every policy here', () => {
    const covered = new Set(rows.map(([name]) => name.split(' ')[0]));
    for (const policy of [riskRulePolicy, riskReviewPolicy, settlementBatchPolicy, budgetPolicy]) {
      const prefix = policy.resource.replace('tradein_', '');
      expect(
        policy.actions.filter((a) => !covered.has(`${prefix}.${a}`)),
        policy.resource,
      ).toEqual([]);
    }
  });

  it('approval and payment never sit with one organisation’s grant alone', () => {
    const d = actor('department');
    for (const g of [MANAGE, FINANCE])
      expect(settlementBatchPolicy.can(d, 'approve', { grants: g }) && settlementBatchPolicy.can(d, 'confirm', { grants: g })).toBe(false);
  });
});
