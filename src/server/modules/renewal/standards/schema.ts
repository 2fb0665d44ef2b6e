import { z } from 'zod';
import { CLAIM_SORTS, CLAIM_STATUSES } from '../../../../shared/enums/renewalStandards.js';
import { listQuery, positiveId } from '../../../http/schema.js';

/** The schema pieces every record of the part shares; each model's own fields are in its file (standards.ts …). */
export const date = z.iso.date();
/** Up to 1000亿元 in fen. */
export const fen = z.number().int().min(0).max(10_000_000_000_000);
export const text = (max: number, min = 1) => z.string().trim().min(min).max(max);

/** What every body adds to its model's fields. */
export const claimBodyBase = z.object({
  /** Only the confirmer gives it, recording for a body without an account; an enterprise records its own. */
  organizationId: z.number().int().positive().optional(),
  evidence: z.array(z.number().int().positive()).max(20).default([]).describe('Attachment ids (certificates, publication pages, 加计扣除 filings)'),
  note: z.string().trim().max(1000).nullable().optional(),
});

export const reasonBody = z.object({ reason: text(500, 2) }).strict();
export const noteBody = z.object({ note: z.string().trim().max(500).optional() }).strict();

export const claimListQuery = listQuery(CLAIM_SORTS).extend({
  status: z.enum(CLAIM_STATUSES).optional(),
  townId: z.coerce.number().int().positive().optional(),
  organizationId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type ClaimListQuery = z.infer<typeof claimListQuery>;

export const evidenceParams = z.object({ id: positiveId, attachmentId: positiveId });

export const claimViewBase = z.object({
  id: z.number().int(),
  organizationId: z.number().int(),
  organizationName: z.string(),
  townId: z.number().int().nullable(),
  townName: z.string().nullable(),
  status: z.enum(CLAIM_STATUSES),
  note: z.string().nullable(),
  returnReason: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  submittedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  evidenceCount: z.number().int(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the reader may do now: edit, submit, confirm, return, withdraw. */
  actions: z.array(z.enum(['edit', 'submit', 'confirm', 'return', 'withdraw'])),
});

export const claimDetailExtra = z.object({
  evidence: z.array(z.object({ id: z.number().int(), filename: z.string(), mimeType: z.string(), sizeBytes: z.number().int() })),
  timeline: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      actorRole: z.string().nullable(),
      note: z.string().nullable(),
      reasons: z.array(z.string()),
    }),
  ),
});
