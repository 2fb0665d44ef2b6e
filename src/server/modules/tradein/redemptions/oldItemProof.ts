import type { AppDeps } from '../../../core/deps.js';
import type { Tx } from '../../../db/database.js';
import { getAttachmentView } from '../../platform/attachments/service.js';

/** What the merchant enters about the old item handed in: a reference number, and for a manual proof, a photo. */
export interface OldItemProof {
  reference: string;
  attachmentId?: number | undefined;
}

export interface ProofContext {
  category: string;
  holderUserId: number;
  merchantOrganizationId: number;
}

export type ProofVerdict = { ok: true; kind: 'manual' | 'recycling'; reference: string; attachmentId: number | null } | { ok: false };

/**
 * Checks a proof that the old item was handed in. The recycling module implements this against its recycling
 * records (kind `recycling`) and installs itself with `setOldItemProofVerifier`; until then the default accepts a
 * manual proof: a reference plus a photo attachment that exists and is an image, marked `manual` for review.
 */
export interface OldItemProofVerifier {
  verify(tx: Tx, deps: AppDeps, proof: OldItemProof, context: ProofContext): Promise<ProofVerdict>;
}

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
};

let current: OldItemProofVerifier = manualProofVerifier;

export function setOldItemProofVerifier(verifier: OldItemProofVerifier): void {
  current = verifier;
}

export function oldItemProofVerifier(): OldItemProofVerifier {
  return current;
}
