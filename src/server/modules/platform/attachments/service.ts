import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../audit/auditTrail.js';
import { attachmentPolicy } from '../policies/attachment.js';
import { dispositionFor } from './content.js';

/** Slashes and control characters, which a stored file name must not keep (a path, a forged line break). */
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SLASH = /[\\/\u0000-\u001f]/g;

/** What officials attach as evidence: office documents, PDFs and photos. Checked by content, not by name. */
const SIGNATURES: { mime: string; ext: string[]; test: (b: Buffer) => boolean }[] = [
  { mime: 'application/pdf', ext: ['pdf'], test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  { mime: 'image/png', ext: ['png'], test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', ext: ['jpg', 'jpeg'], test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/webp', ext: ['webp'], test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  // docx and xlsx are zip containers.
  {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: ['docx'],
    test: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
  },
  {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: ['xlsx'],
    test: (b) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])),
  },
];

export const ALLOWED_EXTENSIONS = SIGNATURES.flatMap((s) => s.ext);

export interface AttachmentView {
  id: number;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}

function detectType(filename: string, data: Buffer): string | null {
  const ext = filename.toLowerCase().split('.').pop() ?? '';
  const match = SIGNATURES.find((s) => s.ext.includes(ext));
  return match && match.test(data) ? match.mime : null;
}

export async function storeAttachment(deps: AppDeps, ctx: RequestContext, filename: string, data: Buffer): Promise<AttachmentView> {
  authorize(ctx.actor, attachmentPolicy, 'upload');
  if (ctx.actor.userId === null || ctx.actor.organizationId === null) throw new AppError(403, 'FORBIDDEN', 'error.FORBIDDEN');
  if (data.length === 0) throw new AppError(400, 'VALIDATION_FAILED', 'error.VALIDATION_FAILED', {}, [{ path: 'file', reason: 'field.required' }]);
  const mime = detectType(filename, data);
  if (!mime)
    throw new AppError(415, 'UNSUPPORTED_FILE_TYPE', 'error.UNSUPPORTED_FILE_TYPE', { allowed: ALLOWED_EXTENSIONS.join(', ') }, [
      { path: 'file', reason: 'field.fileType', params: { allowed: ALLOWED_EXTENSIONS.join(', ') } },
    ]);
  const stored = await deps.storage.put(data);
  const safeName = filename.replace(CONTROL_OR_SLASH, '_').slice(-120);
  let id: number;
  try {
    id = await inTransaction(deps.database, async (tx) => {
      const row = await tx
        .insertInto('attachments')
        .values({
          organization_id: ctx.actor.organizationId!,
          uploaded_by: ctx.actor.userId!,
          filename: safeName,
          mime_type: mime,
          size_bytes: data.length,
          sha256: stored.sha256,
          storage_key: stored.key,
          created_at: nowIso(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(tx, ctx, {
        entity: 'attachment',
        entityId: Number(row.id),
        action: 'upload',
        after: { filename: safeName, sizeBytes: data.length, sha256: stored.sha256 },
      });
      return Number(row.id);
    });
  } catch (e) {
    // Nothing refers to the stored file unless the transaction committed.
    await deps.storage.remove(stored.key);
    throw e;
  }
  return getAttachmentView(deps.database.db, id);
}

export async function getAttachmentView(db: Queryable, id: number): Promise<AttachmentView> {
  const r = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  return { id: Number(r.id), filename: r.filename, mimeType: r.mime_type, sizeBytes: Number(r.size_bytes), sha256: r.sha256, createdAt: r.created_at };
}

/** The record through which a reader opened a file (an application, a report, a sale): in its audit record. */
export interface CitingRecord {
  entity: string;
  id: number;
  /** What the record calls the file (a kind of evidence), when it says. */
  kind?: string;
}

export interface OpenedFile {
  filename: string;
  mimeType: string;
  data: Buffer;
}

/** Opens a file after the attachment policy: its uploader, its organisation, the office, auditors. Audited. */
export async function downloadAttachment(deps: AppDeps, ctx: RequestContext, id: number, options: { download?: boolean } = {}): Promise<OpenedFile> {
  const r = await deps.database.db.selectFrom('attachments').select(['organization_id', 'uploaded_by']).where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  authorize(ctx.actor, attachmentPolicy, 'read', { organization_id: Number(r.organization_id), uploaded_by: Number(r.uploaded_by) }, id);
  return openAttachment(deps, ctx, id, { record: null, ...options });
}

/**
 * Opens a file for a reader the caller has authorised (a module whose record cites the file grants access to
 * it: a reviewer reads a resident's certificate through the application) and writes `attachment`/`viewed` to
 * the audit trail with the record it was opened through — which {@link hasViewed} reads back. The file is read
 * before the record is written, so a missing file leaves no "viewed".
 */
export async function openAttachment(
  deps: AppDeps,
  ctx: RequestContext,
  id: number,
  options: { record: CitingRecord | null; download?: boolean | undefined },
): Promise<OpenedFile> {
  const r = await deps.database.db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  const data = await deps.storage.get(r.storage_key);
  await inTransaction(deps.database, (tx) =>
    appendAudit(tx, ctx, {
      entity: 'attachment',
      entityId: id,
      action: 'viewed',
      organizationId: Number(r.organization_id),
      after: {
        record: options.record,
        filename: r.filename,
        disposition: dispositionFor(r.mime_type, options.download),
      },
    }),
  );
  return { filename: r.filename, mimeType: r.mime_type, data };
}

/** Which of these files this user has opened (shown or downloaded) at least once, by the audit trail. */
export async function viewedAttachments(db: Queryable, attachmentIds: readonly number[], userId: number | null): Promise<Set<number>> {
  if (userId === null || attachmentIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('audit_log')
    .select('entity_id')
    .distinct()
    .where('entity', '=', 'attachment')
    .where(
      'entity_id',
      'in',
      attachmentIds.map((a) => String(a)),
    )
    .where('action', '=', 'viewed')
    .where('outcome', '=', 'ok')
    .where('actor_user_id', '=', userId)
    .execute();
  return new Set(rows.map((r) => Number(r.entity_id)));
}

/** Whether this user has opened this file at least once (a check that the reviewer looked at the evidence). */
export async function hasViewed(db: Queryable, attachmentId: number, userId: number | null): Promise<boolean> {
  return (await viewedAttachments(db, [attachmentId], userId)).has(attachmentId);
}
