import { z } from 'zod';
import { CAR_PROGRAM_KINDS } from '../../../../shared/enums/cartradein.js';
import { carRuleSchema } from './rules.js';

export { CAR_PROGRAM_KINDS };
/** draft → active ⇄ suspended → closed (also draft → closed); closed is final, and a programme once open is never a draft again. */
export const CAR_PROGRAM_STATUSES = ['draft', 'active', 'suspended', 'closed'] as const;
const date = z.iso.date();

export const createCarProgramBody = z
  .object({
    code: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{2,59}$/)
      .describe('Stable code, e.g. car-scrapping-2026'),
    name: z.string().trim().min(2).max(100),
    kind: z.enum(CAR_PROGRAM_KINDS).describe('scrapping = 报废更新, replacement = 置换更新'),
    status: z.enum(['draft', 'active']).default('draft'),
    validFrom: date.describe('First day of the application window (Asia/Shanghai)'),
    validTo: date.describe('Last day of the application window, inclusive'),
    isExample: z.boolean().default(false).describe('True for example values that are not an official rule'),
    sourceNote: z.string().trim().max(2000).optional(),
    rule: carRuleSchema,
  })
  .strict();
export type CreateCarProgramInput = z.infer<typeof createCarProgramBody>;

export const updateCarProgramBody = z
  .object({
    name: z.string().trim().min(2).max(100),
    status: z.enum(CAR_PROGRAM_STATUSES),
    validFrom: date,
    validTo: date,
    isExample: z.boolean(),
    sourceNote: z.string().trim().max(2000).nullable(),
  })
  .partial()
  .strict();
export type UpdateCarProgramInput = z.infer<typeof updateCarProgramBody>;

/** A car programme carried into its next window: a new draft with the old one's current rule. */
export const rolloverCarProgramBody = z
  .object({
    code: createCarProgramBody.shape.code,
    name: createCarProgramBody.shape.name,
    validFrom: date.optional().describe('Default: the day after the old programme’s last day'),
    validTo: date,
  })
  .strict();
export type RolloverCarProgramInput = z.infer<typeof rolloverCarProgramBody>;

export const setCarRuleBody = z
  .object({
    rule: carRuleSchema,
    note: z.string().trim().max(500).optional().describe('Why the rule changed (kept in the history)'),
    baseVersion: z.number().int().min(1).optional().describe('The `ruleVersion` the editor loaded; omitted: the current one'),
  })
  .strict();
export type SetCarRuleInput = z.infer<typeof setCarRuleBody>;

export const carProgramView = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(CAR_PROGRAM_KINDS),
  status: z.enum(CAR_PROGRAM_STATUSES),
  validFrom: z.string(),
  validTo: z.string(),
  isExample: z.boolean(),
  sourceNote: z.string().nullable(),
  rolledOverFromId: z.number().int().nullable().describe('The programme this one continues into a new window'),
  ruleVersionId: z.number().int(),
  ruleVersion: z.number().int(),
  rule: carRuleSchema,
});
export type CarProgramView = z.infer<typeof carProgramView>;

export const carRuleVersionView = z.object({
  id: z.number().int(),
  version: z.number().int(),
  rule: carRuleSchema,
  note: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
  current: z.boolean(),
});
