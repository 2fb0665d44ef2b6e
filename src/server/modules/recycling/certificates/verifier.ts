import { AppError } from '../../../core/errors.js';
import type { OldItemProofVerifier } from '../../../core/extensions.js';
import { shanghaiDate } from '../../../core/time.js';
import { isUniqueViolation } from '../../../db/errors.js';
import { nowIso } from '../../../db/time.js';
import { CERTIFICATE_NUMBER, normalisedCertificateNumber } from './number.js';
import { certificateIsFresh, certificateOwnerOf } from './service.js';

const USED_BY_KIND = 'tradein_redemption';

const refused = (
  messageKey: 'error.recycling.certificateUnknown' | 'error.recycling.certificateCategoryMismatch' | 'error.recycling.certificateTooOld',
  params: Record<string, unknown>,
) => new AppError(409, 'OLD_ITEM_PROOF_REJECTED', messageKey, params, [{ path: 'oldItemProof.reference', reason: 'field.invalid' }]);

const used = () => new AppError(409, 'OLD_ITEM_PROOF_USED', 'error.OLD_ITEM_PROOF_USED', {}, [{ path: 'oldItemProof.reference', reason: 'field.invalid' }]);

/**
 * The old-item proof from this module's records (kind `recycling`): a redemption cites a certificate issued at a
 * pickup. It must exist, be for the voucher's category and young enough, and it proves one redemption: the use is
 * a row under a unique index written in the redemption's own transaction, so of two redemptions racing on one
 * certificate the database lets one through. A reference that is not one of our certificate numbers is left to
 * the using module's fallback (the manual proof with a photo) where manual proofs are allowed; one shaped like
 * our numbers that we never issued is refused — that is what a forged certificate looks like.
 */
export function certificateProofVerifier(fallback: OldItemProofVerifier | null): OldItemProofVerifier {
  return {
    async verify(tx, deps, proof, context) {
      const number = normalisedCertificateNumber(proof.reference);
      const owner = await certificateOwnerOf(tx, number);
      const cert =
        owner &&
        (await tx
          .selectFrom('recycling_certificates')
          .select(['id', 'resident_user_id', 'number', 'category', 'issued_at'])
          .where('resident_user_id', '=', owner.residentUserId)
          .where('id', '=', owner.certificateId)
          .executeTakeFirst());
      if (!cert) {
        if (CERTIFICATE_NUMBER.test(number)) throw refused('error.recycling.certificateUnknown', { number });
        if (!fallback || !(await deps.parameters.get('recycling.manualOldItemProofAllowed'))) return { ok: false };
        return fallback.verify(tx, deps, proof, context);
      }
      if (cert.category !== context.category)
        throw refused('error.recycling.certificateCategoryMismatch', { category: cert.category, expected: context.category });
      const days = await deps.parameters.get('recycling.certificateMaxAgeDays');
      if (!certificateIsFresh(cert.issued_at, days)) throw refused('error.recycling.certificateTooOld', { issuedOn: shanghaiDate(cert.issued_at), days });
      try {
        const res = await tx
          .insertInto('recycling_certificate_uses')
          .values({
            resident_user_id: Number(cert.resident_user_id),
            certificate_id: Number(cert.id),
            used_by_kind: USED_BY_KIND,
            // The redemption row is written after its proof is checked; `bind` names it.
            used_by_id: null,
            used_by_organization_id: context.merchantOrganizationId,
            used_at: nowIso(),
          })
          // The one use is the unique (resident_user_id, certificate_id) on PostgreSQL, (certificate_id) on SQLite.
          .onConflict((oc) => oc.doNothing())
          .executeTakeFirst();
        if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) throw used();
      } catch (err) {
        if (isUniqueViolation(err)) throw used();
        throw err;
      }
      return { ok: true, kind: 'recycling', reference: cert.number, attachmentId: null };
    },

    async bind(tx, deps, reference, usedById) {
      const cert = await certificateOwnerOf(tx, normalisedCertificateNumber(reference));
      if (!cert) return fallback?.bind?.(tx, deps, reference, usedById);
      await tx
        .updateTable('recycling_certificate_uses')
        .set({ used_by_id: usedById })
        .where('resident_user_id', '=', cert.residentUserId)
        .where('certificate_id', '=', cert.certificateId)
        .where('used_by_kind', '=', USED_BY_KIND)
        .where('used_by_id', 'is', null)
        .execute();
    },

    async release(tx, deps, reference, usedById) {
      const cert = await certificateOwnerOf(tx, normalisedCertificateNumber(reference));
      if (!cert) return fallback?.release(tx, deps, reference, usedById);
      await tx
        .deleteFrom('recycling_certificate_uses')
        .where('resident_user_id', '=', cert.residentUserId)
        .where('certificate_id', '=', cert.certificateId)
        .where('used_by_kind', '=', USED_BY_KIND)
        .where((eb) => eb.or([eb('used_by_id', 'is', null), eb('used_by_id', '=', usedById)]))
        .execute();
    },

    withFallback: (f) => certificateProofVerifier(f),
  };
}

/** What recycling provides; the resolver gives it trade-in's fallback (withFallback). */
export const oldItemProofVerifier = certificateProofVerifier(null);
