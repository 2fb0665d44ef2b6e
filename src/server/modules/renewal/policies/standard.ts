import { definePolicy } from '../../../core/policy.js';
import { claimRules, type ClaimPolicyAction, type ClaimRecord } from '../standards/claimRules.js';

/**
 * Standards organisations lead or join: 市市场监管局 (renewal_standards manage) confirms, returns and withdraws them.
 * The enterprise records, edits and submits its own with evidence; every department, the office and auditors read
 * and export them all.
 */
export const standardPolicy = definePolicy<ClaimRecord, ClaimPolicyAction>('renewal_standard', claimRules);
