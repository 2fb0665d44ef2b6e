import { z } from 'zod';
import { pageQuery } from '../../../http/schema.js';

export const certificateParams = z.object({ number: z.string().trim().min(4).max(40) });

export const certificateCheckView = z.object({
  /** It exists, is unused and young enough to prove an old item now. */
  valid: z.boolean(),
  category: z.string(),
  serialNumber: z.string().optional(),
  issuedAt: z.string(),
  usedBy: z.object({ kind: z.string(), id: z.number().int().nullable(), at: z.string() }).optional(),
});
export type CertificateCheckView = z.infer<typeof certificateCheckView>;

export const certificateView = z.object({
  number: z.string(),
  category: z.string(),
  serialNumber: z.string().nullable(),
  issuedAt: z.string(),
  pickupId: z.number().int(),
  recyclerName: z.string(),
  used: z.boolean(),
  usedAt: z.string().nullable(),
});
export type CertificateView = z.infer<typeof certificateView>;

export const certificateListQuery = pageQuery;
