import { z } from 'zod';
import { STATUSES } from '../status/evaluate.js';

export const workspaceSchema = z.object({
  organization: z.object({ id: z.number().int(), name: z.string(), kind: z.string() }),
  planId: z.number().int(),
  tasks: z.array(
    z.object({
      id: z.number().int(),
      actionCode: z.string(),
      actionTitle: z.string(),
      number: z.number().int(),
      title: z.string(),
      role: z.enum(['lead', 'co', 'town']),
    }),
  ),
  indicators: z.array(
    z.object({
      id: z.number().int(),
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      unit: z.string(),
      kind: z.string(),
      source: z.string(),
      role: z.enum(['lead', 'co', 'town']),
      targets: z.array(z.object({ year: z.number().int(), value: z.number() })),
      actual: z.number().nullable(),
      expected: z.number().nullable(),
      status: z.enum(STATUSES),
      reason: z.string(),
    }),
  ),
});
export type WorkspaceView = z.infer<typeof workspaceSchema>;
