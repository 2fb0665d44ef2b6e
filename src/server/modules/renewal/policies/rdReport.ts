import { definePolicy } from '../../../core/policy.js';
import { claimRules, type ClaimPolicyAction, type ClaimRecord } from '../standards/claimRules.js';

/**
 * Yearly R&D investment reports: 市科技局 (renewal_rd manage) confirms them.
 * The enterprise records, edits and submits its own with evidence; every department, the office and auditors read
 * and export them all.
 */
export const rdReportPolicy = definePolicy<ClaimRecord, ClaimPolicyAction>('renewal_rd_report', claimRules);
