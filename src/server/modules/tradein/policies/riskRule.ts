import { definePolicy } from '../../../core/policy.js';
import { isManager, isSupervisor, type WithGrants } from '../../platform/grants/policy.js';

export type RiskRuleRecord = WithGrants;

/** Risk rule thresholds are configuration: the office and 市商务局 edit them; supervisors read them and their history. */
export const riskRulePolicy = definePolicy<RiskRuleRecord, 'list' | 'update' | 'readHistory'>('tradein_risk_rule', {
  list: isSupervisor,
  update: isManager,
  readHistory: isSupervisor,
});
