import { definePolicy } from '../../../core/policy.js';
import { isSupervisor, type WithGrants } from '../../platform/grants/policy.js';

export type BudgetRecord = WithGrants;

/** A programme's budget view (committed, redeemed, settled, paid by funding source): managers, 市财政局, auditors. */
export const budgetPolicy = definePolicy<BudgetRecord, 'read'>('tradein_budget', {
  read: isSupervisor,
});
