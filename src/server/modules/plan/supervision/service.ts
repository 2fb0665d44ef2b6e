import type { Updateable } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { RequestContext } from '../../../core/context.js';
import { badRequest, notFound, type FieldIssue } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { endOfShanghaiDate, shanghaiDate } from '../../../core/time.js';
import { enter, move, type WorkflowNotification } from '../../../core/workflow.js';
import { inTransaction, type Queryable, type Tx } from '../../../db/database.js';
import { nowIso } from '../../../db/time.js';
import type { Page } from '../../../http/pagination.js';
import { openAttachment } from '../../platform/attachments/service.js';
import { timelineOf } from '../../platform/timeline/timeline.js';
import { supervisionOrderPolicy } from './policies/order.js';
import { actionsFor, alertDay, coloursOf, evidenceOf, filtered, orderRecord, orderRows, orderView, scopedTo, sortedBy, type OrderRow } from './orders.js';
import type { FeedbackInput, OrderDetailView, OrderExportQuery, OrderListQuery, OrderView, RaiseOrderInput } from './schema.js';
import type { SupervisionOrderTable } from './tables.js';
import { supervisionOrderWorkflow, type OrderAction } from './workflow.js';

/** One function per use case, each in one transaction: policy check, the move through the kernel, audit, notices. */

export async function listOrders(deps: AppDeps, ctx: RequestContext, q: OrderListQuery): Promise<Page<OrderView>> {
  authorize(ctx.actor, supervisionOrderPolicy, 'list');
  const db = deps.database.db;
  const day = await alertDay(db);
  const base = filtered(scopedTo(orderRows(db), ctx), q, day);
  const total = await base
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await sortedBy(base, q.sort, q.order)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const ids = rows.map((r) => Number(r.id));
  const [evidence, colours] = await Promise.all([evidenceOf(db, ids), coloursOf(db, ids, day)]);
  return {
    items: rows.map((r) => orderView(r, evidence.get(Number(r.id)) ?? [], colours.get(Number(r.id)) ?? null)),
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Every order the list would show, in its order (the Excel export); at most 5,000 rows. */
export async function listOrdersForExport(deps: AppDeps, ctx: RequestContext, q: OrderExportQuery): Promise<OrderView[]> {
  authorize(ctx.actor, supervisionOrderPolicy, 'export');
  const db = deps.database.db;
  const day = await alertDay(db);
  const rows = await sortedBy(filtered(scopedTo(orderRows(db), ctx), q, day), q.sort, q.order)
    .limit(5000)
    .execute();
  const colours = await coloursOf(
    db,
    rows.map((r) => Number(r.id)),
    day,
  );
  return rows.map((r) => orderView(r, [], colours.get(Number(r.id)) ?? null));
}

async function loadRow(db: Queryable, id: number): Promise<OrderRow> {
  const r = await orderRows(db).where('s.id', '=', id).executeTakeFirst();
  if (!r) throw notFound();
  return r;
}

export async function getOrder(deps: AppDeps, ctx: RequestContext, id: number): Promise<OrderDetailView> {
  const db = deps.database.db;
  const r = await loadRow(db, id);
  authorize(ctx.actor, supervisionOrderPolicy, 'read', orderRecord(r), id);
  const day = await alertDay(db);
  const [evidence, colours, timeline] = await Promise.all([evidenceOf(db, [id]), coloursOf(db, [id], day), timelineOf(db, supervisionOrderWorkflow, id)]);
  return {
    ...orderView(r, evidence.get(id) ?? [], colours.get(id) ?? null),
    events: timeline.map((e) => ({
      id: e.id,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
      reason: e.reasons[0] ?? null,
      actorRole: e.actorRole,
      at: e.at,
    })),
    actions: actionsFor(ctx, r),
  };
}

/** The title of what the order is about, from the plan it belongs to; null when the plan has no such item. */
async function subjectTitle(db: Queryable, input: Pick<RaiseOrderInput, 'planId' | 'subject' | 'subjectId'>): Promise<string | null> {
  const { planId, subjectId } = input;
  const row =
    input.subject === 'indicator'
      ? await db.selectFrom('indicators').select('name as title').where('id', '=', subjectId).where('plan_id', '=', planId).executeTakeFirst()
      : input.subject === 'task'
        ? await db.selectFrom('plan_tasks').select('title').where('id', '=', subjectId).where('plan_id', '=', planId).executeTakeFirst()
        : await db.selectFrom('milestones').select('title').where('id', '=', subjectId).where('plan_id', '=', planId).executeTakeFirst();
  return row?.title ?? null;
}

const toUnit = (r: Pick<OrderRow, 'id' | 'organization_id'>, kind: string, params: Record<string, string | number>, key: string): WorkflowNotification => ({
  organizationId: Number(r.organization_id),
  kind,
  params,
  link: `/plan/orders/${r.id}`,
  dedupeKey: key,
});

/** The office is every active office organisation (there is one; a test database may hold more). */
async function officeIds(db: Queryable): Promise<number[]> {
  const rows = await db.selectFrom('organizations').select('id').where('kind', '=', 'office').where('status', '=', 'active').execute();
  return rows.map((o) => Number(o.id));
}

/** A calendar day that exists (no 2 February 30th). */
const validDay = (d: string) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/** Raises an order (立项), and issues it at once when asked (下发): the dashboard's one click. */
export async function raiseOrder(deps: AppDeps, ctx: RequestContext, input: RaiseOrderInput, now = Date.now()): Promise<OrderDetailView> {
  authorize(ctx.actor, supervisionOrderPolicy, 'raise');
  const id = await inTransaction(deps.database, async (tx) => {
    const issues: FieldIssue[] = [];
    const plan = await tx.selectFrom('plans').select('id').where('id', '=', input.planId).executeTakeFirst();
    if (!plan) issues.push({ path: 'planId', reason: 'field.order.planUnknown' });
    const title = plan ? await subjectTitle(tx, input) : null;
    if (plan && title === null) issues.push({ path: 'subjectId', reason: 'field.order.subjectUnknown' });
    const unit = await tx.selectFrom('organizations').select(['id', 'kind', 'status']).where('id', '=', input.organizationId).executeTakeFirst();
    if (!unit || (unit.kind !== 'department' && unit.kind !== 'town') || unit.status !== 'active')
      issues.push({ path: 'organizationId', reason: 'field.order.notAUnit' });
    if (!validDay(input.deadlineDate)) issues.push({ path: 'deadlineDate', reason: 'field.order.deadlineInvalid' });
    else if (input.deadlineDate < shanghaiDate(now)) issues.push({ path: 'deadlineDate', reason: 'field.order.deadlinePast' });
    if (issues.length) throw badRequest(issues);
    const at = nowIso();
    const row = await tx
      .insertInto('plan_supervision_orders')
      .values({
        plan_id: input.planId,
        subject: input.subject,
        subject_id: input.subjectId,
        subject_title: title!,
        organization_id: input.organizationId,
        matter: input.matter,
        requirement: input.requirement,
        deadline_date: input.deadlineDate,
        deadline_at: endOfShanghaiDate(input.deadlineDate).toISOString(),
        status: 'draft',
        feedback: null,
        return_reason: null,
        review_note: null,
        return_count: 0,
        raised_by: ctx.actor.userId,
        issued_at: null,
        signed_at: null,
        signed_by: null,
        fed_back_at: null,
        closed_at: null,
        is_demo: 0,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const orderId = Number(row.id);
    await enter(tx, ctx, supervisionOrderWorkflow, {
      id: orderId,
      action: 'raise',
      organizationId: input.organizationId,
      params: { subject: input.subject, subjectId: input.subjectId, deadline: input.deadlineDate },
      audit: { after: { ...input } },
    });
    if (input.issue) await issueIn(tx, ctx, await loadRow(tx, orderId));
    return orderId;
  });
  return getOrder(deps, ctx, id);
}

async function issueIn(tx: Tx, ctx: RequestContext, r: OrderRow): Promise<void> {
  authorize(ctx.actor, supervisionOrderPolicy, 'issue', orderRecord(r), Number(r.id));
  await move(tx, ctx, supervisionOrderWorkflow, {
    id: Number(r.id),
    action: 'issue',
    from: r.status,
    set: { issued_at: nowIso() },
    organizationId: Number(r.organization_id),
    notify: toUnit(r, 'plan_order_issued', { matter: r.matter, deadline: r.deadline_date }, `plan-order-issued:${r.id}`),
  });
}

/** A move by whoever the policy lets make it, with the columns it writes and whom it tells. */
async function step(
  deps: AppDeps,
  ctx: RequestContext,
  id: number,
  action: Exclude<OrderAction, 'raise'>,
  make: (
    tx: Tx,
    r: OrderRow,
  ) => Promise<{
    set?: Omit<Updateable<SupervisionOrderTable>, 'status'>;
    note?: string | null;
    reasons?: string[];
    notify?: WorkflowNotification | WorkflowNotification[] | ((timelineId: number) => WorkflowNotification | WorkflowNotification[]);
    after?: (tx: Tx) => Promise<void>;
  }>,
): Promise<OrderDetailView> {
  await inTransaction(deps.database, async (tx) => {
    const r = await loadRow(tx, id);
    if (action === 'issue') return issueIn(tx, ctx, r);
    authorize(ctx.actor, supervisionOrderPolicy, action, orderRecord(r), id);
    const m = await make(tx, r);
    const n = m.notify;
    await move(tx, ctx, supervisionOrderWorkflow, {
      id,
      action,
      from: r.status,
      set: m.set,
      note: m.note ?? null,
      reasons: m.reasons,
      organizationId: Number(r.organization_id),
      audit: { after: { ...m.set } },
      notify: typeof n === 'function' ? (moved) => n(moved.timelineId) : n,
    });
    await m.after?.(tx);
  });
  return getOrder(deps, ctx, id);
}

export const issueOrder = (deps: AppDeps, ctx: RequestContext, id: number) => step(deps, ctx, id, 'issue', async () => ({}));

/** The unit signs for the order (签收); two members signing at once: one succeeds, the other gets 409. */
export const signOrder = (deps: AppDeps, ctx: RequestContext, id: number) =>
  step(deps, ctx, id, 'sign', async (tx, r) => ({
    set: { signed_at: nowIso(), signed_by: ctx.actor.userId },
    notify: (await officeIds(tx)).map((o) => ({
      organizationId: o,
      kind: 'plan_order_signed',
      params: { matter: r.matter, unit: r.organization_name },
      link: `/plan/orders/${r.id}`,
      dedupeKey: `plan-order-signed:${r.id}:${o}`,
    })),
  }));

export const handleOrder = (deps: AppDeps, ctx: RequestContext, id: number, note: string | null | undefined) =>
  step(deps, ctx, id, 'handle', async () => ({ note: note ?? null }));

/** The unit reports what it did (反馈) with its evidence: files it uploaded itself, replacing any sent before. */
export const feedbackOrder = (deps: AppDeps, ctx: RequestContext, id: number, input: FeedbackInput) =>
  step(deps, ctx, id, 'feedback', async (tx, r) => {
    const ids = [...new Set(input.attachmentIds ?? [])];
    // Also what the dropped foreign key to attachments guaranteed (a reference table may not point at the
    // distributed attachments): checked in the transaction that links them, and attachments are never deleted.
    if (ids.length) {
      const own = await tx
        .selectFrom('attachments')
        .select('id')
        .where('id', 'in', ids)
        .where('organization_id', '=', ctx.actor.organizationId ?? -1)
        .execute();
      const ownIds = new Set(own.map((a) => Number(a.id)));
      const issues = ids.flatMap((a, i) => (ownIds.has(a) ? [] : [{ path: `attachmentIds.${i}`, reason: 'field.order.evidenceNotOwn' as const }]));
      if (issues.length) throw badRequest(issues);
    }
    const offices = await officeIds(tx);
    return {
      set: { feedback: input.feedback, fed_back_at: nowIso() },
      note: input.feedback,
      // Feedback can come more than once (after a return): each is its own notice, keyed on its timeline entry.
      notify: (timelineId) =>
        offices.map((o) => ({
          organizationId: o,
          kind: 'plan_order_fed_back',
          params: { matter: r.matter, unit: r.organization_name },
          link: `/plan/orders/${r.id}`,
          dedupeKey: `plan-order-fed-back:${r.id}:timeline:${timelineId}:${o}`,
        })),
      after: async (t) => {
        await t.deleteFrom('plan_supervision_order_evidence').where('order_id', '=', id).execute();
        if (ids.length)
          await t
            .insertInto('plan_supervision_order_evidence')
            .values(ids.map((attachment_id, position) => ({ order_id: id, attachment_id, position })))
            .execute();
      },
    };
  });

/** The office closes the order after review (复核 → 办结). */
export const closeOrder = (deps: AppDeps, ctx: RequestContext, id: number, note: string | null | undefined) =>
  step(deps, ctx, id, 'close', async (_tx, r) => ({
    set: { closed_at: nowIso(), review_note: note ?? null },
    note: note ?? null,
    notify: toUnit(r, 'plan_order_closed', { matter: r.matter }, `plan-order-closed:${r.id}`),
  }));

/** The office sends the answer back with its reason (退回): the unit handles it again. */
export const returnOrder = (deps: AppDeps, ctx: RequestContext, id: number, reason: string) =>
  step(deps, ctx, id, 'return', async (_tx, r) => ({
    set: { return_reason: reason, return_count: r.return_count + 1 },
    reasons: [reason],
    notify: (timelineId) => toUnit(r, 'plan_order_returned', { matter: r.matter, reason }, `plan-order-returned:${r.id}:timeline:${timelineId}`),
  }));

/** An evidence file of an order, for whoever may read the order; audited by the attachments kernel. */
export async function readOrderEvidence(deps: AppDeps, ctx: RequestContext, id: number, attachmentId: number, download = false) {
  const db = deps.database.db;
  const r = await loadRow(db, id);
  authorize(ctx.actor, supervisionOrderPolicy, 'read', orderRecord(r), id);
  const cited = await db
    .selectFrom('plan_supervision_order_evidence')
    .select('attachment_id')
    .where('order_id', '=', id)
    .where('attachment_id', '=', attachmentId)
    .executeTakeFirst();
  if (!cited) throw notFound();
  return openAttachment(deps, ctx, attachmentId, { record: { entity: 'plan_supervision_order', id }, download });
}
