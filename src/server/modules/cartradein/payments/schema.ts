import { z } from 'zod';
import { carApplicationSummaryView } from '../applications/schema.js';

export const createBatchBody = z
  .object({
    applicationIds: z
      .array(z.number().int().positive())
      .min(1)
      .max(5000)
      .optional()
      .describe('Approved applications to pay; omitted = every approved application not yet in a batch'),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type CreateBatchInput = z.infer<typeof createBatchBody>;

export const markPaidBody = z
  .object({
    reference: z.string().trim().min(2).max(100).describe('The treasury/bank payment reference (支付凭证号)'),
    paidOn: z.iso.date().optional().describe('Date paid (Asia/Shanghai); defaults to today'),
  })
  .strict();
export type MarkPaidInput = z.infer<typeof markPaidBody>;

export const batchView = z.object({
  id: z.number().int(),
  batchNo: z.string(),
  status: z.enum(['pending', 'paid', 'cancelled']),
  applicationCount: z.number().int(),
  totalFen: z.number().int(),
  note: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  paidOn: z.string().nullable(),
  paymentReference: z.string().nullable(),
});
export type BatchView = z.infer<typeof batchView>;

export const batchDetailView = batchView.extend({ applications: z.array(carApplicationSummaryView) });
