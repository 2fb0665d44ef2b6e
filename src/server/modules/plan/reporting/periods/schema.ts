import { z } from 'zod';

export const openPeriodBody = z.object({
  planId: z.number().int().positive(),
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'field.period.format'),
  /** Reports are due by this day of the following month (Asia/Shanghai); the 5th unless the office says otherwise. */
  deadlineDay: z.number().int().min(1).max(28).default(5),
});
export type OpenPeriodInput = z.infer<typeof openPeriodBody>;

export const periodListQuery = z.object({
  planId: z.coerce.number().int().positive().optional(),
});

export const periodSchema = z.object({
  id: z.number().int(),
  planId: z.number().int(),
  period: z.string(),
  frequency: z.literal('month'),
  startsAt: z.string(),
  endsAt: z.string(),
  deadlineDate: z.string(),
  deadlineAt: z.string(),
  status: z.enum(['open', 'closed']),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  /** Reports of the period by status, and how many were handed in late. */
  counts: z.object({
    total: z.number().int(),
    pending: z.number().int(),
    draft: z.number().int(),
    submitted: z.number().int(),
    returned: z.number().int(),
    corrected: z.number().int(),
    accepted: z.number().int(),
    late: z.number().int(),
  }),
});
export type PeriodView = z.infer<typeof periodSchema>;
