import { z } from 'zod';
import { RISK_REVIEW_STATUSES } from '../../../../shared/enums/tradein.js';
import { REDEMPTION_STATUSES } from '../redemptions/schema.js';
import { RISK_RULE_ACTIONS, RISK_RULE_CODES, ruleParamsSchemas } from './rules.js';
import { pageQuery } from '../../../http/schema.js';
import { oldItemProofView } from './proofEvidence.js';

export const riskRuleCode = z.enum(RISK_RULE_CODES as [string, ...string[]]);
export { RISK_REVIEW_STATUSES };
export const RISK_DECISIONS = ['hold', 'clear', 'reject'] as const;

export const riskRuleView = z.object({
  code: riskRuleCode,
  /** What the rule looks at, in the caller's language. */
  description: z.string(),
  enabled: z.boolean(),
  action: z.enum(RISK_RULE_ACTIONS),
  score: z.number().int(),
  params: z.record(z.string(), z.number()),
  version: z.number().int(),
  updatedBy: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type RiskRuleView = z.infer<typeof riskRuleView>;

export const riskRuleVersionView = riskRuleView.omit({ description: true, updatedBy: true, updatedAt: true }).extend({
  note: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
  current: z.boolean(),
});

/** The body is checked twice: its shape here, its parameters against the rule's own schema in the service. */
export const updateRiskRuleBody = z
  .object({
    enabled: z.boolean(),
    action: z.enum(RISK_RULE_ACTIONS),
    score: z.number().int().min(0).max(1000),
    params: z.record(z.string(), z.number()),
    note: z.string().trim().min(2).max(500),
    baseVersion: z.number().int().min(1).optional().describe('The `version` the editor loaded; omitted: the current one'),
  })
  .strict();
export type UpdateRiskRuleInput = z.infer<typeof updateRiskRuleBody>;

export const riskRuleParams = z.object({ code: riskRuleCode });

export const riskFlagView = z.object({
  ruleCode: riskRuleCode,
  ruleVersion: z.number().int(),
  score: z.number().int(),
  /** The reason in the caller's language, e.g. “成交价 5,600.00 元高于目录参考价 4,999.00 元 12.02%…”. */
  reason: z.string(),
  reasonKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const riskDecisionView = z.object({
  decision: z.enum(RISK_DECISIONS),
  fromStatus: z.enum(RISK_REVIEW_STATUSES),
  toStatus: z.enum(RISK_REVIEW_STATUSES),
  note: z.string(),
  decidedBy: z.number().int().nullable(),
  decidedAt: z.string(),
});

export const riskReviewView = z.object({
  redemptionId: z.number().int(),
  status: z.enum(RISK_REVIEW_STATUSES),
  score: z.number().int(),
  flaggedAt: z.string(),
  decidedBy: z.number().int().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
  redemption: z.object({
    programId: z.number().int(),
    category: z.string(),
    organizationId: z.number().int(),
    merchantName: z.string(),
    productId: z.number().int(),
    serialNumber: z.string(),
    price: z.number().int(),
    subsidy: z.number().int(),
    status: z.enum(REDEMPTION_STATUSES),
    settlementBatchId: z.number().int().nullable(),
    createdAt: z.string(),
  }),
  flags: z.array(riskFlagView),
});
export type RiskReviewView = z.infer<typeof riskReviewView>;

export const riskReviewDetailView = riskReviewView.extend({ decisions: z.array(riskDecisionView), oldItemProof: oldItemProofView });

export const listReviewsQuery = z.object({
  status: z.enum(RISK_REVIEW_STATUSES).optional(),
  programId: z.coerce.number().int().positive().optional(),
  organizationId: z.coerce.number().int().positive().optional(),
  ruleCode: riskRuleCode.optional(),
  /** Flagged at or after (ISO instant). */
  from: z.iso.datetime().optional(),
  /** Flagged before (ISO instant). */
  to: z.iso.datetime().optional(),
  minScore: z.coerce.number().int().min(0).optional(),
  sort: z.enum(['score', 'flaggedAt']).default('score'),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pageQuery.shape,
});
export type ListReviewsQuery = z.infer<typeof listReviewsQuery>;

export const redemptionParams = z.object({ redemptionId: z.coerce.number().int().positive() });

export const decideBody = z
  .object({
    decision: z.enum(RISK_DECISIONS),
    note: z.string().trim().min(2).max(1000),
  })
  .strict();
export type DecideInput = z.infer<typeof decideBody>;

export { ruleParamsSchemas };
