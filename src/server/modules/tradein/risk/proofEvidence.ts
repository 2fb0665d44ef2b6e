import { z } from 'zod';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import type { Queryable } from '../../../db/database.js';
import { openAttachment, viewedAttachments } from '../../platform/attachments/service.js';
import { grantsOf } from '../../platform/grants/service.js';
import { riskReviewPolicy } from '../policies/riskReview.js';

/** The old-item proof of a flagged sale as its reviewer sees it: a manual proof's photo can be opened. */
export const oldItemProofView = z
  .object({
    kind: z.enum(['manual', 'recycling']),
    reference: z.string(),
    attachment: z
      .object({
        id: z.number().int(),
        filename: z.string(),
        mimeType: z.string(),
        sizeBytes: z.number().int(),
        openedByMe: z.boolean().describe('The caller has opened this file (audit trail)'),
      })
      .nullable()
      .describe('The photo of a manual proof; open it with GET /api/tradein/risk/reviews/:redemptionId/evidence/:attachmentId'),
  })
  .nullable();
export type OldItemProofView = z.infer<typeof oldItemProofView>;

export async function oldItemProofOf(db: Queryable, redemptionId: number, userId: number | null): Promise<OldItemProofView> {
  const r = await db
    .selectFrom('tradein_redemptions as r')
    .leftJoin('attachments as f', 'f.id', 'r.old_item_attachment_id')
    .select(['r.old_item_proof_kind', 'r.old_item_proof_ref', 'f.id as file_id', 'f.filename', 'f.mime_type', 'f.size_bytes'])
    .where('r.id', '=', redemptionId)
    .executeTakeFirst();
  if (!r?.old_item_proof_kind || !r.old_item_proof_ref) return null;
  const fileId = r.file_id === null ? null : Number(r.file_id);
  const opened = fileId === null ? new Set<number>() : await viewedAttachments(db, [fileId], userId);
  return {
    kind: r.old_item_proof_kind,
    reference: r.old_item_proof_ref,
    attachment:
      fileId === null ? null : { id: fileId, filename: r.filename!, mimeType: r.mime_type!, sizeBytes: Number(r.size_bytes), openedByMe: opened.has(fileId) },
  };
}

/**
 * The photo of a flagged sale's old-item proof, for whoever may read the review (the merchant uploaded it, so
 * the attachment policy alone would not let 市商务局 see it). Only the file the sale cites; audited.
 */
export async function readReviewEvidence(deps: AppDeps, ctx: RequestContext, redemptionId: number, attachmentId: number, download = false) {
  const db = deps.database.db;
  authorize(ctx.actor, riskReviewPolicy, 'read', { grants: await grantsOf(db, ctx.actor, 'tradein') }, redemptionId);
  const cited = await db
    .selectFrom('tradein_risk_reviews as w')
    .innerJoin('tradein_redemptions as r', 'r.id', 'w.redemption_id')
    .select('r.id')
    .where('w.redemption_id', '=', redemptionId)
    .where('r.old_item_attachment_id', '=', attachmentId)
    .executeTakeFirst();
  if (!cited) throw notFound();
  return openAttachment(deps, ctx, attachmentId, { record: { entity: 'tradein_redemption', id: redemptionId, kind: 'old_item_proof' }, download });
}
