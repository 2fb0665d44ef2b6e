import { z } from 'zod';
import { POOL_STATUSES, VOUCHER_STATUSES } from '../../../../shared/enums/tradein.js';
import { categoryCode } from '../programs/schema.js';

export const createPoolBody = z
  .object({
    category: categoryCode,
    quota: z.number().int().min(1).max(10_000_000),
    opensAt: z.iso.datetime({ offset: true }),
    closesAt: z.iso.datetime({ offset: true }),
  })
  .strict();
export type CreatePoolInput = z.infer<typeof createPoolBody>;

export { POOL_STATUSES };
export const listPoolsQuery = z.object({
  status: z.enum(POOL_STATUSES).optional(),
  programId: z.coerce.number().int().positive().optional(),
  category: categoryCode.optional(),
});

export const poolView = z.object({
  id: z.number().int(),
  programId: z.number().int(),
  programName: z.string(),
  category: z.string(),
  categoryName: z.string(),
  quota: z.number().int(),
  issued: z.number().int(),
  remaining: z.number().int(),
  returnedQuota: z.number().int(),
  opensAt: z.string(),
  closesAt: z.string(),
  status: z.enum(POOL_STATUSES),
  source: z.enum(['manual', 'schedule']),
});
export type PoolView = z.infer<typeof poolView>;

export { VOUCHER_STATUSES };
export const voucherView = z.object({
  id: z.number().int(),
  /** As shown to people: XXXX-XXXX-XXX (any case, with or without hyphens, is accepted back). */
  code: z.string(),
  programId: z.number().int(),
  programName: z.string(),
  category: z.string(),
  categoryName: z.string(),
  poolId: z.number().int(),
  ruleVersionId: z.number().int(),
  status: z.enum(VOUCHER_STATUSES),
  issuedAt: z.string(),
  expiresAt: z.string(),
  redeemedAt: z.string().nullable(),
});
export type VoucherView = z.infer<typeof voucherView>;

export const claimResponse = z.object({ voucher: voucherView });

export const QUEUE_STATUSES = ['waiting', 'claiming', 'issued', 'refused'] as const;
/** A resident's place in a release's queue, or how the queued claim ended. */
export const queuePlaceView = z.object({
  ticketId: z.number().int(),
  poolId: z.number().int(),
  enqueuedAt: z.string(),
  status: z.enum(QUEUE_STATUSES),
  /** 1 is next; null once the claim has ended. */
  position: z.number().int().nullable(),
  /** From how fast the queue has been served; null until that is known. */
  estimatedWaitSeconds: z.number().int().nullable(),
  /** When to ask again (also sent as Retry-After). */
  retryAfterSeconds: z.number().int().nullable(),
  voucher: voucherView.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type QueuePlaceView = z.infer<typeof queuePlaceView>;
export const claimQueuedResponse = z.object({ queued: queuePlaceView });
export const codeParams = z.object({ code: z.string().min(4).max(20) });

/** What a merchant sees when it looks a code up at the till: enough to sell, nothing personal beyond a mask. */
export const voucherLookupView = voucherView.omit({ id: true }).extend({ holderMask: z.string().nullable() });
