import { z } from 'zod';
import { zCalendarDate } from '../../../../shared/zodFields.js';

export const cascadeQuery = z.object({ asOf: zCalendarDate().optional() });
export const cascadeListQuery = z.object({ planId: z.coerce.number().int().positive().optional() });

const level = z.enum(['national', 'province', 'city', 'county']);

export const cascadePlanSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    docNumber: z.string(),
    title: z.string(),
    issuer: z.string(),
    region: z.object({ code: z.string(), name: z.string() }),
    level,
    /** A parent plan shipped as reference data: only its stated targets, nobody reports on it. */
    reference: z.boolean(),
    provenance: z.string().nullable(),
  })
  .meta({ id: 'CascadePlan' });

const target = z.object({ year: z.number().int(), value: z.number() });

const share = z
  .discriminatedUnion('status', [
    z.object({
      status: z.literal('additive'),
      year: z.number().int(),
      childTarget: z.number(),
      parentTarget: z.number(),
      parentUnit: z.string(),
      factor: z.number(),
      targetShare: z.number().nullable(),
      actualShare: z.number().nullable(),
    }),
    z.object({
      status: z.literal('not_additive'),
      reason: z.enum(['rate', 'kind']),
      year: z.number().int().nullable(),
      comparison: z.enum(['higher', 'same', 'lower']).nullable(),
    }),
    z.object({ status: z.literal('unit_mismatch'), childUnit: z.string(), parentUnit: z.string() }),
    z.object({ status: z.literal('kind_mismatch'), childKind: z.string(), parentKind: z.string() }),
    z.object({ status: z.literal('no_common_year') }),
  ])
  .describe('what this level contributes to the level above: a share of its target when both count the same thing, else why not');

export const cascadeLevelSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('indicator'),
      plan: cascadePlanSchema,
      indicator: z.object({
        id: z.number().int(),
        code: z.string(),
        name: z.string(),
        nameEn: z.string(),
        text: z.string(),
        unit: z.string(),
        kind: z.enum(['cumulative', 'annual', 'level', 'growth', 'share']),
        comparator: z.string(),
        baseline: z.object({ year: z.number().int(), value: z.number().nullable() }).nullable(),
        targets: z.array(target),
      }),
      /** The final target (the plan's last year). */
      target: target.nullable(),
      /** From the platform's observations (the working plan's indicators only); null is "no data", never zero. */
      actual: z.object({ value: z.number(), asOf: z.string(), status: z.string() }).nullable(),
      noDataReason: z.enum(['reference_plan', 'no_observations']).nullable(),
      share: share.nullable(),
    }),
    z.object({
      kind: z.literal('missing'),
      /** As the plan below names it. */
      docNumber: z.string().nullable(),
      planCode: z.string().nullable(),
      indicatorCode: z.string().nullable(),
      /** not_loaded: named but not in the platform; not_linked: loaded, but no link passes through it; unresolved: the link names an indicator not loaded. */
      reason: z.enum(['not_loaded', 'not_linked', 'unresolved']),
    }),
  ])
  .meta({ id: 'CascadeLevel' });

export const cascadeSchema = z
  .object({
    indicatorId: z.number().int(),
    asOf: z.string(),
    /** Top-down: national first, the indicator asked for last. */
    levels: z.array(cascadeLevelSchema),
  })
  .meta({ id: 'Cascade' });

export const cascadeListSchema = z
  .object({
    plan: cascadePlanSchema,
    indicators: z.array(
      z.object({
        id: z.number().int(),
        code: z.string(),
        name: z.string(),
        nameEn: z.string(),
        unit: z.string(),
        parent: z.object({ plan: z.string(), indicator: z.string(), resolved: z.boolean() }),
      }),
    ),
  })
  .meta({ id: 'CascadeIndicators' });

export type CascadeView = z.infer<typeof cascadeSchema>;
export type CascadeLevelView = z.infer<typeof cascadeLevelSchema>;
export type CascadePlanView = z.infer<typeof cascadePlanSchema>;
export type CascadeListView = z.infer<typeof cascadeListSchema>;
