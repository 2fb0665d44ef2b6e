import type { Queryable } from '../../../db/database.js';
import { viewedAttachments } from '../../platform/attachments/service.js';

/**
 * Whether a reviewer may say they checked the scrapping certificate by hand: they must have opened every
 * certificate file the application cites (the audit trail says so, `attachment`/`viewed`). An application
 * without a certificate file cannot have been checked by hand: it is returned instead.
 */
export function certificatesOpened(evidence: readonly { attachmentId: number; kind: string }[], opened: ReadonlySet<number>): boolean {
  const certificates = evidence.filter((e) => e.kind === 'scrapping_certificate');
  return certificates.length > 0 && certificates.every((e) => opened.has(e.attachmentId));
}

export async function certificateOpenedBy(db: Queryable, applicationId: number, userId: number | null): Promise<boolean> {
  const rows = await db
    .selectFrom('cartradein_application_evidence')
    .select(['attachment_id', 'kind'])
    .where('application_id', '=', applicationId)
    .where('kind', '=', 'scrapping_certificate')
    .execute();
  const evidence = rows.map((r) => ({ attachmentId: Number(r.attachment_id), kind: r.kind }));
  const opened = await viewedAttachments(
    db,
    evidence.map((e) => e.attachmentId),
    userId,
  );
  return certificatesOpened(evidence, opened);
}
