import type { OrderByItemBuilder } from 'kysely';
import type { RequestContext } from '../../../core/context.js';
import { shanghaiDate } from '../../../core/time.js';
import { canMove } from '../../../core/workflow.js';
import type { Queryable } from '../../../db/database.js';
import { likePattern } from '../../../http/pagination.js';
import { readsAllOrders } from './policies/common.js';
import { supervisionOrderPolicy } from './policies/order.js';
import type { OrderFilters, OrderSortKey, OrderView } from './schema.js';
import { ORDER_STATUSES, UNIT_OWES_STATUSES, type AlertColour } from './tables.js';
import { ORDER_ACTIONS, supervisionOrderWorkflow, type OrderAction } from './workflow.js';

/** Reading orders: the rows with their unit, scoping, filters, order and views (the moves are in service.ts). */
export function orderRows(db: Queryable) {
  return db
    .selectFrom('plan_supervision_orders as s')
    .innerJoin('organizations as o', 'o.id', 's.organization_id')
    .select([
      's.id',
      's.plan_id',
      's.subject',
      's.subject_id',
      's.subject_title',
      's.organization_id',
      's.matter',
      's.requirement',
      's.deadline_date',
      's.deadline_at',
      's.status',
      's.feedback',
      's.return_reason',
      's.review_note',
      's.return_count',
      's.raised_by',
      's.issued_at',
      's.signed_at',
      's.fed_back_at',
      's.closed_at',
      's.is_demo',
      's.created_at',
      's.updated_at',
      'o.name as organization_name',
      'o.kind as organization_kind',
    ]);
}
type OrderRowsQuery = ReturnType<typeof orderRows>;
export type OrderRow = Awaited<ReturnType<OrderRowsQuery['executeTakeFirstOrThrow']>>;

export const orderRecord = (r: OrderRow) => ({ id: Number(r.id), organizationId: Number(r.organization_id), status: r.status });

export const isOverdue = (r: Pick<OrderRow, 'status' | 'deadline_at'>, now = Date.now()) =>
  UNIT_OWES_STATUSES.includes(r.status) && Date.parse(r.deadline_at) <= now;

/** The office and auditors read every order; a unit the orders issued to it (a draft is the office's until issued). */
export function scopedTo(qb: OrderRowsQuery, ctx: RequestContext): OrderRowsQuery {
  return readsAllOrders(ctx.actor) ? qb : qb.where('s.organization_id', '=', ctx.actor.organizationId ?? -1).where('s.status', '!=', 'draft');
}

/** The day whose alerts colour the list: the last computed, so the list agrees with the dashboard. */
export async function alertDay(db: Queryable): Promise<string | null> {
  const row = await db
    .selectFrom('plan_alerts')
    .select((eb) => eb.fn.max('day').as('day'))
    .where('day', '<=', shanghaiDate())
    .executeTakeFirst();
  return (row?.day as string | null | undefined) ?? null;
}

export function filtered(qb: OrderRowsQuery, f: OrderFilters & { q?: string | undefined }, day: string | null, now = Date.now()): OrderRowsQuery {
  if (f.planId !== undefined) qb = qb.where('s.plan_id', '=', f.planId);
  if (f.status !== undefined) qb = qb.where('s.status', '=', f.status);
  if (f.organizationId !== undefined) qb = qb.where('s.organization_id', '=', f.organizationId);
  if (f.subject !== undefined) qb = qb.where('s.subject', '=', f.subject);
  if (f.subjectId !== undefined) qb = qb.where('s.subject_id', '=', f.subjectId);
  if (f.open !== undefined) qb = f.open === 'true' ? qb.where('s.status', 'not in', ['closed']) : qb.where('s.status', '=', 'closed');
  if (f.overdue !== undefined) {
    const at = new Date(now).toISOString();
    qb =
      f.overdue === 'true'
        ? qb.where('s.status', 'in', [...UNIT_OWES_STATUSES]).where('s.deadline_at', '<=', at)
        : qb.where((eb) => eb.or([eb('s.status', 'not in', [...UNIT_OWES_STATUSES]), eb('s.deadline_at', '>', at)]));
  }
  if (f.colour !== undefined) {
    const colour = f.colour;
    qb = qb.where('s.id', 'in', (eb) =>
      eb
        .selectFrom('plan_alerts')
        .select('subject_id')
        .where('subject', '=', 'order')
        .where('colour', '=', colour)
        .where('day', '=', day ?? ''),
    );
  }
  if (f.q) {
    const p = likePattern(f.q);
    qb = qb.where((eb) => eb.or([eb('s.matter', 'like', p), eb('s.subject_title', 'like', p), eb('o.name', 'like', p), eb('s.requirement', 'like', p)]));
  }
  return qb;
}

/** One whitelisted column, then id in the same direction so pages never overlap; statuses in workflow order. */
export function sortedBy(qb: OrderRowsQuery, sort: OrderSortKey | undefined, order: 'asc' | 'desc'): OrderRowsQuery {
  if (sort === undefined) return qb.orderBy('s.deadline_at', 'asc').orderBy('s.id', 'asc');
  const dir = (ob: OrderByItemBuilder) => (order === 'asc' ? ob.asc() : ob.desc());
  switch (sort) {
    case 'deadline':
      qb = qb.orderBy('s.deadline_at', order);
      break;
    case 'raisedAt':
      qb = qb.orderBy('s.created_at', order);
      break;
    case 'updatedAt':
      qb = qb.orderBy('s.updated_at', (ob) => dir(ob));
      break;
    case 'organization':
      qb = qb.orderBy('o.name', order);
      break;
    case 'status':
      qb = qb.orderBy((eb) => {
        let c = eb.case().when('s.status', '=', ORDER_STATUSES[0]).then(0);
        for (const [i, s] of ORDER_STATUSES.entries()) if (i > 0) c = c.when('s.status', '=', s).then(i);
        return c.end();
      }, order);
      break;
  }
  return qb.orderBy('s.id', order);
}

/** Today's colour of each of the orders (from the stored alerts). */
export async function coloursOf(db: Queryable, ids: number[], day: string | null): Promise<Map<number, AlertColour>> {
  if (!ids.length || day === null) return new Map();
  const rows = await db
    .selectFrom('plan_alerts')
    .select(['subject_id', 'colour'])
    .where('subject', '=', 'order')
    .where('day', '=', day)
    .where('subject_id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [Number(r.subject_id), r.colour]));
}

export async function evidenceOf(db: Queryable, ids: number[]): Promise<Map<number, OrderView['evidence']>> {
  const out = new Map<number, OrderView['evidence']>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('plan_supervision_order_evidence as e')
    .innerJoin('attachments as a', 'a.id', 'e.attachment_id')
    .select(['e.order_id', 'a.id', 'a.filename', 'a.mime_type', 'a.size_bytes'])
    .where('e.order_id', 'in', ids)
    .orderBy('e.order_id')
    .orderBy('e.position')
    .execute();
  for (const r of rows) {
    const list = out.get(Number(r.order_id)) ?? [];
    list.push({ id: Number(r.id), filename: r.filename, mimeType: r.mime_type, sizeBytes: Number(r.size_bytes) });
    out.set(Number(r.order_id), list);
  }
  return out;
}

export function orderView(r: OrderRow, evidence: OrderView['evidence'], colour: AlertColour | null, now = Date.now()): OrderView {
  return {
    id: Number(r.id),
    planId: Number(r.plan_id),
    subject: r.subject,
    subjectId: Number(r.subject_id),
    subjectTitle: r.subject_title,
    organization: { id: Number(r.organization_id), name: r.organization_name, kind: r.organization_kind },
    matter: r.matter,
    requirement: r.requirement,
    deadlineDate: r.deadline_date,
    status: r.status,
    overdue: isOverdue(r, now),
    colour,
    feedback: r.feedback,
    returnReason: r.return_reason,
    reviewNote: r.review_note,
    returnCount: r.return_count,
    issuedAt: r.issued_at,
    signedAt: r.signed_at,
    fedBackAt: r.fed_back_at,
    closedAt: r.closed_at,
    demo: r.is_demo === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    evidence,
  };
}

/** The moves the caller may make on the order now: allowed by the workflow from its status and by the policy. */
export function actionsFor(ctx: RequestContext, r: OrderRow): OrderAction[] {
  return ORDER_ACTIONS.filter(
    (a) => a !== 'raise' && canMove(supervisionOrderWorkflow, r.status, a) && supervisionOrderPolicy.can(ctx.actor, a, orderRecord(r)),
  );
}
