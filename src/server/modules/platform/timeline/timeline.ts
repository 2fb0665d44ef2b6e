import type { RequestContext } from '../../../core/context.js';
import type { StatusTable, TimelineEntry, Workflow, WorkflowEffects, WorkflowStatus } from '../../../core/workflow.js';
import type { Queryable, Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { appendAudit, appendAuditMany } from '../audit/auditTrail.js';
import { notify } from '../notifications/service.js';

const timelineRow = (ctx: RequestContext, e: TimelineEntry, at: string) => ({
  entity: e.entity,
  entity_id: e.entityId,
  action: e.action,
  from_status: e.from,
  to_status: e.to,
  actor_user_id: ctx.actor.userId,
  actor_role: ctx.actor.role,
  organization_id: e.organizationId,
  note: e.note,
  reasons_json: JSON.stringify(e.reasons),
  params_json: JSON.stringify(e.params),
  at,
});

/** Appends one entry to a record's timeline (table record_timeline); returns its id. */
export async function appendTimeline(tx: Tx, ctx: RequestContext, e: TimelineEntry): Promise<number> {
  const row = await tx
    .insertInto('record_timeline')
    .values(timelineRow(ctx, e, nowIso()))
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

const TIMELINE_CHUNK = 500;

/** Many entries of one actor at once, a multi-row insert per 500 (an import's records). */
export async function appendTimelines(tx: Tx, ctx: RequestContext, entries: readonly TimelineEntry[]): Promise<void> {
  const at = nowIso();
  for (let i = 0; i < entries.length; i += TIMELINE_CHUNK)
    await tx
      .insertInto('record_timeline')
      .values(entries.slice(i, i + TIMELINE_CHUNK).map((e) => timelineRow(ctx, e, at)))
      .execute();
}

/** What every workflow's moves write besides the record: the timeline, the audit trail, notifications. */
export const recordEffects: WorkflowEffects = {
  appendTimeline,
  appendAudit,
  notify: (tx, n) => notify(tx, n),
  appendTimelines,
  // One chain, three statements for the lot (the audit trail's batch append).
  appendAudits: (tx, ctx, entries) =>
    appendAuditMany(
      tx,
      'main',
      entries.map((entry) => ({ ctx, entry })),
    ),
};

export interface TimelineItem<S extends string = string> {
  id: number;
  at: string;
  action: string;
  fromStatus: S | null;
  toStatus: S;
  actorUserId: number | null;
  actorRole: string | null;
  organizationId: number | null;
  note: string | null;
  reasons: string[];
  params: Record<string, unknown>;
}

/** A record's timeline, oldest first; each view picks what it shows. */
export async function timelineOf<W extends Workflow<StatusTable, string>>(
  db: Queryable,
  workflow: W,
  entityId: number,
): Promise<TimelineItem<WorkflowStatus<W>>[]> {
  const rows = await db.selectFrom('record_timeline').selectAll().where('entity', '=', workflow.kind).where('entity_id', '=', entityId).orderBy('id').execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    action: r.action,
    // The kernel writes only statuses of the workflow's table.
    fromStatus: r.from_status as WorkflowStatus<W> | null,
    toStatus: r.to_status as WorkflowStatus<W>,
    actorUserId: r.actor_user_id === null ? null : Number(r.actor_user_id),
    actorRole: r.actor_role,
    organizationId: r.organization_id === null ? null : Number(r.organization_id),
    note: r.note,
    reasons: JSON.parse(r.reasons_json) as string[],
    params: JSON.parse(r.params_json) as Record<string, unknown>,
  }));
}
