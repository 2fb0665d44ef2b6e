import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { fieldError, invalidState, notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { inTransaction, type Queryable } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit } from '../../platform/audit/auditTrail.js';
import { milestonePolicy, type MilestoneRecord } from '../policies/milestone.js';
import type { MilestoneView } from '../plans/schema.js';
import { milestoneView } from '../plans/views.js';
import type { CompleteMilestoneInput } from './schema.js';

async function loadMilestone(db: Queryable, id: number) {
  const row = await db.selectFrom('milestones').selectAll().where('id', '=', id).where('retired_at', 'is', null).executeTakeFirst();
  if (!row) return null;
  const units = await db.selectFrom('milestone_units').selectAll().where('milestone_id', '=', id).orderBy('position').execute();
  const lead = units.find((u) => u.role === 'lead');
  const record: MilestoneRecord = { id, leadOrganizationId: lead?.organization_id == null ? null : Number(lead.organization_id) };
  return { row, units, record };
}

export async function getMilestone(deps: AppDeps, ctx: RequestContext, id: number): Promise<MilestoneView> {
  const loaded = await loadMilestone(deps.database.db, id);
  if (!loaded) throw notFound();
  authorize(ctx.actor, milestonePolicy, 'read', loaded.record, id);
  return milestoneView(loaded.row, loaded.units);
}

/** The office or the lead unit marks a milestone done, with evidence (a note, optionally an uploaded file). */
export async function completeMilestone(deps: AppDeps, ctx: RequestContext, id: number, input: CompleteMilestoneInput): Promise<MilestoneView> {
  const note = typeof input.evidence === 'string' ? input.evidence : input.evidence.note;
  const attachmentId = (typeof input.evidence === 'string' ? undefined : input.evidence.attachmentId) ?? input.attachmentId ?? null;
  await inTransaction(deps.database, async (tx) => {
    const loaded = await loadMilestone(tx, id);
    if (!loaded) throw notFound();
    authorize(ctx.actor, milestonePolicy, 'complete', loaded.record, id);
    if (loaded.row.status === 'done') throw invalidState(loaded.row.status);
    // Also what the dropped foreign key to attachments guaranteed (milestones are a reference table, attachments
    // distributed): the file exists now, in this transaction, and attachments are never deleted.
    if (attachmentId !== null) {
      const attachment = await tx.selectFrom('attachments').select('id').where('id', '=', attachmentId).executeTakeFirst();
      if (!attachment) throw fieldError('evidence.attachmentId', 'field.plan.attachmentUnknown');
    }
    const now = nowIso();
    const updated = await tx
      .updateTable('milestones')
      .set({ status: 'done', done_at: now, done_by: ctx.actor.userId, evidence_note: note, evidence_attachment_id: attachmentId })
      .where('id', '=', id)
      .where('status', '=', 'not_started')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw invalidState('done');
    await appendAudit(tx, ctx, {
      entity: 'milestone',
      entityId: id,
      action: 'complete',
      before: { status: loaded.row.status },
      after: { status: 'done', evidence: note, attachmentId },
    });
  });
  return getMilestone(deps, ctx, id);
}

/** Undo a completion (evidence found wanting): back to not started; the old evidence stays in the audit trail. */
export async function reopenMilestone(deps: AppDeps, ctx: RequestContext, id: number, note: string | undefined): Promise<MilestoneView> {
  await inTransaction(deps.database, async (tx) => {
    const loaded = await loadMilestone(tx, id);
    if (!loaded) throw notFound();
    authorize(ctx.actor, milestonePolicy, 'reopen', loaded.record, id);
    if (loaded.row.status !== 'done') throw invalidState(loaded.row.status);
    await tx
      .updateTable('milestones')
      .set({ status: 'not_started', done_at: null, done_by: null, evidence_note: null, evidence_attachment_id: null })
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, ctx, {
      entity: 'milestone',
      entityId: id,
      action: 'reopen',
      before: { status: 'done', evidence: loaded.row.evidence_note, attachmentId: loaded.row.evidence_attachment_id, doneAt: loaded.row.done_at },
      after: { status: 'not_started', note: note ?? null },
    });
  });
  return getMilestone(deps, ctx, id);
}
