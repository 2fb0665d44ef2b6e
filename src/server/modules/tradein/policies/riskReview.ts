import { definePolicy } from '../../../core/policy.js';
import { isManager, isSupervisor, type WithGrants } from '../../platform/grants/policy.js';

export type RiskReviewRecord = WithGrants;

/**
 * The review queue of flagged redemptions: 市商务局 (and the office) hold, clear or reject; 市财政局 and auditors
 * follow it read-only. A merchant does not see that its sales are under review.
 */
export const riskReviewPolicy = definePolicy<RiskReviewRecord, 'list' | 'read' | 'decide'>('tradein_risk_review', {
  list: isSupervisor,
  read: isSupervisor,
  decide: isManager,
});
