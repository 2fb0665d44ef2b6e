import { z } from 'zod';
import { FULFILMENT_STATUSES, SALE_CHANNELS } from '../../../../shared/enums/tradein.js';
import { listQuery } from '../../../http/schema.js';

export const fulfilmentView = z.object({
  /** The sale's (redemption's) id: a fulfilment is keyed by it. */
  redemptionId: z.number().int(),
  organizationId: z.number().int(),
  merchantName: z.string(),
  channel: z.enum(SALE_CHANNELS),
  status: z.enum(FULFILMENT_STATUSES),
  category: z.string(),
  product: z.string(),
  serialNumber: z.string(),
  /** Fen. */
  price: z.number().int(),
  subsidy: z.number().int(),
  orderNumber: z.string().nullable(),
  needsInstallation: z.boolean(),
  deliveryTownId: z.number().int().nullable(),
  deliveryTownName: z.string().nullable(),
  /** In full for the merchant who delivers and the resident it goes to; masked for everyone else. */
  deliveryAddress: z.string().nullable(),
  soldAt: z.string(),
  dueAt: z.string().nullable(),
  /** Still to be delivered after its due time (`tradein.deliveryDueDays` after the sale). */
  overdue: z.boolean(),
  deliveredAt: z.string().nullable(),
  deliveryConfirmedBy: z.enum(['resident', 'merchant']).nullable(),
  deliveryAttachmentId: z.number().int().nullable(),
  installedAt: z.string().nullable(),
  installerName: z.string().nullable(),
  installationAttachmentId: z.number().int().nullable(),
  settleableAt: z.string().nullable(),
  /** The settlement batch that paid it, once one has. */
  settlementBatchId: z.number().int().nullable(),
});
export type FulfilmentView = z.infer<typeof fulfilmentView>;

export const FULFILMENT_SORTS = ['soldAt', 'dueAt', 'deliveredAt', 'installedAt'] as const;

export const listFulfilmentsQuery = listQuery(FULFILMENT_SORTS).extend({
  status: z.enum(FULFILMENT_STATUSES).optional(),
  channel: z.enum(SALE_CHANNELS).optional(),
  /** Only sales still to be delivered after their due time. */
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Supervisors: one merchant organisation. */
  organizationId: z.coerce.number().int().positive().optional(),
});
export type ListFulfilmentsQuery = z.infer<typeof listFulfilmentsQuery>;

/** The merchant records a delivery with a photo of the signed receipt (the resident may confirm instead). */
export const recordDeliveryBody = z
  .object({ attachmentId: z.number().int().positive().meta({ description: 'A photo (JPEG or PNG) of the signed receipt' }) })
  .strict();

/** The installer's record: who installed it and a photo of the installed unit. */
export const recordInstallationBody = z
  .object({
    installerName: z
      .string()
      .trim()
      .min(2)
      .max(50)
      .regex(/^[^\p{Cc}]*$/u),
    attachmentId: z.number().int().positive().meta({ description: 'A photo (JPEG or PNG) of the installed unit' }),
  })
  .strict();
