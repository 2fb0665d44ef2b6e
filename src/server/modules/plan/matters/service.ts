import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { AppError, badRequest, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { addDays, endOfShanghaiDate, shanghaiDate } from '../../../core/time.js';
import { actionsFrom, enter, move } from '../../../core/workflow.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import { likePattern, paginate, type Page } from '../../../http/pagination.js';
import { openAttachment } from '../../platform/attachments/service.js';
import { OFFICE } from '../../platform/seed/referenceOrganizations.js';
import { answerDays } from './parameters.js';
import { planMatterPolicy, type MatterRecord } from './policy.js';
import { matterRows, matterView, sortedBy, type MatterRow } from './rows.js';
import type { MatterDetailView, MatterListQuery, MatterView, RaiseMatterInput } from './schema.js';
import { AWAITING_ANSWER, WORK_TEAM } from './tables.js';
import { planMatterWorkflow, type MatterAction } from './workflow.js';
import { matterTimeline } from './timeline.js';

const recordOf = (r: MatterRow): MatterRecord => ({
  id: Number(r.id),
  organizationId: Number(r.organization_id),
  escalatedToOrganizationId: r.escalated_to_organization_id === null ? null : Number(r.escalated_to_organization_id),
});

async function loadRow(db: Queryable, id: number): Promise<MatterRow> {
  const r = await matterRows(db).where('m.id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  return r;
}

async function organizationIdByCode(db: Queryable, code: string): Promise<number> {
  const row = await db.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirst();
  // Both are reference organisations (the platform's seed, this module's migration); missing means a broken install.
  if (!row) throw new AppError(409, 'INVALID_STATE', 'error.INVALID_STATE', { state: code });
  return Number(row.id);
}

export async function listMatters(deps: AppDeps, ctx: RequestContext, q: MatterListQuery, now = Date.now()): Promise<Page<MatterView>> {
  authorize(ctx.actor, planMatterPolicy, 'list');
  let base = matterRows(deps.database.db);
  // The office and auditors see every matter, a unit only its own.
  if (!planMatterPolicy.can(ctx.actor, 'read', { id: 0, organizationId: -1, escalatedToOrganizationId: null }))
    base = base.where('m.organization_id', '=', ctx.actor.organizationId ?? -1);
  if (q.status) base = base.where('m.status', '=', q.status);
  if (q.urgency) base = base.where('m.urgency', '=', q.urgency);
  if (q.organizationId) base = base.where('m.organization_id', '=', q.organizationId);
  if (q.overdue !== undefined) {
    const at = new Date(now).toISOString();
    base =
      q.overdue === 'true'
        ? base.where('m.status', 'in', [...AWAITING_ANSWER]).where('m.due_at', '<=', at)
        : base.where((eb) => eb.or([eb('m.status', 'not in', [...AWAITING_ANSWER]), eb('m.due_at', '>', at)]));
  }
  if (q.q) {
    const like = likePattern(q.q);
    base = base.where((eb) => eb.or([eb('m.title', 'like', like), eb('m.description', 'like', like), eb('o.name', 'like', like)]));
  }
  const page = await paginate(base, (qb) => sortedBy(qb, q.sort, q.order), q);
  return { ...page, items: page.items.map((r) => matterView(r, now)) };
}

export async function getMatter(deps: AppDeps, ctx: RequestContext, id: number, now = Date.now()): Promise<MatterDetailView> {
  const db = deps.database.db;
  const r = await loadRow(db, id);
  const record = recordOf(r);
  authorize(ctx.actor, planMatterPolicy, 'read', record, id);
  const evidence = await db
    .selectFrom('plan_matter_evidence as e')
    .innerJoin('attachments as a', 'a.id', 'e.attachment_id')
    .select(['a.id', 'a.filename', 'a.mime_type', 'a.size_bytes'])
    .where('e.matter_id', '=', id)
    .orderBy('e.position')
    .execute();
  const actions = actionsFrom(planMatterWorkflow, r.status).filter((a) => planMatterPolicy.can(ctx.actor, a as Exclude<MatterAction, 'raise'>, record));
  return {
    ...matterView(r, now),
    description: r.description,
    escalatedAt: r.escalated_at,
    escalationNote: r.escalation_note,
    answer: r.answer,
    answeredBy: r.answered_by_organization_id === null ? null : { id: Number(r.answered_by_organization_id), name: r.answered_by_name ?? '' },
    closingNote: r.closing_note,
    withdrawnReason: r.withdrawn_reason,
    evidence: evidence.map((e) => ({ id: Number(e.id), filename: e.filename, mimeType: e.mime_type, sizeBytes: Number(e.size_bytes) })),
    actions,
    timeline: await matterTimeline(db, id),
  };
}

/**
 * Evidence must be the unit's own uploads; every bad one is named at once. Also what the dropped foreign key to
 * attachments guaranteed (a reference table may not point at the distributed attachments): the caller links the
 * files in the same transaction, and attachments are never deleted.
 */
async function checkEvidence(tx: Tx, ctx: RequestContext, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return unique;
  const own = new Set(
    (
      await tx
        .selectFrom('attachments')
        .select('id')
        .where('id', 'in', unique)
        .where('organization_id', '=', ctx.actor.organizationId ?? -1)
        .execute()
    ).map((a) => Number(a.id)),
  );
  const issues: FieldIssue[] = [];
  unique.forEach((a, i) => {
    if (!own.has(a)) issues.push({ path: `attachmentIds.${i}`, reason: 'field.matter.evidenceNotOwn' });
  });
  if (issues.length) throw badRequest(issues);
  return unique;
}

/** A unit raises a matter: the deadline follows from its urgency, and the office hears of it at once. */
export async function raiseMatter(deps: AppDeps, ctx: RequestContext, input: RaiseMatterInput, now = Date.now()): Promise<MatterDetailView> {
  authorize(ctx.actor, planMatterPolicy, 'raise');
  const days = await answerDays(deps, input.urgency);
  const id = await inTransaction(deps.database, async (tx) => {
    const attachmentIds = await checkEvidence(tx, ctx, input.attachmentIds);
    const at = new Date(now).toISOString();
    // The day it is raised counts as the first of the days allowed.
    const dueAt = endOfShanghaiDate(addDays(shanghaiDate(now), days - 1)).toISOString();
    const row = await tx
      .insertInto('plan_matters')
      .values({
        title: input.title,
        description: input.description,
        urgency: input.urgency,
        organization_id: ctx.actor.organizationId!,
        raised_by: ctx.actor.userId,
        raised_at: at,
        due_at: dueAt,
        status: 'raised',
        escalated_to_organization_id: null,
        escalated_at: null,
        escalation_note: null,
        answer: null,
        answered_by: null,
        answered_by_organization_id: null,
        answered_at: null,
        closed_at: null,
        closing_note: null,
        withdrawn_reason: null,
        is_demo: 0,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const matterId = Number(row.id);
    if (attachmentIds.length)
      await tx
        .insertInto('plan_matter_evidence')
        .values(attachmentIds.map((attachment_id, position) => ({ matter_id: matterId, attachment_id, position })))
        .execute();
    const office = await organizationIdByCode(tx, OFFICE.code);
    await enter(tx, ctx, planMatterWorkflow, {
      id: matterId,
      action: 'raise',
      organizationId: ctx.actor.organizationId,
      params: { urgency: input.urgency, dueAt },
      audit: { after: { title: input.title, urgency: input.urgency, dueAt, attachmentIds } },
      notify: {
        organizationId: office,
        kind: 'plan_matter_raised',
        params: { title: input.title },
        link: `/plan/matters/${matterId}`,
        dedupeKey: `plan-matter-raised:${matterId}`,
      },
    });
    return matterId;
  });
  return getMatter(deps, ctx, id, now);
}

interface Decision {
  action: Exclude<MatterAction, 'raise'>;
  set: Parameters<typeof move<'plan_matters', MatterAction>>[3]['set'];
  note: string | null;
  /** Who hears of it: the unit, the office or the work team; none for a move nobody waits for. */
  notify?: (r: MatterRow, tx: Tx) => Promise<{ organizationId: number; kind: string }>;
}

/** One move of a matter by whoever the policy lets make it, with its timeline entry, audit record and notice. */
async function decide(deps: AppDeps, ctx: RequestContext, id: number, d: Decision): Promise<MatterDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const r = await loadRow(tx, id);
    authorize(ctx.actor, planMatterPolicy, d.action, recordOf(r), id);
    const to = d.notify ? await d.notify(r, tx) : null;
    await move(tx, ctx, planMatterWorkflow, {
      id,
      action: d.action,
      from: r.status,
      set: d.set,
      note: d.note,
      organizationId: Number(r.organization_id),
      audit: { after: { note: d.note } },
      notify: to
        ? (m) => ({
            organizationId: to.organizationId,
            kind: to.kind,
            params: { title: r.title },
            link: `/plan/matters/${id}`,
            dedupeKey: `plan-matter-${d.action}:${id}:timeline:${m.timelineId}`,
          })
        : null,
    });
  });
  return getMatter(deps, ctx, id);
}

const toUnit = (kind: string) => async (r: MatterRow) => ({ organizationId: Number(r.organization_id), kind });

/** The office answers a matter itself. */
export function answerMatter(deps: AppDeps, ctx: RequestContext, id: number, answer: string) {
  return decide(deps, ctx, id, {
    action: 'answer',
    note: answer,
    set: { answer, answered_by: ctx.actor.userId, answered_by_organization_id: ctx.actor.organizationId, answered_at: nowIso() },
    notify: toUnit('plan_matter_answered'),
  });
}

/** The office refers a matter to the work team, saying why; the work team's members are told. */
export async function escalateMatter(deps: AppDeps, ctx: RequestContext, id: number, note: string) {
  const workTeam = await organizationIdByCode(deps.database.db, WORK_TEAM.code);
  return decide(deps, ctx, id, {
    action: 'escalate',
    note,
    set: { escalated_to_organization_id: workTeam, escalated_at: nowIso(), escalation_note: note },
    notify: async () => ({ organizationId: workTeam, kind: 'plan_matter_escalated' }),
  });
}

/** The work team answers an escalated matter; the unit and the office see its answer. */
export function respondMatter(deps: AppDeps, ctx: RequestContext, id: number, answer: string) {
  return decide(deps, ctx, id, {
    action: 'respond',
    note: answer,
    set: { answer, answered_by: ctx.actor.userId, answered_by_organization_id: ctx.actor.organizationId, answered_at: nowIso() },
    notify: toUnit('plan_matter_answered'),
  });
}

/** The unit has read the answer and closes the matter. */
export function closeMatter(deps: AppDeps, ctx: RequestContext, id: number, note: string | undefined) {
  return decide(deps, ctx, id, {
    action: 'close',
    note: note || null,
    set: { closed_at: nowIso(), closing_note: note || null },
    notify: async (_r, tx) => ({ organizationId: await organizationIdByCode(tx, OFFICE.code), kind: 'plan_matter_closed' }),
  });
}

/** The unit takes back a matter nobody has answered yet. */
export function withdrawMatter(deps: AppDeps, ctx: RequestContext, id: number, reason: string) {
  return decide(deps, ctx, id, { action: 'withdraw', note: reason, set: { withdrawn_reason: reason, closed_at: nowIso() } });
}

/** An evidence file of a matter, for whoever may read the matter. Audited. */
export async function readMatterEvidence(deps: AppDeps, ctx: RequestContext, id: number, attachmentId: number, download = false) {
  const db = deps.database.db;
  const r = await loadRow(db, id);
  authorize(ctx.actor, planMatterPolicy, 'read', recordOf(r), id);
  const cited = await db
    .selectFrom('plan_matter_evidence')
    .select('matter_id')
    .where('matter_id', '=', id)
    .where('attachment_id', '=', attachmentId)
    .executeTakeFirst();
  if (!cited) throw notFound();
  return openAttachment(deps, ctx, attachmentId, { record: { entity: 'plan_matter', id }, download });
}
