import type { Queryable } from '../../../db/database.js';
import type { MatterSortKey, MatterView } from './schema.js';
import { AWAITING_ANSWER, MATTER_STATUSES, MATTER_URGENCIES } from './tables.js';

/** A matter with the names its views show. */
export function matterRows(db: Queryable) {
  return db
    .selectFrom('plan_matters as m')
    .innerJoin('organizations as o', 'o.id', 'm.organization_id')
    .leftJoin('organizations as w', 'w.id', 'm.escalated_to_organization_id')
    .leftJoin('organizations as a', 'a.id', 'm.answered_by_organization_id')
    .selectAll('m')
    .select(['o.name as organization_name', 'o.kind as organization_kind', 'w.name as escalated_to_name', 'a.name as answered_by_name']);
}
type MatterRowsQuery = ReturnType<typeof matterRows>;
export type MatterRow = Awaited<ReturnType<MatterRowsQuery['executeTakeFirstOrThrow']>>;

export const isOverdue = (r: Pick<MatterRow, 'status' | 'due_at'>, now: number) => AWAITING_ANSWER.includes(r.status) && Date.parse(r.due_at) <= now;

export function matterView(r: MatterRow, now = Date.now()): MatterView {
  return {
    id: Number(r.id),
    title: r.title,
    urgency: r.urgency,
    status: r.status,
    organization: { id: Number(r.organization_id), name: r.organization_name, kind: r.organization_kind },
    raisedAt: r.raised_at,
    dueAt: r.due_at,
    overdue: isOverdue(r, now),
    escalatedTo: r.escalated_to_organization_id === null ? null : { id: Number(r.escalated_to_organization_id), name: r.escalated_to_name ?? '' },
    answeredAt: r.answered_at,
    closedAt: r.closed_at,
    demo: r.is_demo === 1,
  };
}

/** By one whitelisted column, then by id the same way so pages never overlap; without `sort`, newest first. */
export function sortedBy(qb: MatterRowsQuery, sort: MatterSortKey | undefined, order: 'asc' | 'desc'): MatterRowsQuery {
  switch (sort) {
    case undefined:
      return qb.orderBy('m.raised_at', 'desc').orderBy('m.id', 'desc');
    case 'raisedAt':
      qb = qb.orderBy('m.raised_at', order);
      break;
    case 'dueAt':
      qb = qb.orderBy('m.due_at', order);
      break;
    case 'title':
      qb = qb.orderBy('m.title', order);
      break;
    case 'organization':
      qb = qb.orderBy('o.name', order);
      break;
    // Urgency and status sort in their own order (一般 < 紧急 < 特急; the workflow's order), not by code.
    case 'urgency':
      qb = qb.orderBy((eb) => {
        let c = eb.case().when('m.urgency', '=', MATTER_URGENCIES[0]).then(0);
        for (const [i, u] of MATTER_URGENCIES.entries()) if (i > 0) c = c.when('m.urgency', '=', u).then(i);
        return c.end();
      }, order);
      break;
    case 'status':
      qb = qb.orderBy((eb) => {
        let c = eb.case().when('m.status', '=', MATTER_STATUSES[0]).then(0);
        for (const [i, s] of MATTER_STATUSES.entries()) if (i > 0) c = c.when('m.status', '=', s).then(i);
        return c.end();
      }, order);
      break;
  }
  return qb.orderBy('m.id', order);
}
