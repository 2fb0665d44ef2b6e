import type { OldItemProofVerifier } from '../../../core/extensions.js';
import { getAttachmentView } from '../../platform/attachments/service.js';

export type { OldItemProof, OldItemProofVerifier, ProofContext, ProofVerdict } from '../../../core/extensions.js';

/**
 * What trade-in falls back to until a module provides a better proof (recycling, from its own intake records,
 * kind `recycling`): a manual proof — a reference plus a photo attachment that exists and is an image, marked
 * `manual` for review.
 */
export const manualProofVerifier: OldItemProofVerifier = {
  async verify(tx, _deps, proof) {
    if (proof.attachmentId === undefined) return { ok: false };
    try {
      const attachment = await getAttachmentView(tx, proof.attachmentId);
      if (!attachment.mimeType.startsWith('image/')) return { ok: false };
    } catch {
      return { ok: false };
    }
    return { ok: true, kind: 'manual', reference: proof.reference, attachmentId: proof.attachmentId };
  },
  // A photo is not used up by a redemption: nothing to free when one is reversed.
  async release() {},
};
