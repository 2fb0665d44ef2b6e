import { definePolicy } from '../../../core/policy.js';
import { claimRules, type ClaimPolicyAction, type ClaimRecord } from '../standards/claimRules.js';

/**
 * 国潮 brands and 晋江优品 products: 市工信局 (renewal manage) confirms them.
 * The enterprise records, edits and submits its own with evidence; every department, the office and auditors read
 * and export them all.
 */
export const brandPolicy = definePolicy<ClaimRecord, ClaimPolicyAction>('renewal_brand', claimRules);
