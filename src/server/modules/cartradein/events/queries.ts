import { sql } from 'kysely';
import type { AppDeps } from '../../../core/deps.js';
import type { Actor, RequestContext } from '../../../core/context.js';
import { notFound } from '../../../core/errors.js';
import { authorize } from '../../../core/policy.js';
import { addDays, shanghaiDate } from '../../../core/time.js';
import { canMove } from '../../../core/workflow.js';
import type { Queryable } from '../../../db/database.js';
import { likePattern, paginate, type Page } from '../../../http/pagination.js';
import type { Grants } from '../../platform/grants/policy.js';
import { grantsOf } from '../../platform/grants/service.js';
import { timelineOf } from '../../platform/timeline/timeline.js';
import { promotionEventPolicy } from '../policies/event.js';
import type { CalendarQuery, EventDetailView, EventView, ListEventsQuery, MerchantOption } from './schema.js';
import { EDITABLE_STATUSES, LIVE_EVENT_STATUSES, promotionEventWorkflow } from './workflow.js';

/** No organisation has this id: asks the policy about somebody else's event. */
const ANOTHER_ORGANISATION = -1;

export function eventBase(db: Queryable) {
  return db
    .selectFrom('cartradein_events as e')
    .innerJoin('organizations as t', 't.id', 'e.town_id')
    .innerJoin('organizations as o', 'o.id', 'e.organization_id')
    .selectAll('e')
    .select(['t.name as town_name', 'o.name as organizer_name']);
}

type EventBase = ReturnType<typeof eventBase>;
type EventRow = Awaited<ReturnType<EventBase['execute']>>[number];

async function merchantsOf(db: Queryable, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('cartradein_event_merchants as m')
    .innerJoin('organizations as o', 'o.id', 'm.organization_id')
    .select(['m.event_id', 'm.organization_id', 'o.name'])
    .where('m.event_id', 'in', ids)
    .orderBy('o.name')
    .execute();
}

/** What `actor` may do to an event in its current status (the buttons a page shows). */
function actionsOn(actor: Actor, grants: Grants, r: EventRow): EventView['actions'] {
  const record = { grants, organization_id: Number(r.organization_id) };
  const out: EventView['actions'] = [];
  if ((EDITABLE_STATUSES as readonly string[]).includes(r.status) && promotionEventPolicy.can(actor, 'update', record)) out.push('update');
  if (canMove(promotionEventWorkflow, r.status, 'publish') && promotionEventPolicy.can(actor, 'publish', record)) out.push('publish');
  if (canMove(promotionEventWorkflow, r.status, 'cancel') && promotionEventPolicy.can(actor, 'cancel', record)) out.push('cancel');
  if (canMove(promotionEventWorkflow, r.status, 'reportResults') && r.starts_on <= shanghaiDate() && promotionEventPolicy.can(actor, 'reportResults', record))
    out.push('reportResults');
  return out;
}

async function toViews(db: Queryable, rows: EventRow[], actor: Actor, grants: Grants): Promise<EventView[]> {
  const merchants = await merchantsOf(
    db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    type: r.type,
    title: r.title,
    description: r.description,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    townId: Number(r.town_id),
    townName: r.town_name,
    place: r.place,
    organizerName: r.organizer_name,
    merchants: merchants.filter((m) => Number(m.event_id) === Number(r.id)).map((m) => ({ organizationId: Number(m.organization_id), name: m.name })),
    organizationId: Number(r.organization_id),
    status: r.status,
    results:
      r.results_reported_at === null
        ? null
        : {
            visitors: r.visitors ?? 0,
            salesFen: Number(r.sales_fen ?? 0),
            subsidiesRedeemedFen: Number(r.subsidies_redeemed_fen ?? 0),
            subsidiesRedeemedCount: r.subsidies_redeemed_count ?? 0,
            reportedAt: r.results_reported_at,
          },
    publishedAt: r.published_at,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    actions: actionsOn(actor, grants, r),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/**
 * A draft is seen by those who may see anyone's drafts (managers, auditors) and by its organiser; to anyone else
 * it does not exist.
 */
function visibleTo<Q extends EventBase>(q: Q, actor: Actor, grants: Grants): Q {
  if (promotionEventPolicy.can(actor, 'readDraft', { grants, organization_id: ANOTHER_ORGANISATION })) return q;
  const own = actor.organizationId ?? ANOTHER_ORGANISATION;
  return q.where((eb) => eb.or([eb('e.status', '!=', 'draft'), eb('e.organization_id', '=', own)])) as Q;
}

export async function loadEvent(db: Queryable, ctx: RequestContext, id: number): Promise<EventDetailView> {
  const grants = await grantsOf(db, ctx.actor, 'cartradein');
  const rows = await visibleTo(eventBase(db), ctx.actor, grants).where('e.id', '=', id).execute();
  const [view] = await toViews(db, rows, ctx.actor, grants);
  if (!view) throw notFound();
  const timeline = (await timelineOf(db, promotionEventWorkflow, id)).map((e) => ({
    at: e.at,
    action: e.action,
    from: e.fromStatus,
    to: e.toStatus,
    actorRole: e.actorRole,
    note: e.note,
  }));
  return { ...view, timeline };
}

export async function getPromotionEvent(deps: AppDeps, ctx: RequestContext, id: number): Promise<EventDetailView> {
  authorize(ctx.actor, promotionEventPolicy, 'read');
  return loadEvent(deps.database.db, ctx, id);
}

/** Events overlapping [from, to]. */
function inWindow<Q extends EventBase>(q: Q, from: string | undefined, to: string | undefined): Q {
  let out = q;
  if (from) out = out.where('e.ends_on', '>=', from) as Q;
  if (to) out = out.where('e.starts_on', '<=', to) as Q;
  return out;
}

export async function listPromotionEvents(deps: AppDeps, ctx: RequestContext, q: ListEventsQuery): Promise<Page<EventView>> {
  authorize(ctx.actor, promotionEventPolicy, 'list');
  const db = deps.database.db;
  const grants = await grantsOf(db, ctx.actor, 'cartradein');
  let base = visibleTo(inWindow(eventBase(db), q.from, q.to), ctx.actor, grants);
  if (q.townId) base = base.where('e.town_id', '=', q.townId);
  if (q.type) base = base.where('e.type', '=', q.type);
  if (q.status) base = base.where('e.status', '=', q.status);
  if (q.q) {
    const p = likePattern(q.q);
    base = base.where((eb) => eb.or([sql<boolean>`${eb.ref('e.title')} like ${p} escape '\\'`, sql<boolean>`${eb.ref('e.place')} like ${p} escape '\\'`]));
  }
  if (q.mine === 'true') {
    const org = ctx.actor.organizationId ?? ANOTHER_ORGANISATION;
    base = base.where((eb) =>
      eb.or([
        eb('e.organization_id', '=', org),
        eb.exists(
          eb.selectFrom('cartradein_event_merchants as m').select('m.event_id').whereRef('m.event_id', '=', 'e.id').where('m.organization_id', '=', org),
        ),
      ]),
    );
  }
  // The newest first: organisers work on what is coming and what just happened.
  const page = await paginate(base, (b) => b.orderBy('e.starts_on', 'desc').orderBy('e.id', 'desc'), q);
  return { ...page, items: await toViews(db, page.items, ctx.actor, grants) };
}

/** The public calendar: published events (and held ones, results left out) overlapping the window. No login. */
export async function promotionEventCalendar(deps: AppDeps, ctx: RequestContext, q: CalendarQuery) {
  authorize(ctx.actor, promotionEventPolicy, 'calendar');
  const db = deps.database.db;
  const from = q.from ?? shanghaiDate();
  const to = q.to ?? addDays(from, 90);
  let base = inWindow(eventBase(db), from, to).where('e.status', 'in', LIVE_EVENT_STATUSES);
  if (q.townId) base = base.where('e.town_id', '=', q.townId);
  if (q.type) base = base.where('e.type', '=', q.type);
  const rows = await base.orderBy('e.starts_on').orderBy('e.id').limit(500).execute();
  const merchants = await merchantsOf(
    db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    type: r.type,
    title: r.title,
    description: r.description,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    townId: Number(r.town_id),
    townName: r.town_name,
    place: r.place,
    organizerName: r.organizer_name,
    merchants: merchants.filter((m) => Number(m.event_id) === Number(r.id)).map((m) => ({ organizationId: Number(m.organization_id), name: m.name })),
  }));
}

/** The enterprises an organiser may name as participants: active enterprise organisations, by name. */
export async function eventMerchantOptions(
  deps: AppDeps,
  ctx: RequestContext,
  q: { q?: string | undefined; ids?: string | undefined },
): Promise<MerchantOption[]> {
  authorize(ctx.actor, promotionEventPolicy, 'create', { grants: await grantsOf(deps.database.db, ctx.actor, 'cartradein') });
  let base = deps.database.db.selectFrom('organizations').select(['id', 'name']).where('kind', '=', 'enterprise').where('status', '=', 'active');
  if (q.ids) base = base.where('id', 'in', q.ids.split(',').map(Number));
  else if (q.q) {
    const p = likePattern(q.q);
    base = base.where((eb) => sql<boolean>`${eb.ref('name')} like ${p} escape '\\'`);
  }
  const rows = await base.orderBy('name').orderBy('id').limit(50).execute();
  return rows.map((r) => ({ organizationId: Number(r.id), name: r.name }));
}
