import { z } from 'zod';
import { SETTLEMENT_STATUSES } from '../../../../shared/enums/tradein.js';
import { PERIOD_PATTERN } from './period.js';
import { pageQuery } from '../../../http/schema.js';

export { SETTLEMENT_STATUSES };

const period = z.string().regex(PERIOD_PATTERN).meta({ description: 'YYYY-MM, Asia/Shanghai' });

export const createBatchesBody = z
  .object({
    period,
    /** One merchant enrolment; left out, every merchant with something to settle. */
    merchantId: z.number().int().positive().optional(),
    programId: z.number().int().positive().optional(),
  })
  .strict();
export type CreateBatchesInput = z.infer<typeof createBatchesBody>;

export const batchView = z.object({
  id: z.number().int(),
  merchantId: z.number().int(),
  organizationId: z.number().int(),
  merchantName: z.string(),
  programId: z.number().int(),
  programName: z.string(),
  period: z.string(),
  status: z.enum(SETTLEMENT_STATUSES),
  /** Subsidies of the redemptions paid in this batch, fen. */
  subsidy: z.number().int(),
  subsidyCount: z.number().int(),
  /** Subsidies of reversed, already-settled redemptions deducted here, fen (positive). */
  clawback: z.number().int(),
  clawbackCount: z.number().int(),
  /** What is paid: subsidy − claw-back, fen, never negative. */
  net: z.number().int(),
  bankName: z.string(),
  accountName: z.string(),
  /** Always masked here; the full account only appears in 市财政局's payment file. */
  bankAccount: z.string(),
  createdAt: z.string(),
  approvedBy: z.number().int().nullable(),
  approvedAt: z.string().nullable(),
  confirmedBy: z.number().int().nullable(),
  confirmedAt: z.string().nullable(),
  paidBy: z.number().int().nullable(),
  paidAt: z.string().nullable(),
  paymentReference: z.string().nullable(),
});
export type BatchView = z.infer<typeof batchView>;

export const batchLineView = z.object({
  redemptionId: z.number().int(),
  kind: z.enum(['subsidy', 'clawback']),
  /** Positive for a subsidy, negative for a claw-back, fen. */
  amount: z.number().int(),
  category: z.string(),
  serialNumber: z.string(),
  invoiceNumber: z.string(),
  price: z.number().int(),
  redeemedAt: z.string(),
  reversedAt: z.string().nullable(),
});

export const batchDetailView = batchView.extend({ lines: z.array(batchLineView) });

export const createBatchesResponse = z.object({
  items: z.array(batchView.extend({ created: z.boolean() })),
});

export const listBatchesQuery = z.object({
  period: period.optional(),
  programId: z.coerce.number().int().positive().optional(),
  organizationId: z.coerce.number().int().positive().optional(),
  status: z.enum(SETTLEMENT_STATUSES).optional(),
  ...pageQuery.shape,
});
export type ListBatchesQuery = z.infer<typeof listBatchesQuery>;

export const exportBatchesQuery = z.object({
  period,
  programId: z.coerce.number().int().positive().optional(),
  status: z.enum(SETTLEMENT_STATUSES).optional(),
});
export type ExportBatchesQuery = z.infer<typeof exportBatchesQuery>;

export const noteBody = z.object({ note: z.string().trim().max(500).optional() }).strict();
export const markPaidBody = z.object({ paymentReference: z.string().trim().min(2).max(100) }).strict();
