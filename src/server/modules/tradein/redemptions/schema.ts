import { z } from 'zod';
import { FULFILMENT_STATUSES, REDEMPTION_STATUSES, SALE_CHANNELS } from '../../../../shared/enums/tradein.js';
import { zInvoiceNumber } from '../../../../shared/zodFields.js';
import { pageQuery } from '../../../http/schema.js';

export { REDEMPTION_STATUSES };

export const redeemBody = z
  .object({
    voucherCode: z.string().min(4).max(20),
    productId: z.number().int().positive(),
    /** Serial number, IMEI, or for a renovation package the contract number. */
    serialNumber: z.string().trim().min(4).max(64),
    price: z.number().int().min(1).max(100_000_000_000).meta({ description: 'Sale price in fen' }),
    invoiceNumber: zInvoiceNumber(),
    oldItemProof: z
      .object({ reference: z.string().trim().min(2).max(64), attachmentId: z.number().int().positive().optional() })
      .strict()
      .optional(),
    /** The store of the sale; may be left out when the merchant has one store (the first store is taken). */
    storeId: z.number().int().positive().optional(),
    /** Delivery or installation address, when the sale records one (risk control links sales by it, hashed). */
    deliveryAddress: z.string().trim().min(4).max(200).optional(),
  })
  .strict();
export type RedeemInput = z.infer<typeof redeemBody>;

export const redemptionView = z.object({
  id: z.number().int(),
  voucherCode: z.string(),
  programId: z.number().int(),
  category: z.string(),
  merchantId: z.number().int(),
  organizationId: z.number().int(),
  productId: z.number().int(),
  serialNumber: z.string(),
  invoiceNumber: z.string(),
  price: z.number().int(),
  /** Rate × price in fen, rounded as the programme states, then capped. */
  subsidy: z.number().int(),
  /** What the resident pays at the till. */
  payable: z.number().int(),
  rateBp: z.number().int(),
  ruleVersionId: z.number().int(),
  oldItemProof: z.object({ kind: z.enum(['manual', 'recycling']), reference: z.string(), attachmentId: z.number().int().nullable() }).nullable(),
  status: z.enum(REDEMPTION_STATUSES),
  channel: z.enum(SALE_CHANNELS),
  /** Delivery and installation before settlement (null for a sale of before they were followed). */
  fulfilmentStatus: z.enum(FULFILMENT_STATUSES).nullable(),
  settlementBatchId: z.number().int().nullable(),
  clawbackPending: z.boolean(),
  reversalReason: z.string().nullable(),
  reversedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type RedemptionView = z.infer<typeof redemptionView>;

export const listRedemptionsQuery = z.object({
  status: z.enum(REDEMPTION_STATUSES).optional(),
  programId: z.coerce.number().int().positive().optional(),
  organizationId: z.coerce.number().int().positive().optional(),
  ...pageQuery.shape,
});
export const reverseBody = z.object({ reason: z.string().trim().min(2).max(500) }).strict();
