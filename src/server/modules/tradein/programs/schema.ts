import { z } from 'zod';
import { PROGRAM_KINDS } from '../../../../shared/enums/tradein.js';
import { categoryRuleSchema, type CategoryRule } from './rules.js';
import { idParams } from '../../../http/schema.js';

export { PROGRAM_KINDS };
export const PROGRAM_STATUSES = ['draft', 'active', 'closed'] as const;
export const ROUNDINGS = ['half_up', 'down'] as const;

const date = z.iso.date();
const fen = z.number().int().min(0).max(1_000_000_000_000);
export const categoryCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);

export const budgetSchema = z.object({ centralFen: fen, provincialFen: fen, cityFen: fen }).strict();

export const categoryInput = z
  .object({
    category: categoryCode,
    name: z.string().trim().min(1).max(40),
    dailyQuota: z.number().int().min(0).max(1_000_000),
    rule: categoryRuleSchema,
  })
  .strict();

export const createProgramBody = z
  .object({
    code: z.string().regex(/^[a-z0-9][a-z0-9-]{2,59}$/),
    name: z.string().trim().min(2).max(100),
    kind: z.enum(PROGRAM_KINDS),
    status: z.enum(['draft', 'active']).default('draft'),
    validFrom: date,
    validTo: date,
    budget: budgetSchema,
    voucherValidDays: z.number().int().min(1).max(365),
    releaseTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    rounding: z.enum(ROUNDINGS).default('half_up'),
    isExample: z.boolean().default(false),
    sourceNote: z.string().trim().max(2000).optional(),
    categories: z.array(categoryInput).min(1).max(50),
  })
  .strict();
export type CreateProgramInput = z.infer<typeof createProgramBody>;

/** Rounding is fixed at creation: vouchers already issued were promised a subsidy computed that way. */
export const updateProgramBody = z
  .object({
    name: z.string().trim().min(2).max(100),
    status: z.enum(PROGRAM_STATUSES),
    validFrom: date,
    validTo: date,
    budget: budgetSchema,
    voucherValidDays: z.number().int().min(1).max(365),
    releaseTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    isExample: z.boolean(),
    sourceNote: z.string().trim().max(2000).nullable(),
  })
  .partial()
  .strict();
export type UpdateProgramInput = z.infer<typeof updateProgramBody>;

/** A programme carried into its next window: a new draft with the old one's categories, rules and schedule. */
export const rolloverProgramBody = z
  .object({
    code: createProgramBody.shape.code,
    name: createProgramBody.shape.name,
    /** Default: the day after the old programme's last day. */
    validFrom: date.optional(),
    validTo: date,
    /** Default: the old programme's split. */
    budget: budgetSchema.optional(),
    /** Approve the old programme's approved merchants for the new one (default) or let them apply again. */
    carryMerchants: z.boolean().default(true),
  })
  .strict();
export type RolloverProgramInput = z.infer<typeof rolloverProgramBody>;

export const setCategoryBody = z
  .object({
    name: z.string().trim().min(1).max(40).optional(),
    dailyQuota: z.number().int().min(0).max(1_000_000).optional(),
    rule: categoryRuleSchema,
    note: z.string().trim().max(500).optional(),
    baseVersion: z.number().int().min(0).optional().describe('The rule version the editor loaded (0 for a new category); omitted: the current one'),
  })
  .strict();
export type SetCategoryInput = z.infer<typeof setCategoryBody>;

export const categoryView = z.object({
  category: z.string(),
  name: z.string(),
  dailyQuota: z.number().int(),
  ruleVersionId: z.number().int(),
  ruleVersion: z.number().int(),
  rule: categoryRuleSchema,
});

export const programView = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(PROGRAM_KINDS),
  status: z.enum(PROGRAM_STATUSES),
  validFrom: z.string(),
  validTo: z.string(),
  budget: z.object({ centralFen: z.number(), provincialFen: z.number(), cityFen: z.number(), totalFen: z.number(), usedFen: z.number() }),
  voucherValidDays: z.number().int(),
  releaseTime: z.string(),
  rounding: z.enum(ROUNDINGS),
  roundingStatement: z.string(),
  isExample: z.boolean(),
  sourceNote: z.string().nullable(),
  rolledOverFromId: z.number().int().nullable().describe('The programme this one continues into a new window'),
  categories: z.array(categoryView),
});
export type ProgramView = z.infer<typeof programView>;

export const ruleVersionView = z.object({
  id: z.number().int(),
  version: z.number().int(),
  rule: categoryRuleSchema,
  note: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
  current: z.boolean(),
});

export const categoryParams = idParams.extend({ category: categoryCode });

export type { CategoryRule };
