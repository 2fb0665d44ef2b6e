import type { RequestContext } from '../../../core/context.js';
import { hasRole } from '../../../core/policy.js';
import type { Queryable } from '../../../db/database.js';
import type { NoticeRecord } from './policy.js';
import type { NoticeAudience, NoticeStatus } from './tables.js';

const readsAll = hasRole('office', 'auditor');
const isUnit = hasRole('department', 'town');

/** Notices with the caller's organisation's confirmation beside each. */
export function noticeRows(db: Queryable, ctx: RequestContext) {
  return db
    .selectFrom('notices as n')
    .leftJoin('notice_reads as r', (j) => j.onRef('r.notice_id', '=', 'n.id').on('r.organization_id', '=', ctx.actor.organizationId ?? -1))
    .leftJoin('users as cu', 'cu.id', 'r.user_id')
    .selectAll('n')
    .select(['r.confirmed_at', 'cu.display_name as confirmed_by']);
}
export type NoticeRowsQuery = ReturnType<typeof noticeRows>;
export type NoticeRow = Awaited<ReturnType<NoticeRowsQuery['executeTakeFirstOrThrow']>>;

/**
 * What a caller may list: the office and auditors every notice, drafts included; anyone else signed in the
 * published ones addressed to them — public ones, those to every unit (departments and towns), those naming their
 * organisation.
 */
export function visibleTo(qb: NoticeRowsQuery, ctx: RequestContext): NoticeRowsQuery {
  if (readsAll(ctx.actor)) return qb;
  const org = ctx.actor.organizationId ?? -1;
  const unit = isUnit(ctx.actor);
  return qb
    .where('n.status', '=', 'published')
    .where((eb) =>
      eb.or([
        eb('n.audience', '=', 'public'),
        ...(unit ? [eb('n.audience', '=', 'all')] : []),
        eb.and([
          eb('n.audience', '=', 'units'),
          eb.exists(
            eb.selectFrom('notice_recipients as nr').select('nr.notice_id').whereRef('nr.notice_id', '=', 'n.id').where('nr.organization_id', '=', org),
          ),
        ]),
      ]),
    );
}

/** The policy's view of one notice for this caller. */
export async function noticeRecord(
  db: Queryable,
  ctx: RequestContext,
  n: { id: number; audience: NoticeAudience; status: NoticeStatus },
): Promise<NoticeRecord> {
  const org = ctx.actor.organizationId;
  let addressedAsUnit = false;
  if (org !== null && isUnit(ctx.actor)) {
    if (n.audience === 'all') addressedAsUnit = true;
    else if (n.audience === 'units')
      addressedAsUnit = !!(await db
        .selectFrom('notice_recipients')
        .select('notice_id')
        .where('notice_id', '=', n.id)
        .where('organization_id', '=', org)
        .executeTakeFirst());
  }
  return {
    id: n.id,
    published: n.status === 'published',
    addressedToActor: n.audience === 'public' || addressedAsUnit,
    confirmable: addressedAsUnit && isUnit(ctx.actor),
  };
}

/** The organisations a notice asks to confirm: every active department and town, or those chosen; none for the public. */
export function addressedOrganizations(db: Queryable, n: { id: number; audience: NoticeAudience }) {
  const base = db.selectFrom('organizations as o').select(['o.id', 'o.name', 'o.kind']);
  if (n.audience === 'all') return base.where('o.kind', 'in', ['department', 'town']).where('o.status', '=', 'active');
  if (n.audience === 'units') return base.innerJoin('notice_recipients as nr', 'nr.organization_id', 'o.id').where('nr.notice_id', '=', n.id);
  return base.where('o.id', '=', -1);
}
