import { definePolicy } from '../../../core/policy.js';
import { claimRules, type ClaimPolicyAction, type ClaimRecord } from '../standards/claimRules.js';

/**
 * Certifications (双碳, 能效领跑者, 企业标准领跑者, 绿色工厂…): 市工信局 (renewal manage) confirms them, not 市市场监管局.
 * The enterprise records, edits and submits its own with evidence; every department, the office and auditors read
 * and export them all.
 */
export const certificationPolicy = definePolicy<ClaimRecord, ClaimPolicyAction>('renewal_certification', claimRules);
