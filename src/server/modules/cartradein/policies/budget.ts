import { definePolicy } from '../../../core/policy.js';
import { isManager, isSupervisor, type WithGrants } from '../../platform/grants/policy.js';

export type CarBudgetRecord = WithGrants;

/** A car programme's budget: managers set its split; managers, 市财政局 and auditors read it and its history. */
export const carBudgetPolicy = definePolicy<CarBudgetRecord, 'read' | 'set' | 'readHistory'>('cartradein_budget', {
  read: isSupervisor,
  set: isManager,
  readHistory: isSupervisor,
});
