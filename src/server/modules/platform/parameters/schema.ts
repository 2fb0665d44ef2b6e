import { z } from 'zod';

export const parameterKeyParams = z.object({ key: z.string().trim().min(1).max(100) });

const text = z.object({ 'zh-CN': z.string(), en: z.string() });
const value = z.union([z.number(), z.boolean(), z.string()]);

export const parameterView = z
  .object({
    key: z.string(),
    module: z.string(),
    type: z.enum(['integer', 'duration', 'boolean', 'enum']),
    label: text,
    description: text,
    unit: text.nullable(),
    value,
    defaultValue: value,
    /** True when the office set a value (even one equal to the default). */
    overridden: z.boolean(),
    min: z.number().int().nullable(),
    max: z.number().int().nullable(),
    values: z.array(z.object({ value: z.string(), label: text })).nullable(),
    /** A security parameter (the security administrator's); otherwise business (the office's). */
    security: z.boolean(),
    /** Whether the caller may set or reset it (the policy's answer, so that pages offer only that). */
    canChange: z.boolean(),
    version: z.number().int(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'SystemParameter' });
export type ParameterView = z.infer<typeof parameterView>;

export const setParameterBody = z
  .object({
    value: value.describe('A number for integer and duration (minutes) parameters, true/false, or one of an enum’s values'),
    version: z.number().int().min(0).describe('The version the value was read at (0 when never changed); a stale one is 409'),
  })
  .strict();
export type SetParameterInput = z.infer<typeof setParameterBody>;

export const resetParameterBody = z.object({ version: z.number().int().min(0) }).strict();

export const parameterHistoryEntry = z.object({
  at: z.string(),
  actor: z.string().nullable(),
  action: z.enum(['set', 'reset']),
  before: value.nullable(),
  after: value.nullable(),
  version: z.number().int().nullable(),
});
export type ParameterHistoryEntry = z.infer<typeof parameterHistoryEntry>;
