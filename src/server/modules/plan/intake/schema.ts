import { z } from 'zod';

export const intakeTextBody = z.object({
  text: z.string().max(400_000).describe('the whole document, as pasted'),
});

const span = z.object({ start: z.number().int(), end: z.number().int() });

export const intakeResultSchema = z
  .object({
    draft: z.record(z.string(), z.unknown()).describe('a plan file (formatVersion 1), the shape GET /api/plans/{id}/export returns'),
    /** The text the draft was read from (extracted from an upload); spans index into it. */
    text: z.string(),
    items: z.array(
      z.object({
        path: z.string().describe('dotted path into the draft, e.g. actions.0.tasks.2.indicators.1'),
        kind: z.enum(['field', 'action', 'task', 'indicator', 'milestone']),
        label: z.string(),
        span,
        confidence: z.number().min(0).max(1),
        comparator: z.enum(['≤']).optional().describe('as written, when the plan file cannot carry it yet'),
      }),
    ),
    warnings: z.array(z.object({ key: z.string(), message: z.string(), path: z.string().nullable(), span: span.nullable() })),
  })
  .meta({ id: 'PlanIntakeDraft' });

export type IntakeResult = z.infer<typeof intakeResultSchema>;
