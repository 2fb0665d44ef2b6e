import type { Queryable, Tx } from '../../../../db/database.js';
import type { ReportView } from './schema.js';

/**
 * A report's evidence: attachments its organisation uploaded, in the order the unit listed them. The rows live on
 * the report's shard (distributed by the filing organisation, test/citus/layout/plan.ts), so they carry the
 * report's organization_id.
 */

export async function evidenceOf(db: Queryable, reportIds: number[]): Promise<Map<number, ReportView['evidence']>> {
  const out = new Map<number, ReportView['evidence']>();
  if (!reportIds.length) return out;
  const rows = await db
    .selectFrom('plan_report_evidence as e')
    .innerJoin('attachments as a', 'a.id', 'e.attachment_id')
    .select(['e.report_id', 'a.id', 'a.filename', 'a.mime_type', 'a.size_bytes'])
    .where('e.report_id', 'in', reportIds)
    .orderBy('e.report_id')
    .orderBy('e.position')
    .execute();
  for (const r of rows) {
    const list = out.get(Number(r.report_id)) ?? [];
    list.push({ id: Number(r.id), filename: r.filename, mimeType: r.mime_type, sizeBytes: Number(r.size_bytes) });
    out.set(Number(r.report_id), list);
  }
  return out;
}

/**
 * Replaces a report's evidence list. The attachments have no foreign key (a distributed table of another
 * colocation group, which Citus cannot reference): checkEdits has already found each of them, uploaded by the
 * report's organisation, in this same transaction, and attachments are never deleted, so the ids stay valid.
 */
export async function replaceEvidence(tx: Tx, report: { id: number; organizationId: number }, attachmentIds: number[] | undefined): Promise<void> {
  if (attachmentIds === undefined) return;
  await tx.deleteFrom('plan_report_evidence').where('organization_id', '=', report.organizationId).where('report_id', '=', report.id).execute();
  if (attachmentIds.length)
    await tx
      .insertInto('plan_report_evidence')
      .values(
        attachmentIds.map((attachment_id, position) => ({
          organization_id: report.organizationId,
          report_id: report.id,
          attachment_id,
          position,
        })),
      )
      .execute();
}
